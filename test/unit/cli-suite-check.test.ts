import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkSuite, fixtureArguments, formatProblem, type StepDefinitionView } from '../../src/cli/suite-check.js';

// The check without a target: each kind of problem found at its file and line, and a clean
// suite found clean. The step definitions are stand-ins with the wording of steps/.

const PARAMETERS: Readonly<Record<string, string>> = {
  string: '("[^"]*")',
  int: '(-?\\d+)',
  fixtures: '("[^"]+"(?:(?:, | and )"[^"]+")*)',
};

function definition(pattern: string, arity: number, line: number): StepDefinitionView {
  const types = [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const regex = new RegExp(`^${pattern.replace(/\{(\w+)\}/g, (_, type: string) => PARAMETERS[type]!)}$`);
  return {
    where: `steps/fake.steps.ts:${line}`,
    pattern,
    arity,
    match: (text) => {
      const found = regex.exec(text);
      return found === null ? undefined : types.map((type, i) => ({ type, text: found[i + 1]! }));
    },
  };
}

const DEFINITIONS = [
  definition('the {string} request is sent', 1, 1),
  definition('the response matches the fixture', 0, 2),
  definition('the response matches {string}', 1, 3),
  definition('the header {string} matches {string}', 2, 4),
  definition('the requests {fixtures} are sent in one write', 1, 5),
  definition('this raw request is sent:', 1, 6),
  definition('the status is {int}', 1, 7),
  definition('the status is {int} or 201', 1, 8),
  definition('the status is {int} or {int}', 2, 9),
];

const GOOD_FIXTURE = 'why: a GET of the root\nrequest:\n  method: GET\n  target: /\nresponse:\n  status: 200\n';

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function suite(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'wirecheck-check-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function problems(files: Readonly<Record<string, string>>): string[] {
  return checkSuite(suite(files), DEFINITIONS).problems.map(formatProblem);
}

describe('checkSuite', () => {
  it('finds nothing wrong with a scenario of its own folder, whose steps and fixtures exist', () => {
    const root = suite({
      'fixtures/my-area/get-root.yaml': GOOD_FIXTURE,
      'features/my-area/root.feature': '@my-area\nFeature: mine\n  Scenario: GET /\n    When the "my-area/get-root" request is sent\n    Then the response matches the fixture\n    And the header "Content-Type" matches "a/b"\n',
    });
    assert.deepEqual(checkSuite(root, DEFINITIONS), { features: 1, scenarios: 1, fixtures: 1, problems: [] });
  });

  it('reports a Gherkin syntax error at its line', () => {
    const found = problems({ 'features/my-area/bad.feature': '@my-area\nFeature: mine\n  Scenario: one\n    When the status is 200\nFeature: a second one\n' });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^features\/my-area\/bad\.feature:5: expected: .*, got 'Feature: a second one'$/);
  });

  it('reports a step without a definition, one with two, and one given a docstring it does not take', () => {
    const found = problems({
      'fixtures/my-area/get-root.yaml': GOOD_FIXTURE,
      'features/my-area/steps.feature': [
        '@my-area',
        'Feature: mine',
        '  Scenario: steps',
        '    When the "my-area/get-root" request was sent',
        '    Then the status is 200 or 201',
        '    And the status is 200',
        '    And the response matches the fixture',
        '      """',
        '      text',
        '      """',
        '',
      ].join('\n'),
    });
    assert.deepEqual(found, [
      'features/my-area/steps.feature:4: no step definition matches "the "my-area/get-root" request was sent" (docs/steps.md lists every step)',
      'features/my-area/steps.feature:5: "the status is 200 or 201" matches 2 step definitions: steps/fake.steps.ts:8, steps/fake.steps.ts:9',
      'features/my-area/steps.feature:7: "the response matches the fixture" with a docstring gives 1 arguments; steps/fake.steps.ts:2 ("the response matches the fixture") takes 0',
    ]);
  });

  it('reports a missing fixture at the step that names it, an outline row by its line', () => {
    const found = problems({
      'fixtures/my-area/get-root.yaml': GOOD_FIXTURE,
      'features/my-area/outline.feature': [
        '@my-area',
        'Feature: mine',
        '  Scenario Outline: <name>',
        '    When the "my-area/<name>" request is sent',
        '    Then the response matches "my-area/headers"',
        '',
        '    Examples:',
        '      | name     |',
        '      | get-root |',
        '      | get-rot  |',
        '  Scenario: pipelined',
        '    When the requests "my-area/get-root" and "my-area/get-none" are sent in one write',
        '',
      ].join('\n'),
    });
    assert.deepEqual(found, [
      'features/my-area/outline.feature:5: no fixture "my-area/headers" (fixtures/my-area/headers.yaml) (example row at line 9)',
      'features/my-area/outline.feature:4: no fixture "my-area/get-rot" (fixtures/my-area/get-rot.yaml) (example row at line 10)',
      'features/my-area/outline.feature:5: no fixture "my-area/headers" (fixtures/my-area/headers.yaml) (example row at line 10)',
      'features/my-area/outline.feature:12: no fixture "my-area/get-none" (fixtures/my-area/get-none.yaml)',
    ]);
  });

  it('reports every fixture file that does not load, named or not, at the line of the fault', () => {
    const found = problems({
      'fixtures/my-area/typo.yaml': 'why: a typo\nrequest:\n  methd: GET\n  target: /\n',
      'fixtures/my-area/old.yml': GOOD_FIXTURE,
      'fixtures/my-area/notes.txt': 'not a fixture',
    });
    assert.deepEqual(found, [
      'fixtures/my-area/old.yml:1: a fixture is read as NAME.yaml: rename it',
      "fixtures/my-area/typo.yaml:3: unknown key 'methd' in request (expected one of: raw, method, target, version, headers, body)",
    ]);
  });

  it("reports a scenario without its folder's profile, a section the suite does not know, two levels, and a feature outside a profile folder", () => {
    const scenario = (tags: string, name: string) => `  ${tags}\n  Scenario: ${name}\n    When the status is 200\n`;
    const found = problems({
      'features/my-area/tags.feature': `Feature: mine\n${scenario('@my-area @rfc9110-99.9 @must', 'unknown section')}${scenario('@my-tag', 'no profile')}${scenario('@my-area @must @should', 'two levels')}${scenario('@my-area @rfc9110-9.3.1', 'a section without a level')}${scenario('@my-area', 'its own rule')}`,
      'features/rfc9110/tags.feature': `@rfc9110\nFeature: an RFC profile\n${scenario('@must', 'no section')}${scenario('@rfc9110-9.3.1 @rfc9110-9.3.2 @must', 'two sections')}`,
      'features/loose.feature': 'Feature: loose\n',
    });
    assert.deepEqual(found, [
      'features/loose.feature:1: a feature belongs in the folder of its profile: features/<profile>/',
      'features/my-area/tags.feature:3: "unknown section": @rfc9110-99.9 is not a section src/findings/rfc-sections.ts knows',
      'features/my-area/tags.feature:6: "no profile" has no @my-area tag: a scenario carries its folder\'s profile',
      'features/my-area/tags.feature:9: "two levels" has @must and @should: one level per scenario',
      'features/my-area/tags.feature:12: "a section without a level" has no level: one of @must, @should, @may',
      'features/rfc9110/tags.feature:4: "no section" has no section tag: an @rfc9110 scenario cites the one it checks (@rfc9112-6.3)',
      'features/rfc9110/tags.feature:7: "two sections" cites 2 sections (@rfc9110-9.3.1, @rfc9110-9.3.2): one rule per scenario',
    ]);
  });
});

describe('fixtureArguments', () => {
  it('takes the strings a step names as fixtures, by its wording, and no field name or value', () => {
    const args = (pattern: string, text: string) => fixtureArguments(pattern, DEFINITIONS.find((d) => d.pattern === pattern)!.match(text)!);
    assert.deepEqual(args('the {string} request is sent', 'the "a/b" request is sent'), ['a/b']);
    assert.deepEqual(args('the response matches {string}', 'the response matches "a/c"'), ['a/c']);
    assert.deepEqual(args('the requests {fixtures} are sent in one write', 'the requests "a/b", "a/c" and "a/d" are sent in one write'), ['a/b', 'a/c', 'a/d']);
    assert.deepEqual(args('the header {string} matches {string}', 'the header "Content-Type" matches "text/plain"'), []);
  });
});
