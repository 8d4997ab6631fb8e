import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe as suite, test } from 'node:test';
import { buildMatrix } from '../../src/run/matrix.js';
import { matrixJson } from '../../src/run/matrix-json.js';
import { parseFeature } from '../../src/rules/features.js';
import { fixtureNamesIn } from '../../src/rules/fixture-names.js';
import { buildGlossary, type Glossary } from '../../src/rules/glossary.js';
import { renderGlossary } from '../../src/rules/glossary-markdown.js';
import { code, fenced, text } from '../../src/rules/markdown.js';
import { PanelFileError, panelOfMatrix, parseMatrixJson, parsePanel, renderPanel, type Panel } from '../../src/rules/panel.js';
import { runOf } from './findings-helpers.js';

// The glossary's model, from a small project of its own: one feature file with an outline and a
// plain scenario, three fixtures, and a panel that has run only some of it.

const FEATURE = `@demo
Feature: Demo rules
  What the demo is about.

  @rfc9112-6.3 @should
  Scenario Outline: A <fixture> request is refused
    RFC 9112 §6.3: "the server MUST respond with a 400 (Bad Request) status code".

    When the "demo/<fixture>" request is sent
    Then the response matches the fixture
    And the response matches "demo/shared"

    Examples:
      | fixture |
      | alpha   |
      | beta    |

  Scenario: A raw request
    When this raw request is sent:
      """
      GET / HTTP/1.1
      """
    Then the header "Connection" is "close"
`;

const FIXTURES: Record<string, string> = {
  'demo/alpha': 'why: Alpha is refused.\nrequest:\n  raw: |\n    GET / HTTP/1.1\n    Host: {authority}\n    \\r\\n\nresponse:\n  status: [400, close]\n',
  'demo/beta': 'why: Beta is refused.\nrequest:\n  method: GET\n  target: /\n  headers:\n    - "Host: {authority}"\nresponse:\n  status: 400\n  headers:\n    Connection: close\n',
  'demo/shared': 'why: Every answer says close.\nlevel: should\nrequest:\n  method: GET\n  target: /\n',
};

