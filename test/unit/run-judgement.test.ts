import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { readRunRecord, type RunRecord, type ScenarioRun } from '../../src/run/cucumber-messages.js';
import { formatRunSummary } from '../../src/run/run-summary.js';
import { judgeRun, verdictOf } from '../../src/run/verdict.js';

function run(overrides: Partial<ScenarioRun> = {}): ScenarioRun {
  return { name: 'a scenario', uri: 'features/x.feature', line: 3, tags: ['@rfc9112', '@rfc9112-6.3', '@must'], status: 'PASSED', attempts: 1, durationMs: 5, message: undefined, failures: [], ...overrides };
}

const finding = { type: 'ConformanceError', message: 'response differs from x.yaml in status' };
const failedMust = run({ status: 'FAILED', failures: [finding], message: finding.message });
const failedShould = run({ tags: ['@rfc9112', '@rfc9112-2.2', '@should'], status: 'FAILED', failures: [finding], message: finding.message });
const record = (...scenarios: ScenarioRun[]): RunRecord => ({ scenarios, runProblems: [], finished: true });

suite('verdicts', () => {
  test('a failed @must scenario fails; a failed @should scenario warns', () => {
    assert.equal(verdictOf(failedMust, { strict: false }), 'failed');
    assert.equal(verdictOf(failedShould, { strict: false }), 'warned');
    assert.equal(verdictOf(run(), { strict: false }), 'passed');
    assert.equal(verdictOf(run({ status: 'SKIPPED' }), { strict: false }), 'skipped');
  });

  test('strict mode fails SHOULD-level failures', () => {
    assert.equal(verdictOf(failedShould, { strict: true }), 'failed');
  });

  test('a harness error in a @should scenario still fails', () => {
    const broken = { ...failedShould, failures: [{ type: 'FixtureError', message: 'x.yaml:3:1: unknown key' }] };
    assert.equal(verdictOf(broken, { strict: false }), 'failed');
    assert.equal(verdictOf({ ...failedShould, status: 'UNDEFINED', failures: [] }, { strict: false }), 'failed');
  });

  test("a level: should fixture's warning warns even in a @must scenario, unless a MUST check failed too", () => {
    const warning = { type: 'ShouldLevelError', message: '1 SHOULD-level expectation not met' };
    assert.equal(verdictOf(run({ status: 'FAILED', failures: [warning] }), { strict: false }), 'warned');
    assert.equal(verdictOf(run({ status: 'FAILED', failures: [finding, warning] }), { strict: false }), 'failed');
  });
});

suite('judging a run', () => {
  test('warnings alone turn a failed Cucumber run into exit code 0, with a note', () => {
    const judgement = judgeRun(record(run(), failedShould), 1, { strict: false });
    assert.equal(judgement.exitCode, 0);
    assert.deepEqual(judgement.counts, { passed: 1, failed: 0, warned: 1, skipped: 0 });
    assert.match(judgement.note ?? '', /SHOULD-level warning/);
  });

  test('a failed @must scenario keeps the run failing; so does strict mode', () => {
    assert.equal(judgeRun(record(failedMust, failedShould), 1, { strict: false }).exitCode, 1);
    assert.equal(judgeRun(record(failedShould), 1, { strict: true }).exitCode, 1);
  });

  test('a run that did not finish, or whose hooks failed, keeps its failure', () => {
    assert.equal(judgeRun({ scenarios: [failedShould], runProblems: [], finished: false }, 1, { strict: false }).exitCode, 1);
    assert.equal(judgeRun({ scenarios: [], runProblems: ['a run hook failed: EADDRINUSE'], finished: true }, 1, { strict: false }).exitCode, 1);
  });

  test('the summary shows wall time, median, warnings and retries', () => {
    const retried = run({ name: 'flaky', attempts: 2, durationMs: 9 });
    const judgement = judgeRun(record(run(), retried, failedShould), 1, { strict: false });
    const text = formatRunSummary([run(), retried, failedShould], 1234, judgement);
    assert.match(text, /^conformance: 3 scenarios in 1\.2 s wall, median 5\.0 ms per scenario$/m);
    assert.match(text, /passed only on retry \(2 attempts\): features\/x\.feature:3 flaky/);
    assert.match(text, /warning \(SHOULD-level\): features\/x\.feature:3 a scenario — response differs/);
    assert.match(text, /^2 passed \(1 only on retry\), 0 failed, 1 warned$/m);
  });
});

suite('reading the message stream', () => {
  test('failures keep their exception type; retries fold into one run; run hooks are problems', () => {
    const lines = [
      { gherkinDocument: { feature: { children: [{ scenario: { id: 's1', location: { line: 7 } } }] } } },
      { pickle: { id: 'p1', name: 'timed', uri: 'features/t.feature', astNodeIds: ['s1'], tags: [{ name: '@timing' }, { name: '@should' }] } },
      { testCase: { id: 'c1', pickleId: 'p1' } },
      { testCaseStarted: { id: 'a1', testCaseId: 'c1', attempt: 0, timestamp: { seconds: 1, nanos: 0 } } },
      { testStepFinished: { testCaseStartedId: 'a1', testStepResult: { status: 'FAILED', message: 'AssertionError: late\n  at x', exception: { type: 'AssertionError', message: 'late' } } } },
      { testCaseFinished: { testCaseStartedId: 'a1', willBeRetried: true, timestamp: { seconds: 1, nanos: 500_000_000 } } },
      { testCaseStarted: { id: 'a2', testCaseId: 'c1', attempt: 1, timestamp: { seconds: 2, nanos: 0 } } },
      { testStepFinished: { testCaseStartedId: 'a2', testStepResult: { status: 'PASSED' } } },
      { testCaseFinished: { testCaseStartedId: 'a2', willBeRetried: false, timestamp: { seconds: 2, nanos: 100_000_000 } } },
      { testRunHookFinished: { result: { status: 'FAILED', exception: { type: 'Error', message: 'listen EADDRINUSE' } } } },
      { testRunFinished: { success: false } },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'wirecheck-')), 'messages.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const read = readRunRecord(file);
    assert.equal(read.finished, true);
    assert.deepEqual(read.runProblems, ['a run hook failed: listen EADDRINUSE']);
    const [timed] = read.scenarios;
    assert.equal(timed?.attempts, 2);
    assert.equal(timed?.status, 'PASSED');
    assert.equal(timed?.line, 7);
    assert.deepEqual(timed?.failures, []);
    assert.equal(Math.round(timed?.durationMs ?? 0), 600);
  });
});
