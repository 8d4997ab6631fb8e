import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { runRecordOf, scenarioKey, type ScenarioRun } from '../../src/run/cucumber-messages.js';
import { buildMatrix, countCells, rowDiffers, type MatrixTarget } from '../../src/run/matrix.js';
import { renderMatrixHtml } from '../../src/run/matrix-html.js';
import { countsText, renderMatrixMarkdown, scenarioCount } from '../../src/run/matrix-markdown.js';
import { RunProgress } from '../../src/run/run-progress.js';
import { findingOf, messageStream, runOf } from './findings-helpers.js';

const tags = {
  bodyMust: ['@rfc9112', '@rfc9112-6.3', '@must'],
  versionShould: ['@rfc9110', '@rfc9110-15.6.6', '@should'],
  parsingMust: ['@rfc9112', '@rfc9112-2.2', '@must', '@timing'],
  timeoutsMust: ['@rfc9112', '@rfc9112-9.5', '@must'],
  seed: ['@seed'],
};

function target(name: string, scenarios: ScenarioRun[]): MatrixTarget {
  return { name, address: name === 'bundled' ? 'the bundled server' : '127.0.0.1:9', reportHref: `matrix/${name}/conformance.html`, sectionsHref: `matrix/${name}/sections.html`, scenarios, wallMs: 1234, runProblems: [] };
}

const ours = target('bundled', [
  runOf('case 1 (seed)', 5, tags.seed),
  runOf('content-length <plus>', 20, tags.bodyMust),
  runOf('HTTP/2.0 is 505', 30, tags.versionShould),
  runOf('split', 3, tags.parsingMust),
  runOf('idle timeout', 40, tags.timeoutsMust),
  runOf('request timeout', 41, tags.timeoutsMust),
]);
const peer = target('peer', [
  runOf('case 1 (seed)', 5, tags.seed),
  runOf('content-length <plus>', 20, tags.bodyMust, 'fail', { why: 'status: expected 400, got 200' }),
  runOf('HTTP/2.0 is 505', 30, tags.versionShould, 'warn', { why: 'status: expected 505, got 200' }),
  runOf('split', 3, tags.parsingMust, 'pass', { attempts: 2 }),
  runOf('idle timeout', 40, tags.timeoutsMust, 'n/a', { why: 'the target cannot be configured' }),
  runOf('request timeout', 41, tags.timeoutsMust, 'error', { why: "no response within the harness's read timeout" }),
]);
/** A run that stopped early: only one scenario. */
const partial = target('partial', [runOf('split', 3, tags.parsingMust)]);
const options = { strict: false, tags: 'not @slow', generatedAt: new Date('2026-11-25T00:00:00Z') };

