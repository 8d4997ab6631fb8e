import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { FINDING_MEDIA_TYPE, maybeFinding, type Check } from '../../src/findings/finding.js';
import { judge, type ScenarioOutcome } from '../../src/findings/judge.js';
import { levelOfTags, ruleOfTags } from '../../src/findings/scenario-rule.js';
import { countVerdicts, failsRun, VERDICTS } from '../../src/findings/verdict.js';

const held: Check = { label: 'the response matches ok.yaml', level: 'must', passed: true };
const mustMiss: Check = { label: 'the response matches x.yaml', level: 'must', passed: false, difference: 'status: expected 400, got 200' };
const shouldMiss: Check = { label: 'the response matches close.yaml', level: 'should', passed: false, difference: 'header Connection: expected close, got <absent>' };
const mayMiss: Check = { label: 'the server sends Date', level: 'may', passed: false };

function outcome(overrides: Partial<ScenarioOutcome> = {}): ScenarioOutcome {
  return { level: 'must', rule: 'RFC 9112 §6.3', checks: [held], evidence: ['fixture x.yaml → 200 OK'], ...overrides };
}

suite('judging a scenario', () => {
  test('every check held: pass, with no summary', () => {
    const finding = judge(outcome());
    assert.equal(finding.verdict, 'pass');
    assert.equal('summary' in finding, false);
    assert.equal('difference' in finding, false);
    assert.deepEqual(finding.checks, [held]);
    assert.deepEqual(finding.evidence, ['fixture x.yaml → 200 OK']);
    assert.equal(finding.level, 'must');
    assert.equal(finding.rule, 'RFC 9112 §6.3');
  });

  test('a MUST check broken: fail, summarised by its label and first difference', () => {
    const finding = judge(outcome({ checks: [held, mustMiss] }));
    assert.equal(finding.verdict, 'fail');
    assert.equal(finding.summary, 'the response matches x.yaml: status: expected 400, got 200');
    assert.equal(finding.difference, 'status: expected 400, got 200', 'the first differing field alone, for a table cell');
  });

  test('only SHOULD checks broken: warn, in a MUST scenario as in a SHOULD one', () => {
    assert.equal(judge(outcome({ checks: [held, shouldMiss] })).verdict, 'warn');
    const finding = judge(outcome({ level: 'should', checks: [shouldMiss] }));
    assert.equal(finding.verdict, 'warn');
    assert.equal(finding.summary, 'the response matches close.yaml: header Connection: expected close, got <absent>');
    assert.equal(finding.difference, 'header Connection: expected close, got <absent>');
  });

  test('a check without a difference is summarised, and differs, by its label alone', () => {
    const finding = judge(outcome({ checks: [{ label: 'the connection closes', level: 'must', passed: false }] }));
    assert.equal(finding.summary, 'the connection closes');
    assert.equal(finding.difference, 'the connection closes');
  });

  test('a MAY-level check never fails nor warns', () => {
    assert.equal(judge(outcome({ checks: [held, mayMiss] })).verdict, 'pass');
    assert.equal(judge(outcome({ level: 'may', checks: [mayMiss] })).verdict, 'pass');
  });

  test('n/a: the rule cannot be judged on this target, with the reason as summary', () => {
    const finding = judge(outcome({ checks: [], notApplicable: 'the target cannot be configured' }));
    assert.equal(finding.verdict, 'n/a');
    assert.equal(finding.summary, 'the target cannot be configured');
    assert.equal(finding.difference, 'the target cannot be configured');
  });

  test('error: the harness failed, with what went wrong as summary', () => {
    const finding = judge(outcome({ harnessError: "no response within the harness's read timeout" }));
    assert.equal(finding.verdict, 'error');
    assert.equal(finding.summary, "no response within the harness's read timeout");
  });

  test('a scenario that checked nothing is an error: a scenario must be able to fail', () => {
    const finding = judge(outcome({ checks: [] }));
    assert.equal(finding.verdict, 'error');
    assert.match(finding.summary ?? '', /checked nothing/);
  });

  test('precedence: error over n/a over fail over warn over pass', () => {
    const everything = { checks: [shouldMiss, mustMiss, held] };
    assert.equal(judge(outcome({ ...everything, notApplicable: 'no', harnessError: 'broken' })).verdict, 'error');
    assert.equal(judge(outcome({ ...everything, notApplicable: 'no' })).verdict, 'n/a');
    assert.equal(judge(outcome(everything)).verdict, 'fail');
    // The first broken MUST check is the summary, even after a broken SHOULD one.
    assert.equal(judge(outcome(everything)).summary, 'the response matches x.yaml: status: expected 400, got 200');
    assert.equal(judge(outcome({ checks: [held, shouldMiss] })).verdict, 'warn');
  });

  test('the checks and evidence are kept whatever the verdict', () => {
    const finding = judge(outcome({ checks: [mustMiss, shouldMiss], harnessError: 'broken' }));
    assert.deepEqual(finding.checks, [mustMiss, shouldMiss]);
    assert.deepEqual(finding.evidence, ['fixture x.yaml → 200 OK']);
  });
});

suite('a finding as data', () => {
  test('reads back from its JSON, and nothing else does', () => {
    const finding = judge(outcome({ checks: [held, mustMiss] }));
    assert.deepEqual(maybeFinding(JSON.stringify(finding)), finding);
    assert.equal(maybeFinding('not json'), undefined);
    assert.equal(maybeFinding('null'), undefined);
    assert.equal(maybeFinding(JSON.stringify({ ...finding, verdict: 'failed' })), undefined);
    assert.equal(maybeFinding(JSON.stringify({ ...finding, level: 'required' })), undefined);
    assert.equal(maybeFinding(JSON.stringify({ ...finding, checks: undefined })), undefined);
    assert.equal(FINDING_MEDIA_TYPE, 'application/vnd.wirecheck.finding+json');
  });

  test("a scenario's level and rule come from its tags", () => {
    assert.equal(levelOfTags(['@rfc9112', '@must']), 'must');
    assert.equal(levelOfTags(['@should']), 'should');
    assert.equal(levelOfTags(['@should', '@must']), 'must');
    assert.equal(levelOfTags(['@may']), 'may');
    assert.equal(levelOfTags(['@seed']), 'must');
    assert.equal(ruleOfTags(['@rfc9112', '@rfc9112-6.3', '@rfc9110-8.6']), 'RFC 9112 §6.3');
    assert.equal(ruleOfTags(['@seed']), '@seed');
    assert.equal(ruleOfTags([]), '(untagged)');
  });

  test('fail and error fail a run; warn only in strict mode; every verdict is counted', () => {
    assert.deepEqual(VERDICTS.filter((v) => failsRun(v, false)), ['fail', 'error']);
    assert.deepEqual(VERDICTS.filter((v) => failsRun(v, true)), ['fail', 'warn', 'error']);
    assert.deepEqual(countVerdicts(['pass', 'pass', 'n/a']), { pass: 2, fail: 0, warn: 0, 'n/a': 1, error: 0 });
  });
});
