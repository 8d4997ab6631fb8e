import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import type { ScenarioRun } from '../../src/run/cucumber-messages.js';
import { buildMatrix, firstDifference, rowDiffers, type MatrixTarget } from '../../src/run/matrix.js';
import { readFailureMessages, scenarioKey } from '../../src/run/matrix-failures.js';
import { renderMatrixHtml } from '../../src/run/matrix-html.js';
import { countsText, renderMatrixMarkdown } from '../../src/run/matrix-markdown.js';
import { RunProgress } from '../../src/run/matrix-progress.js';

function run(name: string, line: number, tags: string[], overrides: Partial<ScenarioRun> = {}): ScenarioRun {
  return { name, uri: 'features/f.feature', line, tags, status: 'PASSED', attempts: 1, durationMs: 1, message: undefined, failures: [], ...overrides };
}

function failed(type: string, message: string): Partial<ScenarioRun> {
  return { status: 'FAILED', failures: [{ type, message: message.split('\n')[0]! }], message: `${type}: ${message.split('\n')[0]}` };
}

const STATUS_DIFF = `response differs from fixtures/v/http20.yaml in status
1 mismatch:
  status: expected 505, got 200  (fixtures/v/http20.yaml:10:11)

--- expected (fixtures/v/http20.yaml)
+++ actual
-HTTP/1.1 505 <any>
+HTTP/1.1 200 OK`;

suite('the first difference of a failing cell', () => {
  test("is the diff summary's first mismatch, without its fixture location", () => {
    assert.equal(firstDifference(`ConformanceError: ${STATUS_DIFF}`), 'status: expected 505, got 200');
  });

  test('says how many more fields differ', () => {
    const message = `ConformanceError: response differs from f.yaml in status, reason, body
3 mismatches:
  status: expected 200, got 400  (f.yaml:11:11)
  reason: expected OK, got "Bad Request"  (f.yaml:12:11)
  body: expected !re '^x', got ""  (f.yaml:13:13)`;
    assert.equal(firstDifference(message), 'status: expected 200, got 400 (+2 more)');
  });

  test('names the response of a pipelined batch, and shows two bodies from where they part', () => {
    const message = `ConformanceError: the pipelined responses are not the ones expected, in order
response 3 of 3:
1 mismatch:
  body: expected "HTTP GET Method (Success)\\n\\nfirst\\nsecond", got "HTTP GET Method (Success)\\n\\nfirst"  (fixtures/c/g.yaml:13:9)`;
    assert.equal(firstDifference(message), 'response 3 of 3: body: expected "…irst\\nsecond", got "…irst"');
  });

  test('is the first line of any other message, without the class of a finding', () => {
    assert.equal(firstDifference('ConformanceError: expected a response, but READ_TIMEOUT: no complete response within 5000 ms (0 bytes received)'), 'expected a response, but READ_TIMEOUT: no complete response within 5000 ms (0 bytes received)');
    assert.equal(firstDifference('AssertionError: the interim responses before the final one: expected [ 100 ] to not include 100'), 'the interim responses before the final one: expected [ 100 ] to not include 100');
    assert.equal(firstDifference('TypeError: x is not a function'), 'TypeError: x is not a function');
  });

  test('reads through the SHOULD-level summary to the mismatch', () => {
    const message = `ShouldLevelError: SHOULD-level, a warning unless STRICT=1: response differs from fixtures/c/close.yaml in header Connection
response differs from fixtures/c/close.yaml in header Connection
1 mismatch:
  header Connection: expected close, got <absent>  (fixtures/c/close.yaml:9:5)`;
    assert.equal(firstDifference(message), 'header Connection: expected close, got <absent>');
  });

  test('is cut to a short line', () => {
    const long = firstDifference(`ConformanceError: ${'x'.repeat(300)}`);
    assert.equal(long.length, 100);
    assert.ok(long.endsWith('…'));
    const value = firstDifference(`1 mismatch:\n  body: expected "${'a'.repeat(80)}", got ""  (f.yaml:1:1)`);
    assert.equal(value, `body: expected "${'a'.repeat(34)}…, got ""`);
  });
});

const tags = {
  bodyMust: ['@rfc9112', '@rfc9112-6.3', '@must'],
  versionShould: ['@rfc9110', '@rfc9110-15.6.6', '@should'],
  parsingMust: ['@rfc9112', '@rfc9112-2.2', '@must', '@timing'],
  seed: ['@seed'],
};

