import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RFC_PROFILES, SHIPPED_PROFILES } from '../../src/cli/suite-check.js';
import { maybeSectionRef, maybeSectionTitle, sectionLabel } from '../../src/findings/rfc-sections.js';

// docs/profiles.md documents every tag of the shipped profiles with the number of scenarios it
// selects; their features must agree with it, and every RFC scenario must carry a profile, a
// section and a level. A folder of the user's own (features/my-area/) is not counted there.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LEVELS = ['@must', '@should', '@may'];

interface Scenario {
  readonly where: string;
  readonly profileFolder: string;
  readonly tags: readonly string[];
  readonly description: string;
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? featureFiles(join(dir, entry.name)) : entry.name.endsWith('.feature') ? [join(dir, entry.name)] : [],
  );
}

/** Every scenario of the shipped profiles, an outline's example rows each on their own, as Cucumber runs them. */
function scenarios(): Scenario[] {
  return SHIPPED_PROFILES.flatMap((profile) => featureFiles(join(ROOT, 'features', profile))).flatMap((file) => {
    const uri = relative(ROOT, file);
    const newId = IdGenerator.incrementing();
    const doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(file, 'utf8'));
    const descriptions = new Map<string, string>();
    for (const child of doc.feature?.children ?? []) if (child.scenario) descriptions.set(child.scenario.id, child.scenario.description);
    return compile(doc, uri, newId).map((pickle) => ({
      where: `${uri}: ${pickle.name}`,
      profileFolder: uri.split('/')[1]!,
      tags: [...new Set(pickle.tags.map((t) => t.name))],
      description: descriptions.get(pickle.astNodeIds[0]!) ?? '',
    }));
  });
}

/** `| \`@tag\` | … | count |` rows of docs/profiles.md: tag → [middle cells, count]. */
function documentedTags(): Map<string, { cells: string[]; count: number }> {
  const rows = new Map<string, { cells: string[]; count: number }>();
  for (const line of readFileSync(join(ROOT, 'docs/profiles.md'), 'utf8').split('\n')) {
    const found = /^\| `(@[^`]+)` \|(.*)\| (\d+) \|$/.exec(line);
    if (found === null) continue;
    assert.equal(rows.has(found[1]!), false, `${found[1]} is documented twice`);
    rows.set(found[1]!, { cells: found[2]!.split('|').map((c) => c.trim()), count: Number(found[3]) });
  }
  return rows;
}

test('every tag used is documented with the number of scenarios it selects, and every documented tag is used', () => {
  const counts = new Map<string, number>();
  for (const s of scenarios()) for (const tag of s.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const documented = documentedTags();
  for (const [tag, count] of counts) {
    assert.ok(documented.has(tag), `${tag} (${count} scenarios) is not in docs/profiles.md`);
    assert.equal(documented.get(tag)!.count, count, `docs/profiles.md says ${tag} selects ${documented.get(tag)!.count} scenarios; it selects ${count}`);
  }
  for (const tag of documented.keys()) assert.ok(counts.has(tag), `docs/profiles.md documents ${tag}, which no scenario carries`);
});

test('section rows name their section and the title src/findings/rfc-sections.ts knows', () => {
  for (const [tag, { cells }] of documentedTags()) {
    const ref = maybeSectionRef(tag);
    if (ref === undefined) continue;
    const title = maybeSectionTitle(ref);
    assert.ok(title !== undefined, `${tag} has no title in src/findings/rfc-sections.ts`);
    assert.equal(cells[0], `${sectionLabel(ref)} ${title}`, tag);
  }
});

test('every RFC and robustness scenario has its profile, one known section, one level and a quoted requirement', () => {
  const checked = scenarios().filter((s) => RFC_PROFILES.includes(s.profileFolder));
  assert.ok(checked.length >= 60, `only ${checked.length} scenarios beyond @seed`);
  for (const s of checked) {
    assert.ok(s.tags.includes(`@${s.profileFolder}`), `${s.where}: no @${s.profileFolder} tag`);
    const sections = s.tags.map(maybeSectionRef).filter((ref) => ref !== undefined);
    assert.equal(sections.length, 1, `${s.where}: ${sections.length} section tags`);
    assert.ok(maybeSectionTitle(sections[0]!) !== undefined, `${s.where}: ${sections[0]!.tag} is not in src/findings/rfc-sections.ts`);
    assert.equal(s.tags.filter((t) => LEVELS.includes(t)).length, 1, `${s.where}: needs exactly one of ${LEVELS.join(', ')}`);
    // The bundled server's own choices quote the SPEC; every other profile quotes its RFC.
    const quote = s.profileFolder === 'bundled' ? /^SPEC §[\d.]+[^:]*: / : /^RFC \d+ §[\d.]+: .*"/;
    assert.match(s.description.trim(), quote, `${s.where}: the description should quote its requirement, starting ${s.profileFolder === 'bundled' ? '"SPEC §x.y:"' : '"RFC nnnn §x.y:"'}`);
  }
});
