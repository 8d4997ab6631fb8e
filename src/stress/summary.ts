import { mib, ms, type RoundReport, type StressReport } from './run-stress.js';
import type { LatencyFigures } from './latency.js';

const latency = (l: LatencyFigures): string =>
  `${l.requests} requests, p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}, max ${ms(l.maxMs)}${l.failures === 0 ? '' : `, ${l.failures} failed`}`;

function formatRound(round: RoundReport, index: number, report: StressReport): string[] {
  const { storm, posted, audit, latencyHeld, held, overflow } = round;
  const statuses = [...storm.statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
  const memory =
    round.heldKiB === undefined
      ? ''
      : `; server RSS ${mib(round.beforeHeldKiB ?? 0)} before, ${mib(round.heldKiB)} held, ${mib(round.afterKiB ?? 0)} ${report.options.settleSeconds} s after closing` +
        (round.afterHeapKiB === undefined ? '' : ` (heap + Buffers after GC ${mib(round.afterHeapKiB)})`);
  return [
    `  round ${index + 1}`,
    `    storm       ${storm.posts} POST in ${storm.batches} batches, ${storm.gets} GET, ${storm.deletes} DELETE; responses ${statuses}`,
    `    posted      acknowledged ${posted.acknowledged}, refused ${posted.refused}, unanswered ${posted.unanswered}`,
    `    accounting  since the last DELETE: acknowledged ${audit.acknowledged}, found ${audit.found} (${audit.overlapping} overlapped that DELETE); ` +
      `missing ${audit.missing}, duplicates ${audit.duplicates}, unexpected ${audit.unexpected}, out of order ${audit.outOfOrder + audit.realTimeViolations}`,
    `    held        ${held.idle} idle (${held.idleOpen} still open), ${held.stalled} stalled (${held.stalledOpen} still open, ${held.stalled - held.stalledAnswered} unanswered)${memory}`,
    `    latency     ${latency(latencyHeld)}, next to the held connections`,
    `    past limit  ${overflow.attempted} at once with ${held.idle + held.stalled} open (limit ${report.options.maxConnections}): served ${overflow.served}, refused ${overflow.refused}; ` +
      `then ${overflow.idleServedAfter.answered}/${overflow.idleServedAfter.asked} held connections answered GET`,
    ...storm.broken.map((b) => `    broken      ${b}`),
    ...storm.snapshotProblems.map((p) => `    listing     ${p}`),
    ...audit.problems.map((p) => `    audit       ${p}`),
  ];
}

/** The run's figures and checks, as the CLI prints them and docs/reliability.md quotes them. */
export function formatSummary(report: StressReport): string {
  const { options } = report;
  const lines = [
    `wirecheck stress — ${report.bundled ? 'bundled server (child process) on' : 'server at'} ${report.target.host}:${report.target.port}` +
      `${options.dataFile === undefined ? '' : ` with --data ${options.dataFile}`}, ${(report.elapsedMs / 1000).toFixed(1)} s in all`,
    `  load          ${options.rounds} rounds of: ${options.seconds} s storm of ${options.connections} posting connections (batches of 1–${options.maxPipeline}), ` +
      `${options.splitPosters} of them in two writes, ${options.getters} reading, a DELETE every ${options.deleteEveryMs} ms; then ${options.idle} idle + ${options.stalled} stalled connections and ${options.overflow} past the limit`,
    `  latency       alone: ${latency(report.latencyAlone)} (${options.normalClients} clients, POST/GET/DELETE one at a time)`,
    report.baselineKiB === undefined
      ? '  server RSS    n/a (a remote server, or no /proc)'
      : `  server RSS    baseline ${mib(report.baselineKiB)}, peak ${mib(report.peakKiB ?? 0)} (VmHWM)` +
        (report.baselineHeapKiB === undefined ? '' : `; heap + Buffers after a full GC ${mib(report.baselineHeapKiB)}`),
    ...report.rounds.flatMap((round, i) => formatRound(round, i, report)),
    '',
    ...report.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`),
  ];
  return lines.join('\n');
}
