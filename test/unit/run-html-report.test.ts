import assert from 'node:assert/strict';
import parseTagExpression from '@cucumber/tag-expressions';
import { describe as suite, test } from 'node:test';
import type { Verdict } from '../../src/findings/verdict.js';
import { runRecordOf, scenarioTag } from '../../src/run/cucumber-messages.js';
import { withScenarioTags, withVerdictStatuses } from '../../src/run/html-report.js';
import { judgeRun } from '../../src/run/judgement.js';
import { findingOf, messageStream, type ScenarioSpec } from './findings-helpers.js';

// Cucumber's HTML report counts step statuses; withVerdictStatuses makes them say the findings.

type Envelope = Record<string, any>;

const must = ['@rfc9112', '@rfc9112-6.3', '@must'];
const should = ['@rfc9112', '@rfc9112-9.6', '@should'];

/** One scenario, one attempt: its steps' statuses (the last is the After hook, which attaches the finding). */
function scenario(id: string, verdict: Verdict, steps: string[], tags = must): ScenarioSpec {
  return { id, name: id, line: 1, tags, attempts: [{ steps, finding: findingOf(verdict, tags, `why ${id}`) }] };
}

const scenarios = [
  scenario('pass', 'pass', ['PASSED', 'PASSED', 'PASSED']),
  scenario('fail', 'fail', ['PASSED', 'FAILED', 'SKIPPED', 'PASSED']),
  // A SHOULD scenario's check stops it: its step failed.
  scenario('warn-stopped', 'warn', ['PASSED', 'FAILED', 'SKIPPED', 'PASSED'], should),
  // A `level: should` fixture inside a MUST scenario: nothing failed, the hook attached a warning.
  scenario('warn-noted', 'warn', ['PASSED', 'PASSED', 'PASSED']),
  // The step that finds the target unsuited returns 'skipped'.
  scenario('na', 'n/a', ['PASSED', 'SKIPPED', 'SKIPPED', 'PASSED']),
  // The After hook throws for an error nothing failed for.
  scenario('error-hook', 'error', ['PASSED', 'PASSED', 'FAILED']),
  // A step of the harness threw (a bad fixture); the hook, seeing it failed already, does not throw.
  scenario('error-step', 'error', ['FAILED', 'SKIPPED', 'PASSED']),
  // An undefined step: Cucumber's status UNDEFINED, and the hook throws.
  scenario('error-undefined', 'error', ['UNDEFINED', 'SKIPPED', 'FAILED']),
];
const envelopes = messageStream(scenarios);
const rewritten = withVerdictStatuses(envelopes);

function statusesOf(stream: readonly Envelope[], id: string, attempt = 0): string[] {
  return stream.filter((e) => e.testStepFinished?.testCaseStartedId === `${id}-attempt${attempt}`).map((e) => e.testStepFinished.testStepResult.status);
}

/** The status Cucumber (and its HTML report) gives a test case: its worst step's. */
const RANK = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
const worst = (statuses: readonly string[]): string => statuses.reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a), 'PASSED');

