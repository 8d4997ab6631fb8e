import type { FuzzRun } from './runner.js';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The run's figures, as the CLI prints them and docs/reliability.md quotes them. */
export function formatSummary(run: FuzzRun, seed: number, where: string): string {
  const { stats, target, elapsedMs } = run;
  const seconds = elapsedMs / 1000;
  const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
  const limits = target.limits;
  return [
    `wirecheck fuzz — seed ${seed}, ${seconds.toFixed(1)} s, ${where} ${target.host}:${target.port}`,
    `  limits        request line ${limits.maxStartLineBytes} B, header section ${limits.maxHeaderBytes} B / ${limits.maxHeaderCount} fields, body ${limits.maxBodyBytes} B` +
      (target.requestTimeoutMs === undefined ? '' : `, request timeout ${target.requestTimeoutMs} ms`),
    `  cases         ${stats.cases} (${(stats.cases / Math.max(seconds, 0.001)).toFixed(0)}/s), ${stats.requests} request heads in them`,
    `  responses     ${stats.responses}: ${statuses}`,
    `  connections   closed by the server ${stats.serverCloses}, half-closed by the fuzzer ${stats.halfCloses}, waited for 408 ${stats.timeoutWaits}`,
    `  failures      ${stats.failures.length}${stats.failures.length === 0 ? '' : ` (${stats.failures.map((f) => f.savedAs ?? `case ${f.case.index}`).join(', ')})`}`,
    `  crashes       ${stats.crashes}`,
    `  peak RSS      ${mib(stats.peakRss)} sampled after each case${run.vmHwm === undefined ? '' : ` (VmHWM ${mib(run.vmHwm)})`}` +
      (stats.rssAfterWarmup === undefined ? '' : `; ${mib(stats.rssAfterWarmup)} after the first 500 cases`),
  ].join('\n');
}
