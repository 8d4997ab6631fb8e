import type { Check, Finding } from './finding.js';
import type { Level, Verdict } from './verdict.js';

/** What a scenario left behind when it ended: everything a verdict is made from. */
export interface ScenarioOutcome {
  readonly level: Level;
  readonly rule: string;
  readonly checks: readonly Check[];
  readonly evidence: readonly string[];
  /** Why the scenario could not be judged on this target, when it could not. */
  readonly notApplicable?: string;
  /** What went wrong in the harness itself, when something did. */
  readonly harnessError?: string;
}

/**
 * The one place a verdict is made. The harness failing wins over everything (its checks may be
 * incomplete); then a rule the target cannot be judged on; then the checks, by level.
 */
export function judge(outcome: ScenarioOutcome): Finding {
  const { level, rule, checks, evidence } = outcome;
  const finding = (verdict: Verdict, summary?: string, difference = summary): Finding => ({
    verdict,
    level,
    rule,
    ...(summary === undefined ? {} : { summary }),
    ...(difference === undefined ? {} : { difference }),
    checks,
    evidence,
  });
  if (outcome.harnessError !== undefined) return finding('error', outcome.harnessError);
  if (outcome.notApplicable !== undefined) return finding('n/a', outcome.notApplicable);
  const broken = (at: Level) => checks.find((check) => !check.passed && check.level === at);
  const must = broken('must');
  if (must !== undefined) return finding('fail', describe(must), must.difference);
  const should = broken('should');
  if (should !== undefined) return finding('warn', describe(should), should.difference);
  if (checks.length === 0) return finding('error', 'the scenario checked nothing: a scenario must be able to fail');
  return finding('pass');
}

function describe(check: Check): string {
  return check.difference === undefined ? check.label : `${check.label}: ${check.difference}`;
}
