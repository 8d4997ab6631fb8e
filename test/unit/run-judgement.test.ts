import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { FINDING_MEDIA_TYPE } from '../../src/findings/finding.js';
import { readRunRecord, runRecordOf, type RunRecord, type ScenarioRun } from '../../src/run/cucumber-messages.js';
import { judgeRun } from '../../src/run/judgement.js';
import { formatRunSummary, notPassingBlock, type SummaryPlaces } from '../../src/run/run-summary.js';
import { countsLine } from '../../src/run/verdict-view.js';
import { findingOf, messageStream, runOf } from './findings-helpers.js';

const must = ['@rfc9112', '@rfc9112-6.3', '@must'];
const should = ['@rfc9112', '@rfc9112-2.2', '@should'];
const passed = runOf('a scenario', 3, must, 'pass', { durationMs: 5 });
const failed = runOf('a scenario', 3, must, 'fail', { durationMs: 5, why: 'status: expected 400, got 200' });
const warned = runOf('a scenario', 3, should, 'warn', { durationMs: 5, why: 'header Connection: expected close, got <absent>' });
const notApplicable = runOf('configured', 4, must, 'n/a', { why: 'the target cannot be configured' });
const harnessError = runOf('timed out', 5, must, 'error', { why: "no response within the harness's read timeout" });
const record = (...scenarios: ScenarioRun[]): RunRecord => ({ scenarios, runProblems: [], finished: true });

