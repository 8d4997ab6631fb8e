/**
 * The fixtures a scenario names: the quoted strings in its steps (`"rfc9112/framing/x"`, an
 * outline's `"rfc9110/responses/<fixture>"` once its row is filled in) that are the name of a
 * fixture file. Other quoted text (`the header "Connection" is "close"`) names none.
 */

/** A fixture's name: folders and a file name, no extension (`seed/post-root`). */
const FIXTURE_NAME = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)+$/;
const QUOTED = /"([^"]*)"/g;

/** The fixture names in `texts`, each once, in the order they first appear. */
export function fixtureNamesIn(texts: readonly string[], isFixture: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const [, quoted] of text.matchAll(QUOTED)) if (FIXTURE_NAME.test(quoted!) && isFixture(quoted!)) names.add(quoted!);
  return [...names];
}