function target(name: string, scenarios: ScenarioRun[], failureMessages = new Map<string, string>()): MatrixTarget {
  return { name, address: name === 'bundled' ? 'the bundled server' : '127.0.0.1:9', reportHref: `matrix/${name}/conformance.html`, sectionsHref: `matrix/${name}/sections.html`, scenarios, failureMessages, wallMs: 1234, runProblems: [] };
}

const ours = target('bundled', [run('case 1 (seed)', 5, tags.seed), run('content-length <plus>', 20, tags.bodyMust), run('HTTP/2.0 is 505', 30, tags.versionShould), run('split', 3, tags.parsingMust)]);
const peer = target(
  'peer',
  [
    run('case 1 (seed)', 5, tags.seed),
    run('content-length <plus>', 20, tags.bodyMust, failed('ConformanceError', 'response differs from x.yaml in status')),
    run('HTTP/2.0 is 505', 30, tags.versionShould, failed('ConformanceError', 'response differs from fixtures/v/http20.yaml in status')),
    run('split', 3, tags.parsingMust, { attempts: 2 }),
  ],
  new Map([['features/f.feature:30', `ConformanceError: ${STATUS_DIFF}`]]),
);
/** A run that stopped early: only one scenario. */
const partial = target('partial', [run('split', 3, tags.parsingMust)]);
const options = { strict: false, tags: 'not @slow', generatedAt: new Date('2026-11-25T00:00:00Z') };