suite('judging a run', () => {
  test('counts every verdict from the findings', () => {
    const judgement = judgeRun(record(passed, failed, warned, notApplicable, harnessError, passed), false);
    assert.deepEqual(judgement.counts, { pass: 2, fail: 1, warn: 1, 'n/a': 1, error: 1 });
    assert.deepEqual(judgement.notPassing, [failed, warned, notApplicable, harnessError]);
  });

  test('warnings and n/a alone exit 0; strict mode fails warnings, not n/a', () => {
    assert.equal(judgeRun(record(passed, warned, notApplicable), false).exitCode, 0);
    assert.equal(judgeRun(record(passed, warned), true).exitCode, 1);
    assert.equal(judgeRun(record(passed, notApplicable), true).exitCode, 0);
  });

  test('a fail or a harness error fails the run, strict or not', () => {
    for (const strict of [false, true]) {
      assert.equal(judgeRun(record(passed, failed), strict).exitCode, 1);
      assert.equal(judgeRun(record(passed, harnessError), strict).exitCode, 1);
    }
  });

  test('strict mode changes the exit code only, never the counts', () => {
    const runs = record(passed, warned);
    assert.deepEqual(judgeRun(runs, true).counts, judgeRun(runs, false).counts);
  });

  test('a run that did not finish, or whose hooks failed, fails', () => {
    assert.equal(judgeRun({ scenarios: [passed], runProblems: [], finished: false }, false).exitCode, 1);
    assert.equal(judgeRun({ scenarios: [], runProblems: ['a run hook failed: EADDRINUSE'], finished: true }, false).exitCode, 1);
  });

  test('a scenario that passed on a later attempt is listed as passed only on retry', () => {
    const retried = runOf('flaky', 9, must, 'pass', { attempts: 2 });
    const retriedAndFailed = runOf('still broken', 10, must, 'fail', { attempts: 2 });
    assert.deepEqual(judgeRun(record(passed, retried, retriedAndFailed), false).passedOnRetry, [retried]);
  });

  /** Paths as the run records them; every finding rests on line 12 of x.yaml (an error's is not shown). */
  const places: SummaryPlaces = { shown: (path) => path, fixtureOf: () => ({ file: 'x.yaml', line: 12 }) };

  test('the summary shows wall time, median, a block per scenario failing, warning or erring, retries and the counts', () => {
    const retried = runOf('flaky', 3, must, 'pass', { attempts: 2, durationMs: 9 });
    const runs = [passed, retried, warned, harnessError];
    const text = formatRunSummary(runs, 1234, judgeRun(record(...runs), false), places);
    assert.match(text, /^conformance: 4 scenarios in 1\.2 s wall, median 5\.0 ms per scenario$/m);
    assert.match(text, /^ {2}! warn {2}features\/f\.feature:3 a scenario\n {10}RFC 9112 §2\.2 · header Connection: expected close, got <absent> · x\.yaml:12$/m);
    assert.match(text, /^ {2}⚠ error features\/f\.feature:5 timed out\n {10}RFC 9112 §6\.3 · no response within the harness's read timeout$/m);
    assert.match(text, /passed only on retry \(2 attempts\): features\/f\.feature:3 flaky/);
    assert.match(text, /^2 passed, 0 failed, 1 warned, 0 not applicable, 1 harness errors$/m);
    assert.doesNotMatch(text, /✓/);
  });

  test('scenarios not applicable are counted by reason, most first, not listed one by one', () => {
    const other = runOf('elsewhere', 8, must, 'n/a', { why: 'the target has no message store' });
    const runs = [notApplicable, other, { ...notApplicable, line: 6 }, failed];
    const text = formatRunSummary(runs, 1, judgeRun(record(...runs), false), places);
    assert.match(text, /^ {2}– n\/a {3}2 × the target cannot be configured\n {2}– n\/a {3}1 × the target has no message store$/m);
    assert.doesNotMatch(text, /configured \(|features\/f\.feature:4/);
  });

  test('a block without a difference or a fixture ends at the rule; the fixture has no line when none is known', () => {
    const bare = { ...failed, finding: { ...failed.finding, summary: undefined, difference: undefined } };
    assert.equal(notPassingBlock(bare, { ...places, fixtureOf: () => null }), '✗ fail  features/f.feature:3 a scenario\n        RFC 9112 §6.3');
    assert.equal(notPassingBlock(failed, { ...places, fixtureOf: () => ({ file: 'x.yaml', line: null }) }), '✗ fail  features/f.feature:3 a scenario\n        RFC 9112 §6.3 · status: expected 400, got 200 · x.yaml');
  });

  test('the counts line names every verdict, in one order', () => {
    assert.equal(countsLine({ pass: 160, fail: 1, warn: 2, 'n/a': 0, error: 1 }), '160 passed, 1 failed, 2 warned, 0 not applicable, 1 harness errors');
  });
});

suite('reading the message stream', () => {
  const must = ['@rfc9112', '@rfc9112-6.3', '@must'];
  const timing = ['@timing', '@should'];

  test("the last attempt's finding; retries fold into one run; run hooks are problems", () => {
    const stream = messageStream(
      [
        {
          id: 't',
          name: 'timed',
          uri: 'features/t.feature',
          line: 7,
          tags: timing,
          attempts: [
            { steps: ['PASSED', 'FAILED', 'PASSED'], finding: findingOf('warn', timing, 'late'), at: 1 },
            { steps: ['PASSED', 'PASSED', 'PASSED'], finding: findingOf('pass', timing), at: 2 },
          ],
        },
      ],
      [{ testRunHookFinished: { result: { status: 'FAILED', exception: { type: 'Error', message: 'listen EADDRINUSE\n  at x' } } } }, { testRunFinished: { success: false } }],
    );
    const file = join(mkdtempSync(join(tmpdir(), 'wirecheck-')), 'messages.ndjson');
    writeFileSync(file, stream.map((l) => JSON.stringify(l)).join('\n'));
    const read = readRunRecord(file);
    assert.equal(read.finished, true);
    assert.deepEqual(read.runProblems, ['a run hook failed: listen EADDRINUSE']);
    assert.equal(read.scenarios.length, 1);
    const [timed] = read.scenarios;
    assert.equal(timed?.attempts, 2);
    assert.equal(timed?.finding.verdict, 'pass');
    assert.equal(timed?.finding.level, 'should');
    assert.equal(timed?.line, 7);
    assert.equal(timed?.uri, 'features/t.feature');
    assert.deepEqual(timed?.tags, timing);
    assert.equal(Math.round(timed?.durationMs ?? 0), 200);
    assert.equal(judgeRun(read, false).passedOnRetry.length, 1);
  });

  test('an outline row is keyed by its own line; findings come through whole', () => {
    const finding = findingOf('fail', must, 'status: expected 400, got 200');
    const read = runRecordOf(messageStream([{ id: 'o', name: 'a row', line: 14, row: true, tags: must, attempts: [{ steps: ['FAILED', 'SKIPPED', 'PASSED'], finding }] }]));
    assert.equal(read.scenarios[0]?.line, 14);
    assert.deepEqual(read.scenarios[0]?.finding, finding);
  });

  test('a scenario that attached no finding is a harness error, with Cucumber’s worst status', () => {
    const read = runRecordOf(messageStream([{ id: 'd', name: 'died', line: 3, tags: must, attempts: [{ steps: ['PASSED', 'FAILED', 'SKIPPED'], finding: undefined }] }]));
    const [died] = read.scenarios;
    assert.equal(died?.finding.verdict, 'error');
    assert.equal(died?.finding.level, 'must');
    assert.equal(died?.finding.rule, 'RFC 9112 §6.3');
    assert.match(died?.finding.summary ?? '', /recorded no finding \(Cucumber's status: failed\)/);
  });

  test('an attachment of another media type, or a broken finding, is not a finding', () => {
    const stream = messageStream([{ id: 'b', name: 'broken', line: 3, tags: must, attempts: [{ steps: ['PASSED'], finding: findingOf('pass', must) }] }]);
    const attachment = stream.find((e) => e.attachment !== undefined)!;
    const asText = stream.map((e) => (e === attachment ? { attachment: { ...e.attachment, mediaType: 'text/plain' } } : e));
    assert.equal(runRecordOf(asText).scenarios[0]?.finding.verdict, 'error');
    const broken = stream.map((e) => (e === attachment ? { attachment: { ...e.attachment, mediaType: FINDING_MEDIA_TYPE, body: '{"verdict":"passed"}' } } : e));
    assert.equal(runRecordOf(broken).scenarios[0]?.finding.verdict, 'error');
  });

  test('scenarios keep the order they finished in; a stream without its end is not finished', () => {
    const stream = messageStream(
      [
        { id: 'a', name: 'first', line: 3, tags: must, attempts: [{ steps: ['PASSED'], finding: findingOf('pass', must) }] },
        { id: 'b', name: 'second', line: 9, tags: must, attempts: [{ steps: ['PASSED'], finding: findingOf('n/a', must) }] },
      ],
      [],
    );
    const read = runRecordOf(stream);
    assert.deepEqual(read.scenarios.map((s) => [s.name, s.finding.verdict]), [['first', 'pass'], ['second', 'n/a']]);
    assert.equal(read.finished, false);
    assert.equal(judgeRun(read, false).exitCode, 1);
  });

  test('a failed run says why', () => {
    const read = runRecordOf(messageStream([], [{ testRunFinished: { success: false, exception: { type: 'Error', message: 'cannot load steps\nmore' } } }]));
    assert.deepEqual(read.runProblems, ['the run failed: cannot load steps']);
  });
});