suite("the HTML report's statuses, from the findings", () => {
  test('pass and fail keep Cucumber’s own statuses', () => {
    assert.deepEqual(statusesOf(rewritten, 'pass'), ['PASSED', 'PASSED', 'PASSED']);
    assert.deepEqual(statusesOf(rewritten, 'fail'), ['PASSED', 'FAILED', 'SKIPPED', 'PASSED']);
  });

  test('warn is pending: the step that failed, or else the step that attached the finding', () => {
    assert.deepEqual(statusesOf(rewritten, 'warn-stopped'), ['PASSED', 'PENDING', 'SKIPPED', 'PASSED']);
    assert.deepEqual(statusesOf(rewritten, 'warn-noted'), ['PASSED', 'PASSED', 'PENDING']);
  });

  test('n/a is skipped: the skipped steps stay, the hook is not touched', () => {
    assert.deepEqual(statusesOf(rewritten, 'na'), ['PASSED', 'SKIPPED', 'SKIPPED', 'PASSED']);
  });

  test('n/a with a failed step shows it skipped', () => {
    const stream = withVerdictStatuses(messageStream([scenario('na-failed', 'n/a', ['FAILED', 'PASSED'])]));
    assert.deepEqual(statusesOf(stream, 'na-failed'), ['SKIPPED', 'PASSED']);
  });

  test('error is undefined: every failed step of the attempt', () => {
    assert.deepEqual(statusesOf(rewritten, 'error-hook'), ['PASSED', 'PASSED', 'UNDEFINED']);
    assert.deepEqual(statusesOf(rewritten, 'error-step'), ['UNDEFINED', 'SKIPPED', 'PASSED']);
    assert.deepEqual(statusesOf(rewritten, 'error-undefined'), ['UNDEFINED', 'SKIPPED', 'UNDEFINED']);
  });

  test("every scenario's Cucumber status is its verdict's, so the report's counts are the findings'", () => {
    const shown = Object.fromEntries(scenarios.map((s) => [s.id, worst(statusesOf(rewritten, s.id))]));
    assert.deepEqual(shown, { pass: 'PASSED', fail: 'FAILED', 'warn-stopped': 'PENDING', 'warn-noted': 'PENDING', na: 'SKIPPED', 'error-hook': 'UNDEFINED', 'error-step': 'UNDEFINED', 'error-undefined': 'UNDEFINED' });
    const cucumberCounts = Object.values(shown).reduce<Record<string, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
    const { counts } = judgeRun(runRecordOf(rewritten), false);
    assert.deepEqual(cucumberCounts, { PASSED: counts.pass, FAILED: counts.fail, PENDING: counts.warn, SKIPPED: counts['n/a'], UNDEFINED: counts.error });
  });

  test("a rewritten step says the verdict and the finding's summary, without the exception", () => {
    const step = rewritten.find((e) => e.testStepFinished?.testCaseStartedId === 'warn-stopped-attempt0' && e.testStepFinished.testStepResult.status === 'PENDING')!.testStepFinished;
    assert.equal(step.testStepResult.message, 'warn: the response matches x.yaml: why warn-stopped');
    assert.equal(step.testStepResult.exception, undefined);
    assert.deepEqual(step.testStepResult.duration, { seconds: 0, nanos: 0 });
    assert.equal(step.testStepId, 'warn-stopped-step1');
    const error = rewritten.find((e) => e.testStepFinished?.testCaseStartedId === 'error-hook-attempt0' && e.testStepFinished.testStepResult.status === 'UNDEFINED')!.testStepFinished;
    assert.equal(error.testStepResult.message, 'error: why error-hook');
  });

  test('each attempt is judged by its own finding: a retried warning, then a pass', () => {
    const retried: ScenarioSpec = {
      id: 'r',
      name: 'r',
      line: 1,
      tags: should,
      attempts: [
        { steps: ['PASSED', 'FAILED', 'PASSED'], finding: findingOf('warn', should) },
        { steps: ['PASSED', 'PASSED', 'PASSED'], finding: findingOf('pass', should) },
      ],
    };
    const stream = withVerdictStatuses(messageStream([retried]));
    assert.deepEqual(statusesOf(stream, 'r', 0), ['PASSED', 'PENDING', 'PASSED']);
    assert.deepEqual(statusesOf(stream, 'r', 1), ['PASSED', 'PASSED', 'PASSED']);
  });

  test('an attempt without a finding, and every other envelope, pass through untouched; the input is not changed', () => {
    const died = messageStream([{ id: 'd', name: 'd', line: 1, tags: must, attempts: [{ steps: ['PASSED', 'FAILED'], finding: undefined }] }]);
    assert.deepEqual(withVerdictStatuses(died), died);
    assert.equal(rewritten.length, envelopes.length);
    envelopes.forEach((envelope, i) => {
      if (envelope.testStepFinished === undefined) assert.equal(rewritten[i], envelope);
    });
    assert.deepEqual(statusesOf(envelopes, 'warn-noted'), ['PASSED', 'PASSED', 'PASSED']);
  });
});

suite('a tag of its own for each scenario run', () => {
  test('an outline row and a scenario each get `@uri:line`, after their own tags, and nothing else changes', () => {
    const stream = messageStream([
      { id: 'plain', name: 'plain', line: 7, tags: must, attempts: [{ steps: ['PASSED'], finding: findingOf('pass', must) }] },
      { id: 'row', name: 'row', line: 14, row: true, tags: must, attempts: [{ steps: ['PASSED'], finding: findingOf('pass', must) }] },
    ]);
    const tagged = withScenarioTags(stream);
    const tagsOf = (id: string): string[] => tagged.find((e) => e.pickle?.id === `${id}-pickle`)!.pickle.tags.map((t: { name: string }) => t.name);
    assert.deepEqual(tagsOf('plain'), [...must, '@features/f.feature:7']);
    assert.deepEqual(tagsOf('row'), [...must, '@features/f.feature:14']);
    stream.forEach((envelope, i) => {
      if (envelope.pickle === undefined) assert.equal(tagged[i], envelope);
    });
    // The findings' reading of the stream does not see the tag.
    assert.deepEqual(runRecordOf(stream).scenarios.map((run) => run.tags), [must, must]);
  });

  test('the tag, as the report parses it, selects its scenario run and no other', () => {
    const tag = scenarioTag({ uri: 'features/rfc9112/framing.feature', line: 8 });
    const expression = parseTagExpression(tag);
    assert.equal(expression.evaluate([...must, tag]), true);
    assert.equal(expression.evaluate([...must, scenarioTag({ uri: 'features/rfc9112/framing.feature', line: 87 })]), false);
  });

  test('what a tag expression cannot hold is written _', () => {
    assert.equal(scenarioTag({ uri: 'my features/a (b).feature', line: 3 }), '@my_features/a__b_.feature:3');
    assert.equal(scenarioTag({ uri: 'C:\\suite\\x.feature', line: 1 }), '@C:_suite_x.feature:1');
  });
});
