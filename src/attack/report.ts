/** The goals an attack run is judged by, and the table the tool prints (docs/reliability.md quotes it). */
import type { AttackRun } from './run-attack.js';

/** Issue 14's goals, with default limits: the server's peak RSS, and the normal client's p99 beside the attack. */
export const GOALS = { peakRssMiB: 200, p99Ms: 10 } as const;

export interface Verdict {
  readonly ok: boolean;
  /** What was missed, in words; empty when `ok`. */
  readonly missed: string[];
}

export function judge(run: AttackRun): Verdict {
  const missed: string[] = [];
  if (!(run.peakKiB / 1024 < GOALS.peakRssMiB)) missed.push(`peak RSS ${mib(run.peakKiB)} (goal < ${GOALS.peakRssMiB} MiB)`);
  if (!(run.latency.p99Ms < GOALS.p99Ms)) missed.push(`normal p99 ${ms(run.latency.p99Ms)} (goal < ${GOALS.p99Ms} ms)`);
  if (run.latency.failures > 0) missed.push(`${run.latency.failures} normal exchanges failed`);
  return { ok: missed.length === 0, missed };
}

const mib = (kib: number): string => (Number.isNaN(kib) ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)} ms`);

function outcomes(run: AttackRun): string {
  const order = (key: string): number => (/^\d+$/.test(key) ? Number(key) : 1000);
  return Object.entries(run.tally.outcomes)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([outcome, count]) => `${outcome}×${count}`)
    .join(' ');
}

/** A Markdown table, a row per run, then what each run missed. */
export function formatRuns(runs: readonly AttackRun[]): string {
  const rows = runs.map((run) => {
    const { latency } = run;
    const verdict = judge(run);
    return (
      `| ${run.attack} | ${run.attackers} | ${outcomes(run)} | ${(run.attackMs / 1000).toFixed(1)} s | ${mib(run.beforeKiB)} | **${mib(run.peakKiB)}** | ${mib(run.afterKiB)} | ` +
      `${run.afterHeapKiB === undefined ? 'n/a' : mib(run.afterHeapKiB)} | ${latency.requests} | ${ms(latency.p50Ms)} | **${ms(latency.p99Ms)}** | ${ms(latency.maxMs)} | ${latency.failures} | ${run.loadPerCpu.toFixed(1)} | ${verdict.ok ? 'yes' : '**no**'} |`
    );
  });
  return [
    '| attack | attackers | what they got | took | RSS before | peak RSS | RSS after | heap + Buffers after GC | normal requests | p50 | p99 | max | failed | load per CPU | goals met |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