const roots: string[] = [];
after(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A project of its own: the feature file as given, and the fixtures. */
function project(feature: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirecheck-rules-'));
  roots.push(dir);
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write('features/demo/rules.feature', feature);
  for (const [name, content] of Object.entries(FIXTURES)) write(`fixtures/${name}.yaml`, content);
  return dir;
}

const root = project(FEATURE);

/** The matrix of one run on `peer`: the outline's first row failed, its second and the plain scenario did not run. */
function demoMatrix(line: number) {
  const tags = ['@demo', '@rfc9112-6.3', '@should'];
  const run = runOf('A alpha request is refused', line, tags, 'fail', { uri: 'features/demo/rules.feature', why: 'status: expected 400, got 200' });
  const target = { name: 'peer', address: 'a peer on 127.0.0.1:40123', reportHref: '', sectionsHref: '', scenarios: [run], wallMs: 1, runProblems: [] };
  return buildMatrix([target], [], { strict: false, tags: undefined, generatedAt: new Date('2026-01-02T03:04:05Z') });
}

const panel: Panel = panelOfMatrix(matrixJson(demoMatrix(15), root));
const glossary: Glossary = buildGlossary(root, panel);
const [outline, plain] = glossary.features[0]!.scenarios;

suite('rules: the model', () => {
  test('an outline is one entry with a run per example row, its fixtures filled in from the row', () => {
    assert.equal(outline!.outline, true);
    assert.deepEqual(outline!.runs.map((r) => [r.label, r.example, r.fixtures]), [
      ['#1', [['fixture', 'alpha']], ['demo/alpha', 'demo/shared']],
      ['#2', [['fixture', 'beta']], ['demo/beta', 'demo/shared']],
    ]);
    assert.deepEqual(outline!.examples[0]!.rows.map((r) => r.label), ['#1', '#2']);
    // The rows' own fixtures first, then the one every row names.
    assert.deepEqual(outline!.fixtures.map((f) => f.name), ['demo/alpha', 'demo/beta', 'demo/shared']);
  });

  test('tags, section and level come from the scenario and its feature', () => {
    assert.deepEqual(outline!.tags.map((t) => t.name), ['@demo', '@rfc9112-6.3', '@should']);
    assert.equal(outline!.tags[1]!.section?.url, 'https://www.rfc-editor.org/rfc/rfc9112#section-6.3');
    assert.equal(outline!.level, 'should');
    assert.equal(plain!.level, 'must');
    assert.match(outline!.description, /^RFC 9112 §6.3: "the server MUST/);
  });

  test('quoted text that names no fixture file is not a fixture', () => {
    assert.deepEqual(plain!.runs[0]!.fixtures, []);
    assert.deepEqual(fixtureNamesIn(['the "demo/alpha" and "demo/alpha" and "text/plain" and "nope"'], (n) => n === 'demo/alpha'), ['demo/alpha']);
  });

  test('a fixture shows its bytes for the example address, CR and LF visible, and what passes', () => {
    const [alpha, beta, shared] = outline!.fixtures;
    assert.equal(alpha!.bytes, 'GET / HTTP/1.1\\r\\n\nHost: 127.0.0.1:8080\\r\\n\n\\r\\n\n');
    assert.deepEqual(alpha!.expectations.map((e) => [e.field, e.expected]), [['status', '[400, close]']]);
    assert.match(alpha!.expectations[0]!.note!, /closed without any response/);
    assert.deepEqual(beta!.expectations.map((e) => [e.field, e.expected]), [['status', '400'], ['header Connection', 'close']]);
    assert.equal(shared!.level, 'should');
    assert.equal(alpha!.level, undefined, "a fixture that names no level is at the scenario's");
    assert.equal(shared!.expectsResponse, false);
  });

  test('the panel is matched by file, name and example row: its verdict is on its row, the others not yet run', () => {
    assert.deepEqual(outline!.runs[0]!.verdicts, { peer: { verdict: 'fail', reason: 'the response matches x.yaml: status: expected 400, got 200' } });
    assert.equal(outline!.runs[1]!.verdicts, undefined);
    assert.equal(plain!.runs[0]!.verdicts, undefined);
    // Lines added above it since the run: the row is still found, by its file, name and values.
    const moved = buildGlossary(project(`# a comment\n\n${FEATURE}`), panel);
    assert.equal(moved.features[0]!.scenarios[0]!.runs[0]!.verdicts?.peer?.verdict, 'fail');
    assert.equal(moved.features[0]!.scenarios[0]!.line, outline!.line + 2);
  });

  test('the panel keeps what a server is, not the port it listened on, and reads back as it was written', () => {
    assert.deepEqual(panel.targets, [{ name: 'peer', what: 'a peer' }]);
    assert.equal(panel.generatedAt, '2026-01-02T03:04:05.000Z');
    assert.deepEqual(parsePanel(renderPanel(panel), 'panel.json'), panel);
    assert.throws(() => parsePanel('{"generatedAt": "x", "targets": [], "notRun": [], "scenarios": [{"feature": "f", "scenario": "s", "verdicts": {"a": {"verdict": "maybe"}}}]}', 'p.json'), PanelFileError);
    assert.throws(() => parseMatrixJson(renderPanel(panel), 'panel.json'), PanelFileError, 'a panel is not a matrix run');
  });
});

suite('rules: the pages', () => {
  const pages = renderGlossary(glossary);
  const page = pages.get('demo/rules.md')!;

  test('an index and one page per feature file, at its path under features/', () => {
    assert.deepEqual([...pages.keys()], ['README.md', 'demo/rules.md', 'panel-findings.md']);
    assert.match(pages.get('README.md')!, /\| \[demo\/rules\]\(demo\/rules\.md\): Demo rules \| 3 \| 1 \| 2 \| 0 \| 1 fail \| 2 \|/);
    assert.match(pages.get('README.md')!, /matrix run of 2026-01-02 03:04 UTC/);
  });

  test("an entry shows the section's link, the level, the steps, the rows and the fixtures' bytes", () => {
    assert.ok(page.includes('[RFC 9112 §6.3](https://www.rfc-editor.org/rfc/rfc9112#section-6.3) (Message Body Length) · **SHOULD**'));
    assert.ok(page.includes('When the "demo/<fixture>" request is sent'));
    assert.ok(page.includes('| #2 | `beta` |'));
    assert.ok(page.includes('```text\nGET / HTTP/1.1\\r\\n\nHost: 127.0.0.1:8080\\r\\n\n\\r\\n\n```'));
    assert.ok(page.includes('Passes when (at SHOULD level: a miss warns):\n\n- status: `[400, close]`'));
  });

  test("the panel's verdict is shown with its reason, and what it has not run says so", () => {
    assert.ok(page.includes('| #1 | fail |'));
    assert.ok(page.includes('- **fail** on `peer`: the response matches x.yaml: status: expected 400, got 200'));
    assert.ok(page.includes('Not yet run on the panel: #2.'));
    assert.match(page, /## A raw request[\s\S]*### On the panel\n\nNot yet run on the panel\.\n$/);
  });

  test('without a panel every scenario is not yet run', () => {
    const bare = renderGlossary(buildGlossary(root, undefined));
    assert.match(bare.get('README.md')!, /No panel run yet/);
    assert.equal(bare.get('demo/rules.md')!.match(/Not yet run on the panel\./g)?.length, 2);
  });
});

suite('rules: Markdown', () => {
  test('text keeps markup characters as text; code and fences hold any backticks', () => {
    assert.equal(text('1_000 *x* <fixture> [a]|b'), '1\\_000 \\*x\\* \\<fixture\\> \\[a\\]\\|b');
    assert.equal(text('# not a heading\n- not a list'), '\\# not a heading\n\\- not a list');
    assert.equal(code('a `b` c'), '``a `b` c``');
    assert.equal(fenced('```\n'), '````\n```\n````');
  });

  test('a feature without Examples has one run, with no example', () => {
    const feature = parseFeature('Feature: F\n  Scenario: S\n    When the "x/y" request is sent\n', 'features/f.feature');
    assert.deepEqual(feature.scenarios[0]!.runs, [{ line: 2, example: undefined, texts: ['the "x/y" request is sent'] }]);
  });
});