suite('the matrix', () => {
  const matrix = buildMatrix([ours, peer, partial], [{ name: 'nginx', reason: 'nginx is not installed' }], options);

  test('one row per scenario, grouped by section in RFC order, profile rows last', () => {
    assert.deepEqual(matrix.sections.map((s) => s.tag), ['@rfc9112-2.2', '@rfc9112-6.3', '@rfc9110-15.6.6', '@seed']);
    assert.deepEqual(matrix.sections.map((s) => s.rows.map((r) => r.key)), [['features/f.feature:3'], ['features/f.feature:20'], ['features/f.feature:30'], ['features/f.feature:5']]);
    assert.equal(matrix.sections[0]?.label, 'RFC 9112 §2.2');
    assert.equal(matrix.sections[0]?.title, 'Message Parsing');
  });

  test('a cell per target: verdict, retry, and what differed first', () => {
    const [body, version] = [matrix.sections[1]!.rows[0]!, matrix.sections[2]!.rows[0]!];
    assert.deepEqual(body.cells.map((c) => c.verdict), ['passed', 'failed', 'absent']);
    assert.equal(body.cells[1]?.difference, 'response differs from x.yaml in status');
    assert.deepEqual(version.cells.map((c) => c.verdict), ['passed', 'warned', 'absent']);
    assert.equal(version.cells[1]?.difference, 'status: expected 505, got 200');
    assert.equal(matrix.sections[0]?.rows[0]?.cells[1]?.passedOnRetry, true);
    assert.ok(rowDiffers(body));
  });

  test('counts per section and in total, per target', () => {
    assert.deepEqual(matrix.totals[0], { passed: 4, failed: 0, warned: 0, skipped: 0, absent: 0, retried: 0 });
    assert.deepEqual(matrix.totals[1], { passed: 2, failed: 1, warned: 1, skipped: 0, absent: 0, retried: 1 });
    assert.deepEqual(matrix.totals[2], { passed: 1, failed: 0, warned: 0, skipped: 0, absent: 3, retried: 0 });
    assert.equal(countsText(matrix.sections[0]!.counts[1]!), '1 ✓ (1 ↻)');
    assert.equal(countsText(matrix.totals[1]!), '2 ✓ 1 ✗ 1 ! (1 ↻)');
  });

  test('strict mode makes a SHOULD-level failure a failure', () => {
    const strict = buildMatrix([ours, peer], [], { ...options, strict: true });
    assert.deepEqual(strict.totals[1], { passed: 2, failed: 2, warned: 0, skipped: 0, absent: 0, retried: 1 });
  });

  test('the Markdown twin: totals, sections, and a linked cell per target', () => {
    const md = renderMatrixMarkdown(matrix);
    assert.match(md, /^Targets: \*\*bundled\*\* \(the bundled server\), \*\*peer\*\* \(127\.0\.0\.1:9\), \*\*partial\*\* \(127\.0\.0\.1:9\); tags `not @slow`\. .* Not run: \*\*nginx\*\*: nginx is not installed\.$/m);
    assert.match(md, /^\| failed \| 0 \| 1 ✗ \| 0 \|$/m);
    assert.match(md, /^\| \[RFC 9110 §15\.6\.6\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9110#section-15\.6\.6\) \| 505 HTTP Version Not Supported \| 1 \| 1 ✓ \| 1 ! \| 1 · \|$/m);
    assert.ok(md.includes('| RFC 9110 §15.6.6 | HTTP/2.0 is 505 `features/f.feature:30` | should | [✓ pass](matrix/bundled/conformance.html?query=HTTP%2F2.0%20is%20505) | [! warn](matrix/peer/conformance.html?query=HTTP%2F2.0%20is%20505) `status: expected 505, got 200` | · not run |'));
    // Parentheses in a name would end the link early.
    assert.ok(md.includes('[✓ pass](matrix/bundled/conformance.html?query=case%201%20%28seed%29)'));
    assert.ok(md.includes('[↻ pass on retry](matrix/peer/conformance.html?query=split)'));
  });

  test('the HTML page: escaped names, a coloured cell per target, rows that differ marked', () => {
    const html = renderMatrixHtml(matrix);
    assert.ok(html.includes('content-length &lt;plus&gt;'));
    assert.ok(!html.includes('<plus>'));
    assert.ok(html.includes('<td class="cell v-warned"><a href="matrix/peer/conformance.html?query=HTTP%2F2.0%20is%20505">! warn</a><code>status: expected 505, got 200</code></td>'));
    assert.ok(html.includes('<td class="cell v-absent">· not run</td>'));
    assert.match(html, /<tr class="differs"><td>content-length/);
    assert.match(html, /Not run: nginx: nginx is not installed\./);
  });
});

suite('reading a run back', () => {
  const envelopes = [
    { gherkinDocument: { feature: { children: [{ scenario: { id: 's1', location: { line: 4 } } }, { rule: { children: [{ scenario: { id: 's2', location: { line: 9 }, examples: [{ tableBody: [{ id: 'r1', location: { line: 14 } }] }] } }] } }] } } },
    { pickle: { id: 'p1', uri: 'features/f.feature', name: 'one', astNodeIds: ['s1'], tags: [] } },
    { pickle: { id: 'p2', uri: 'features/f.feature', name: 'two', astNodeIds: ['s2', 'r1'], tags: [] } },
    { testCase: { id: 'c1', pickleId: 'p1' } },
    { testCase: { id: 'c2', pickleId: 'p2' } },
    // p1 fails, is retried, and passes; p2 fails at its second step, after which others fail too.
    { testCaseStarted: { id: 'a1', testCaseId: 'c1' } },
    { testStepFinished: { testCaseStartedId: 'a1', testStepResult: { status: 'FAILED', exception: { type: 'ConformanceError', message: 'first try' } } } },
    { testCaseFinished: { testCaseStartedId: 'a1', willBeRetried: true } },
    { testCaseStarted: { id: 'a2', testCaseId: 'c1' } },
    { testStepFinished: { testCaseStartedId: 'a2', testStepResult: { status: 'PASSED' } } },
    { testCaseFinished: { testCaseStartedId: 'a2', willBeRetried: false } },
    { testCaseStarted: { id: 'b1', testCaseId: 'c2' } },
    { testStepFinished: { testCaseStartedId: 'b1', testStepResult: { status: 'PASSED' } } },
    { testStepFinished: { testCaseStartedId: 'b1', testStepResult: { status: 'FAILED', exception: { type: 'ConformanceError', message: 'response differs\n1 mismatch:\n  status: expected 1, got 2' } } } },
    { testStepFinished: { testCaseStartedId: 'b1', testStepResult: { status: 'FAILED', message: 'After hook failed' } } },
    { testCaseFinished: { testCaseStartedId: 'b1', willBeRetried: false } },
  ];
  const lines = envelopes.map((e) => JSON.stringify(e));

  test("the first failing step's whole message, for the last attempt, keyed by file and line", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wirecheck-matrix-')), 'messages.ndjson');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const messages = readFailureMessages(path);
    assert.deepEqual([...messages.keys()], ['features/f.feature:14']);
    assert.equal(messages.get(scenarioKey({ uri: 'features/f.feature', line: 14 })), 'ConformanceError: response differs\n1 mismatch:\n  status: expected 1, got 2');
  });

  test('progress counts scenarios once their last attempt finishes', () => {
    const progress = new RunProgress();
    assert.equal(progress.describe(), '0/? scenarios');
    for (const line of lines.slice(0, 8)) progress.feed(line);
    assert.deepEqual([progress.total, progress.finished, progress.notPassing], [2, 0, 0]);
    for (const line of lines.slice(8)) progress.feed(line);
    assert.deepEqual([progress.total, progress.finished, progress.notPassing], [2, 2, 1]);
    assert.equal(progress.describe(), '2/2 scenarios, 1 not passing');
  });
});
