import { countVerdicts, failsRun, type VerdictCounts } from '../findings/verdict.js';
import type { RunRecord, ScenarioRun } from './cucumber-messages.js';

/** A run judged from its findings: what every report and the exit code read. */
export interface RunJudgement {
  readonly counts: VerdictCounts;
  /** Scenarios whose last attempt passed after an earlier one did not. */
  readonly passedOnRetry: readonly ScenarioRun[];
  /** Every scenario that did not pass, in run order. */
  readonly notPassing: readonly ScenarioRun[];
  /** 1 on any fail or error (warn too when strict), or when the run itself had problems; else 0. */
  readonly exitCode: number;
}

export function judgeRun(record: RunRecord, strict: boolean): RunJudgement {
  const verdicts = record.scenarios.map((run) => run.finding.verdict);
  const counts = countVerdicts(verdicts);
  const troubled = !record.finished || record.runProblems.length > 0;
  return {
    counts,
    passedOnRetry: record.scenarios.filter((run) => run.attempts > 1 && run.finding.verdict === 'pass'),
    notPassing: record.scenarios.filter((run) => run.finding.verdict !== 'pass'),
    exitCode: troubled || verdicts.some((verdict) => failsRun(verdict, strict)) ? 1 : 0,
  };
}
