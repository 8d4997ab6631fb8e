/**
 * How a scenario ended, from the target's point of view:
 * - `pass`: every rule checked held;
 * - `fail`: a MUST-level rule was broken;
 * - `warn`: only SHOULD-level rules were broken;
 * - `n/a`: the rule cannot be judged on this target (it lacks what the scenario needs);
 * - `error`: the harness itself failed (its own timeout, a bad fixture, an undefined step).
 */
export const VERDICTS = ['pass', 'fail', 'warn', 'n/a', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The keyword of the RFC sentence a check quotes: MUST fails, SHOULD warns, MAY never fails. */
export const LEVELS = ['must', 'should', 'may'] as const;
export type Level = (typeof LEVELS)[number];

export function isVerdict(value: unknown): value is Verdict {
  return (VERDICTS as readonly unknown[]).includes(value);
}

export function isLevel(value: unknown): value is Level {
  return (LEVELS as readonly unknown[]).includes(value);
}

/** Counts per verdict, every verdict present. */
export type VerdictCounts = Record<Verdict, number>;

export function countVerdicts(verdicts: Iterable<Verdict>): VerdictCounts {
  const counts: VerdictCounts = { pass: 0, fail: 0, warn: 0, 'n/a': 0, error: 0 };
  for (const verdict of verdicts) counts[verdict]++;
  return counts;
}

/** Whether a verdict fails the run: `fail` and `error` always, `warn` in strict mode (STRICT=1). */
export function failsRun(verdict: Verdict, strict: boolean): boolean {
  return verdict === 'fail' || verdict === 'error' || (strict && verdict === 'warn');
}
