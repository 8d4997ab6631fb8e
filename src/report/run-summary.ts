import type { ScenarioRun } from './cucumber-messages.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The closing lines of a conformance run: counts, wall time, per-scenario median, retries. */
export function formatRunSummary(runs: readonly ScenarioRun[], wallMs: number): string {
  const count = (status: string): number => runs.filter((r) => r.status === status).length;
  const passed = count('PASSED');
  const failed = runs.length - passed - count('SKIPPED');
  const retried = runs.filter((r) => r.attempts > 1 && r.status === 'PASSED');
  const lines = [
    `conformance: ${runs.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall, median ${median(runs.map((r) => r.durationMs)).toFixed(1)} ms per scenario`,
  ];
  for (const run of retried) lines.push(`  passed only on retry (${run.attempts} attempts): ${run.uri}:${run.line} ${run.name}`);
  lines.push(`${passed} passed, ${failed} failed${count('SKIPPED') > 0 ? `, ${count('SKIPPED')} skipped` : ''}`);
  return lines.join('\n');
}
