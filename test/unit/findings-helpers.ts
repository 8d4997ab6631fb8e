/**
 * Shared helpers for the unit tests of findings and of the reports that read them: findings made
 * by the one judge, scenario runs that carry them, and Cucumber message streams that attach them.
 */
import { FINDING_MEDIA_TYPE, type Finding } from '../../src/findings/finding.js';
import { judge } from '../../src/findings/judge.js';
import { levelOfTags, ruleOfTags } from '../../src/findings/scenario-rule.js';
import type { Verdict } from '../../src/findings/verdict.js';
import type { ScenarioRun } from '../../src/run/cucumber-messages.js';

/**
 * A finding with `verdict` for a scenario tagged `tags`, made by `judge` from the outcome that
 * leads to it; `why` is the difference (fail, warn) or the reason (n/a, error).
 */
export function findingOf(verdict: Verdict, tags: readonly string[], why = `why it is ${verdict}`): Finding {
  const level = levelOfTags(tags);
  const rule = ruleOfTags(tags);
  const base = { level, rule, evidence: ['fixture x.yaml → 200 OK'] };
  const held = { label: 'the response matches x.yaml', level, passed: true } as const;
  switch (verdict) {
    case 'pass':
      return judge({ ...base, checks: [held] });
    case 'fail':
      return judge({ ...base, checks: [{ label: 'the response matches x.yaml', level: 'must', passed: false, difference: why }] });
    case 'warn':
      return judge({ ...base, checks: [{ label: 'the response matches x.yaml', level: 'should', passed: false, difference: why }] });
    case 'n/a':
      return judge({ ...base, checks: [], notApplicable: why });
    case 'error':
      return judge({ ...base, checks: [], harnessError: why });
  }
}

/** A scenario run at `features/f.feature:line` whose last attempt's finding has `verdict`. */
export function runOf(name: string, line: number, tags: readonly string[], verdict: Verdict = 'pass', overrides: Partial<ScenarioRun> & { why?: string } = {}): ScenarioRun {
  const { why, ...rest } = overrides;
  return { name, uri: 'features/f.feature', line, tags, attempts: 1, durationMs: 1, finding: findingOf(verdict, tags, why), ...rest };
}

type Envelope = Record<string, any>;

/** One attempt of a scenario: the statuses of its steps, and the finding its last step attaches (none: the process died). */
export interface AttemptSpec {
  readonly steps: readonly string[];
  readonly finding: Finding | undefined;
  /** Seconds since the epoch at its start; it lasts 100 ms. */
  readonly at?: number;
}

export interface ScenarioSpec {
  readonly id: string;
  readonly name: string;
  readonly uri?: string;
  /** The line of the scenario, or of the example row when `row` is given. */
  readonly line: number;
  /** An outline's example row: the scenario is at `line - 5`, the row at `line`. */
  readonly row?: boolean;
  readonly tags: readonly string[];
  readonly attempts: readonly AttemptSpec[];
}

/**
 * A Cucumber message stream as the `message:` formatter writes it: the documents, the pickles,
 * the test cases, then each attempt with its steps (the last one, the After hook, attaches the
 * finding before it finishes), and the end of the run.
 */
export function messageStream(scenarios: readonly ScenarioSpec[], end: Envelope[] = [{ testRunFinished: { success: true, timestamp: { seconds: 99, nanos: 0 } } }]): Envelope[] {
  const envelopes: Envelope[] = [];
  for (const s of scenarios) {
    const scenario = s.row === true ? { id: `${s.id}-ast`, location: { line: s.line - 5 }, examples: [{ tableBody: [{ id: `${s.id}-row`, location: { line: s.line } }] }] } : { id: `${s.id}-ast`, location: { line: s.line } };
    envelopes.push({ gherkinDocument: { uri: s.uri ?? 'features/f.feature', feature: { children: [{ rule: { children: [{ scenario }] } }] } } });
  }
  for (const s of scenarios) {
    const astNodeIds = s.row === true ? [`${s.id}-ast`, `${s.id}-row`] : [`${s.id}-ast`];
    envelopes.push({ pickle: { id: `${s.id}-pickle`, name: s.name, uri: s.uri ?? 'features/f.feature', astNodeIds, tags: s.tags.map((name) => ({ name })) } });
  }
  for (const s of scenarios) {
    const steps = Math.max(...s.attempts.map((a) => a.steps.length));
    envelopes.push({ testCase: { id: `${s.id}-case`, pickleId: `${s.id}-pickle`, testSteps: Array.from({ length: steps }, (_, i) => ({ id: `${s.id}-step${i}` })) } });
  }
  for (const s of scenarios) {
    s.attempts.forEach((attempt, n) => {
      const started = `${s.id}-attempt${n}`;
      const at = attempt.at ?? n + 1;
      envelopes.push({ testCaseStarted: { id: started, testCaseId: `${s.id}-case`, attempt: n, timestamp: { seconds: at, nanos: 0 } } });
      attempt.steps.forEach((status, i) => {
        const testStepId = `${s.id}-step${i}`;
        const last = i === attempt.steps.length - 1;
        if (last && attempt.finding !== undefined) envelopes.push({ attachment: { testCaseStartedId: started, testStepId, mediaType: FINDING_MEDIA_TYPE, contentEncoding: 'IDENTITY', body: JSON.stringify(attempt.finding) } });
        const result = status === 'FAILED' ? { status, message: `step ${i} failed`, exception: { type: 'Error', message: `step ${i} failed` } } : { status };
        envelopes.push({ testStepFinished: { testCaseStartedId: started, testStepId, testStepResult: { duration: { seconds: 0, nanos: 0 }, ...result }, timestamp: { seconds: at, nanos: 0 } } });
      });
      const willBeRetried = n < s.attempts.length - 1;
      envelopes.push({ testCaseFinished: { testCaseStartedId: started, willBeRetried, timestamp: { seconds: at, nanos: 100_000_000 } } });
    });
  }
  envelopes.push(...end);
  return envelopes;
}
