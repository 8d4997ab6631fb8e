import type { RunRecord, ScenarioRun } from './cucumber-messages.js';

/**
 * Cucumber knows passed and failed; a conformance run also knows "warned": a SHOULD-level
 * expectation the target did not meet. The runner judges the run from the message stream, so
 * a warning is reported but leaves the exit code alone, unless strict mode (STRICT=1) makes
 * every failure count.
 */
export type Verdict = 'passed' | 'failed' | 'warned' | 'skipped';

export interface VerdictOptions {
  /** STRICT=1: SHOULD-level failures fail the run like MUST-level ones. */
  readonly strict: boolean;
}

/**
 * The exception types that are findings about the target, as the harness throws them
 * (src/harness/conformance-error.ts, chai's assertions). Anything else — a fixture that does
 * not load, a TypeError — is the harness failing, never a warning.
 */
const FINDING_TYPES: readonly string[] = ['ConformanceError', 'ShouldLevelError', 'AssertionError'];
/** Thrown at the end of a scenario for `level: should` fixtures that were not met. */
const SHOULD_LEVEL_TYPE = 'ShouldLevelError';

export const MUST_TAG = '@must';
export const SHOULD_TAG = '@should';

/**
 * A scenario's verdict. A failed scenario is only `warned` when every failure is a finding and
 * SHOULD-level: the scenario is tagged @should (and not @must), or the failure is a
 * `level: should` fixture's. Undefined, ambiguous and pending steps always fail.
 */
export function verdictOf(run: ScenarioRun, { strict }: VerdictOptions): Verdict {
  if (run.status === 'PASSED') return 'passed';
  if (run.status === 'SKIPPED') return 'skipped';
  if (run.status !== 'FAILED' || strict || run.failures.length === 0) return 'failed';
  const shouldScenario = run.tags.includes(SHOULD_TAG) && !run.tags.includes(MUST_TAG);
  const shouldLevel = run.failures.every((f) => f.type === SHOULD_LEVEL_TYPE || (shouldScenario && FINDING_TYPES.includes(f.type)));
  return shouldLevel ? 'warned' : 'failed';
}

export interface RunJudgement {
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Retried scenarios that passed in the end. */
  readonly passedOnRetry: readonly ScenarioRun[];
  readonly warned: readonly ScenarioRun[];
  readonly exitCode: number;
  /** Why the exit code differs from Cucumber's, when it does. */
  readonly note: string | undefined;
}

/** Judges a run: counts per verdict, and the exit code (Cucumber's, but warnings do not fail). */
export function judgeRun(record: RunRecord, cucumberExitCode: number, options: VerdictOptions): RunJudgement {
  const counts: Record<Verdict, number> = { passed: 0, failed: 0, warned: 0, skipped: 0 };
  const warned: ScenarioRun[] = [];
  for (const run of record.scenarios) {
    const verdict = verdictOf(run, options);
    counts[verdict]++;
    if (verdict === 'warned') warned.push(run);
  }
  const passedOnRetry = record.scenarios.filter((r) => r.attempts > 1 && r.status === 'PASSED');
  const judged = { counts, passedOnRetry, warned };
  if (!record.finished || record.runProblems.length > 0) return { ...judged, exitCode: cucumberExitCode === 0 ? 1 : cucumberExitCode, note: undefined };
  if (counts.failed > 0) return { ...judged, exitCode: cucumberExitCode === 0 ? 1 : cucumberExitCode, note: undefined };
  if (cucumberExitCode !== 0 && counts.warned > 0) {
    return { ...judged, exitCode: 0, note: `exit code 0: the only failures are ${counts.warned} SHOULD-level warning${counts.warned === 1 ? '' : 's'} (STRICT=1 fails them)` };
  }
  return { ...judged, exitCode: cucumberExitCode, note: undefined };
}
