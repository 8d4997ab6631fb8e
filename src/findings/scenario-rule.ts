import { maybeSectionRef, sectionLabel } from './rfc-sections.js';
import type { Level } from './verdict.js';

export const MUST_TAG = '@must';
export const SHOULD_TAG = '@should';
export const MAY_TAG = '@may';

/** A scenario's level, from its tags: MUST unless it is tagged SHOULD (or MAY) and not MUST. */
export function levelOfTags(tags: readonly string[]): Level {
  if (tags.includes(MUST_TAG)) return 'must';
  if (tags.includes(SHOULD_TAG)) return 'should';
  return tags.includes(MAY_TAG) ? 'may' : 'must';
}

/** The rule a scenario judges: its first RFC section (`RFC 9112 §6.3`), else its profile tag (`@seed`). */
export function ruleOfTags(tags: readonly string[]): string {
  const section = tags.map(maybeSectionRef).find((ref) => ref !== undefined);
  return section === undefined ? (tags[0] ?? '(untagged)') : sectionLabel(section);
}

/** The profile of the bundled server's own choices (SPEC §2): judged only on the bundled server. */
export const BUNDLED_TAG = '@bundled';

/** Why a scenario is not for this target, from its profile, or undefined when it is. */
export function maybeNotForTarget(tags: readonly string[], target: { readonly bundled: boolean }): string | undefined {
  if (tags.includes(BUNDLED_TAG) && !target.bundled) return "the bundled server's own choice (SPEC), not an RFC rule: judged on the bundled server only";
  return undefined;
}