suite('the matrix', () => {
  const matrix = buildMatrix([ours, peer, partial], [{ name: 'nginx', reason: 'nginx is not installed' }], options);

  test('one row per scenario, grouped by section in RFC order, profile rows last', () => {
    assert.deepEqual(matrix.sections.map((s) => s.tag), ['@rfc9112-2.2', '@rfc9112-6.3', '@rfc9112-9.5', '@rfc9110-15.6.6', '@seed']);
    assert.deepEqual(matrix.sections.map((s) => s.rows.map((r) => r.key)), [['features/f.feature:3'], ['features/f.feature:20'], ['features/f.feature:40', 'features/f.feature:41'], ['features/f.feature:30'], ['features/f.feature:5']]);
    assert.equal(matrix.sections[0]?.label, 'RFC 9112 §2.2');
    assert.equal(matrix.sections[0]?.title, 'Message Parsing');
    assert.equal(matrix.sections[4]?.title, "The assignment's documented cases (SPEC §1)");
    assert.equal(matrix.sections[3]?.rows[0]?.level, 'should');
  });

  test("a cell per target: verdict, retry, and the finding's first difference (or its reason) when it did not pass", () => {
    const [body, version] = [matrix.sections[1]!.rows[0]!, matrix.sections[3]!.rows[0]!];
    const [idle, request] = matrix.sections[2]!.rows;
    assert.deepEqual(body.cells.map((c) => c.verdict), ['pass', 'fail', 'absent']);
    assert.equal(body.cells[0]?.difference, undefined);
    assert.equal(body.cells[1]?.difference, 'status: expected 400, got 200');
    assert.deepEqual(version.cells.map((c) => c.verdict), ['pass', 'warn', 'absent']);
    assert.equal(version.cells[1]?.difference, 'status: expected 505, got 200');
    assert.deepEqual(idle?.cells.map((c) => [c.verdict, c.difference]), [['pass', undefined], ['n/a', 'the target cannot be configured'], ['absent', undefined]]);
    assert.deepEqual(request?.cells.map((c) => c.verdict), ['pass', 'error', 'absent']);
    assert.equal(matrix.sections[0]?.rows[0]?.cells[1]?.passedOnRetry, true);
    assert.equal(matrix.sections[0]?.rows[0]?.cells[0]?.passedOnRetry, false);
    assert.ok(rowDiffers(body));
    assert.ok(!rowDiffers(buildMatrix([ours, ours], [], options).sections[1]!.rows[0]!));
  });

  test("a cell without the finding's difference (a finding of an older stream) shows its summary", () => {
    const run = runOf('old', 1, ['@rfc9112-7'], 'fail');
    const { difference: _, ...older } = run.finding;
    const matrix = buildMatrix([target('old', [{ ...run, finding: older }])], [], options);
    assert.equal(matrix.sections[0]?.rows[0]?.cells[0]?.difference, 'the response matches x.yaml: why it is fail');
  });

  test('counts per section and in total, per target', () => {
    assert.deepEqual(matrix.totals[0], { pass: 6, fail: 0, warn: 0, 'n/a': 0, error: 0, absent: 0, retried: 0 });
    assert.deepEqual(matrix.totals[1], { pass: 2, fail: 1, warn: 1, 'n/a': 1, error: 1, absent: 0, retried: 1 });
    assert.deepEqual(matrix.totals[2], { pass: 1, fail: 0, warn: 0, 'n/a': 0, error: 0, absent: 5, retried: 0 });
    assert.deepEqual(matrix.totals.map(scenarioCount), [6, 6, 1]);
    assert.equal(countsText(matrix.sections[0]!.counts[1]!), '1 ✓ (1 ↻)');
    assert.equal(countsText(matrix.sections[2]!.counts[1]!), '1 – 1 ⚠');
    assert.equal(countsText(matrix.totals[1]!), '2 ✓ 1 ✗ 1 ! 1 – 1 ⚠ (1 ↻)');
    assert.equal(countsText(matrix.totals[2]!), '1 ✓ 5 ·');
    assert.equal(countsText(countCells([])), '0');
  });

  test('strict mode changes no cell and no count: it only says so (and --fail-on reads it)', () => {
    const strict = buildMatrix([ours, peer], [], { ...options, strict: true });
    const lax = buildMatrix([ours, peer], [], options);
    assert.deepEqual(strict.sections, lax.sections);
    assert.deepEqual(strict.totals, lax.totals);
    assert.equal(strict.strict, true);
    assert.match(renderMatrixMarkdown(strict), /Strict mode: warnings fail a target\./);
    assert.match(renderMatrixMarkdown(lax), /Warnings \(SHOULD-level\) do not fail a target \(STRICT=1 makes them\)\./);
  });

  test('the Markdown twin: totals, sections, and a cell per target linked to the scenario alone', () => {
    const md = renderMatrixMarkdown(matrix);
    assert.match(md, /^Targets: \*\*bundled\*\* \(the bundled server\), \*\*peer\*\* \(127\.0\.0\.1:9\), \*\*partial\*\* \(127\.0\.0\.1:9\); tags `not @slow`\. .* Not run: \*\*nginx\*\*: nginx is not installed\.$/m);
    assert.match(md, /^\| scenarios \| 6 \| 6 \| 1 \|$/m);
    assert.match(md, /^\| passed \| 6 ✓ \| 2 ✓ \| 1 ✓ \|$/m);
    assert.match(md, /^\| failed \| 0 \| 1 ✗ \| 0 \|$/m);
    assert.match(md, /^\| warned \| 0 \| 1 ! \| 0 \|$/m);
    assert.match(md, /^\| not applicable \| 0 \| 1 – \| 0 \|$/m);
    assert.match(md, /^\| harness errors \| 0 \| 1 ⚠ \| 0 \|$/m);
    assert.match(md, /^\| passed only on retry \| 0 \| 1 ↻ \| 0 \|$/m);
    assert.match(md, /^\| \[RFC 9110 §15\.6\.6\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9110#section-15\.6\.6\) \| 505 HTTP Version Not Supported \| 1 \| 1 ✓ \| 1 ! \| 1 · \|$/m);
    assert.ok(md.includes('| RFC 9110 §15.6.6 | HTTP/2.0 is 505 `features/f.feature:30` | should | [✓ pass](matrix/bundled/conformance.html?query=%40features%2Ff.feature%3A30) | [! warn](matrix/peer/conformance.html?query=%40features%2Ff.feature%3A30) `status: expected 505, got 200` | · not run |'));
    assert.ok(md.includes('[– n/a](matrix/peer/conformance.html?query=%40features%2Ff.feature%3A40) `the target cannot be configured`'));
    assert.ok(md.includes('[⚠ error](matrix/peer/conformance.html?query=%40features%2Ff.feature%3A41)'));
    // Each cell opens its scenario alone, by its own tag, whatever its name holds: parentheses would end the link early.
    assert.ok(md.includes('[✓ pass](matrix/bundled/conformance.html?query=%40features%2Ff.feature%3A5)'));
    assert.ok(md.includes('[↻ pass on retry](matrix/peer/conformance.html?query=%40features%2Ff.feature%3A3)'));
  });

  test('the Markdown twin keeps a difference whole in its code span: pipes escaped, backticks replaced', () => {
    const odd = target('odd', [runOf('odd', 1, ['@rfc9112-7'], 'fail', { why: 'body: expected `a|b`, got <absent>' })]);
    const md = renderMatrixMarkdown(buildMatrix([odd], [], options));
    assert.ok(md.includes("`body: expected 'a\\|b', got <absent>`"));
  });

  test('the HTML page: escaped names, a coloured cell per target, rows that differ marked', () => {
    const html = renderMatrixHtml(matrix);
    assert.ok(html.includes('content-length &lt;plus&gt;'));
    assert.ok(!html.includes('<plus>'));
    assert.ok(html.includes('<td class="cell v-warn"><a href="matrix/peer/conformance.html?query=%40features%2Ff.feature%3A30">! warn</a><code>status: expected 505, got 200</code></td>'));
    assert.ok(html.includes('<td class="cell v-na"><a href="matrix/peer/conformance.html?query=%40features%2Ff.feature%3A40">– n/a</a><code>the target cannot be configured</code></td>'));
    assert.ok(html.includes(`<td class="cell v-error"><a href="matrix/peer/conformance.html?query=%40features%2Ff.feature%3A41">⚠ error</a><code>no response within the harness's read timeout</code></td>`));
    assert.ok(html.includes('<td class="cell v-pass"><a href="matrix/peer/conformance.html?query=%40features%2Ff.feature%3A3">↻ pass on retry</a></td>'));
    assert.ok(html.includes('<td class="cell v-absent">· not run</td>'));
    assert.match(html, /<tr class="differs"><td>content-length/);
    assert.match(html, /<tr><th>harness errors<\/th><td class="n">0<\/td><td class="n">1<\/td><td class="n">0<\/td><\/tr>/);
    assert.match(html, /Not run: nginx: nginx is not installed\./);
  });

  test('the HTML page hides sections where every target agrees, and lists run problems', () => {
    const troubled = { ...target('bundled', [runOf('a', 1, ['@rfc9112-7'])]), runProblems: ['a run hook failed: <EADDRINUSE>'] };
    const html = renderMatrixHtml(buildMatrix([troubled, troubled], [], options));
    assert.match(html, /<tr class="section same">/);
    assert.ok(html.includes('<li>bundled: a run hook failed: &lt;EADDRINUSE&gt;</li>'));
  });
});

suite('reading a run back', () => {
  const must = ['@rfc9112', '@rfc9112-6.3', '@must'];
  // `one` fails, is retried, and passes; `two`, an outline's example row, warns; `three` n/a.
  const envelopes = messageStream([
    {
      id: 'one',
      name: 'one',
      line: 4,
      tags: must,
      attempts: [
        { steps: ['PASSED', 'FAILED', 'PASSED'], finding: findingOf('fail', must, 'first try'), at: 1 },
        { steps: ['PASSED', 'PASSED', 'PASSED'], finding: findingOf('pass', must), at: 2 },
      ],
    },
    { id: 'two', name: 'two', line: 14, row: true, tags: must, attempts: [{ steps: ['PASSED', 'PASSED'], finding: findingOf('warn', must, 'status: expected 1, got 2'), at: 3 }] },
    { id: 'three', name: 'three', line: 20, tags: must, attempts: [{ steps: ['SKIPPED', 'PASSED'], finding: findingOf('n/a', must, 'cannot configure'), at: 4 }] },
  ]);
  const lines = envelopes.map((e) => JSON.stringify(e));

  test("each scenario with its last attempt's finding, keyed by file and line (an outline row by its row)", () => {
    const record = runRecordOf(envelopes);
    assert.deepEqual(record.scenarios.map(scenarioKey), ['features/f.feature:4', 'features/f.feature:14', 'features/f.feature:20']);
    assert.deepEqual(record.scenarios.map((s) => [s.attempts, s.finding.verdict]), [[2, 'pass'], [1, 'warn'], [1, 'n/a']]);
    const matrix = buildMatrix([{ ...target('bundled', [...record.scenarios]) }], [], options);
    assert.deepEqual(matrix.totals[0], { pass: 1, fail: 0, warn: 1, 'n/a': 1, error: 0, absent: 0, retried: 1 });
  });

  test('progress counts scenarios once their last attempt finishes, by verdict', () => {
    const progress = new RunProgress();
    assert.equal(progress.describe(), '0/? scenarios');
    const firstAttemptEnds = lines.findIndex((l) => l.startsWith('{"testCaseFinished":'));
    const returned = lines.slice(0, firstAttemptEnds + 1).map((line) => progress.feed(line));
    assert.deepEqual(returned.filter((v) => v !== undefined), [], 'a retried attempt finishes no scenario');
    assert.deepEqual([progress.total, progress.finished], [3, 0]);
    const rest = lines.slice(firstAttemptEnds + 1).map((line) => progress.feed(line));
    assert.deepEqual(rest.filter((v) => v !== undefined), ['pass', 'warn', 'n/a']);
    assert.deepEqual([progress.total, progress.finished], [3, 3]);
    assert.deepEqual(progress.counts, { pass: 1, fail: 0, warn: 1, 'n/a': 1, error: 0 });
    assert.deepEqual(progress.verdicts, ['pass', 'warn', 'n/a']);
    assert.equal(progress.describe(), '3/3 scenarios, 1 ! 1 –');
  });

  test('progress and the record agree: an attempt without a finding is an error in both', () => {
    const died = messageStream([{ id: 'd', name: 'died', line: 3, tags: must, attempts: [{ steps: ['PASSED', 'FAILED'], finding: undefined }] }]);
    const progress = new RunProgress();
    const verdicts = died.map((e) => progress.feed(JSON.stringify(e))).filter((v) => v !== undefined);
    assert.deepEqual(verdicts, ['error']);
    assert.equal(runRecordOf(died).scenarios[0]?.finding.verdict, 'error');
    assert.equal(progress.describe(), '1/1 scenarios, 1 ⚠');
  });
});
