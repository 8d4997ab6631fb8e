import type { ScenarioRun } from './cucumber-messages.js';
import type { RunJudgement } from './judgement.js';
import { countsLine, VERDICT_MARK } from './verdict-view.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One line per scenario that did not pass: verdict, rule, where, name, and the first difference or the reason. */
export function notPassingLine(run: ScenarioRun): string {
  const { verdict, rule, summary } = run.finding;
  return `${VERDICT_MARK[verdict]} ${verdict.padEnd(5)} ${rule} · ${run.uri}:${run.line} ${run.name}${summary === undefined ? '' : ` — ${summary}`}`;
}

/**
 * The closing lines of a conformance run: wall time and per-scenario median, one compact line
 * per scenario that did not pass (the full evidence is in the reports), the scenarios that
 * passed only on retry, and the counts of every verdict.
 */
export function formatRunSummary(runs: readonly ScenarioRun[], wallMs: number, judgement: RunJudgement): string {
  const lines = [`conformance: ${runs.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall, median ${median(runs.map((r) => r.durationMs)).toFixed(1)} ms per scenario`];
  for (const run of judgement.notPassing) lines.push(`  ${notPassingLine(run)}`);
  for (const run of judgement.passedOnRetry) lines.push(`  ↻ passed only on retry (${run.attempts} attempts): ${run.uri}:${run.line} ${run.name}`);
  lines.push(countsLine(judgement.counts));
  return lines.join('\n');
}
