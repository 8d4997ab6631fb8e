import type { ScenarioRun } from './cucumber-messages.js';
import type { RunJudgement } from './verdict.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The closing lines of a conformance run: wall time and per-scenario median, the scenarios
 * that passed only on retry, the SHOULD-level warnings, and the counts. Without a judgement
 * (from `judgeRun`), every scenario that did not pass counts as failed.
 */
export function formatRunSummary(runs: readonly ScenarioRun[], wallMs: number, judgement?: RunJudgement): string {
  const count = (status: string): number => runs.filter((r) => r.status === status).length;
  const skipped = judgement?.counts.skipped ?? count('SKIPPED');
  const passed = judgement?.counts.passed ?? count('PASSED');
  const warned = judgement?.counts.warned ?? 0;
  const failed = judgement?.counts.failed ?? runs.length - passed - skipped;
  const retried = judgement?.passedOnRetry ?? runs.filter((r) => r.attempts > 1 && r.status === 'PASSED');
  const lines = [
    `conformance: ${runs.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall, median ${median(runs.map((r) => r.durationMs)).toFixed(1)} ms per scenario`,
  ];
  for (const run of retried) lines.push(`  passed only on retry (${run.attempts} attempts): ${run.uri}:${run.line} ${run.name}`);
  for (const run of judgement?.warned ?? []) lines.push(`  warning (SHOULD-level): ${run.uri}:${run.line} ${run.name}${run.message === undefined ? '' : ` — ${run.message}`}`);
  const parts = [`${passed} passed${retried.length > 0 ? ` (${retried.length} only on retry)` : ''}`, `${failed} failed`];
  if (warned > 0) parts.push(`${warned} warned`);
  if (skipped > 0) parts.push(`${skipped} skipped`);
  lines.push(parts.join(', '));
  if (judgement?.note !== undefined) lines.push(judgement.note);
  return lines.join('\n');
}
