/** The benchmark's report: medians across rounds, bundled/peer ratios, the project's goals, as JSON and Markdown. */
import type { IdleMeasurement } from './idle-connections.js';
import type { LoadId } from './loads.js';
import type { ServerName } from './server-process.js';

/** One load run against one server. */
export interface RunRecord {
  readonly round: number;
  readonly server: ServerName;
  /** What made the load: wrk, autocannon, or one of the raw Node generators. */
  readonly generator: string;
  readonly requests: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  /** null where the generator cannot time responses (wrk, pipelined). */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Peak RSS of the server process during the run; null where /proc could not be read. */
  readonly peakRssMiB: number | null;
  /** Server CPU time over the run's duration: 100 is one core busy all the time. */
  readonly serverCpuPercent: number | null;
  /** Server CPU time per response, in µs: what the server spends, whatever limited the rate. */
  readonly serverCpuUsPerRequest: number | null;
  /** The part of it spent in the kernel. */
  readonly serverSystemUsPerRequest: number | null;
  readonly generatorCpuPercent: number;
  /**
   * Busy CPU of the whole machine during the run, less the server, the generator and the
   * benchmark itself: the kernel's loopback work not charged to either process, and anything
   * else running. High values mean the figures were disturbed.
   */
  readonly restOfMachineCpuPercent: number | null;
  /** The rest of the machine was busy enough to disturb this run: left out of the medians when others are not. */
  readonly disturbed: boolean;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCounts: Readonly<Record<string, number>>;
}

export interface Medians {
  /** How many runs the medians are of, and of how many in all. */
  readonly runsUsed: number;
  readonly runs: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly peakRssMiB: number | null;
  readonly serverCpuPercent: number | null;
  readonly serverCpuUsPerRequest: number | null;
  readonly serverSystemUsPerRequest: number | null;
  readonly generatorCpuPercent: number;
  readonly restOfMachineCpuPercent: number | null;
}

/** bundled ÷ peer, of the medians: above 1 is better for req/s, below 1 is better for the rest. */
export interface Ratios {
  readonly requestsPerSecond: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly peakRssMiB: number | null;
  readonly serverCpuUsPerRequest: number | null;
}

export interface LoadReport {
  readonly id: LoadId;
  readonly title: string;
  /** The generator of its runs. */
  readonly generator: string;
  readonly description: string;
  readonly median: Readonly<Record<ServerName, Medians>>;
  readonly ratio: Ratios;
  readonly runs: readonly RunRecord[];
}

export interface IdleReport {
  readonly connections: number;
  readonly settleMs: number;
  readonly servers: Readonly<Record<ServerName, { readonly open: number; readonly baselineRssMiB: number | null; readonly rssMiB: number | null; readonly perConnectionKiB: number | null }>>;
  readonly ratio: number | null;
}

export interface Goal {
  readonly goal: string;
  readonly target: string;
  readonly actual: string;
  /** null when it could not be measured. */
  readonly met: boolean | null;
}

export interface BenchReport {
  readonly schema: 'wirecheck-bench/2';
  readonly startedAt: string;
  readonly elapsedS: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly os: string; readonly memoryMiB: number; readonly loadAverage: readonly number[] };
  readonly settings: {
    readonly rounds: number;
    readonly durationS: number;
    readonly warmupS: number;
    readonly connections: number;
    readonly quick: boolean;
    readonly cpuProfileDir: string | null;
    readonly runtime: 'compiled' | 'tsx';
    /** wrk (found on the PATH) or node (autocannon and the raw generators). */
    readonly generator: 'wrk' | 'node';
  };
  readonly servers: Readonly<Record<ServerName, string>>;
  readonly loads: readonly LoadReport[];
  readonly idle: IdleReport | null;
  readonly goals: readonly Goal[];
  /** Anything that makes a figure doubtful: errors, non-2xx answers, a saturated generator. */
  readonly warnings: readonly string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : median(known);
}

/** Medians of the undisturbed runs, or of all runs when every one was disturbed. */
export function mediansOf(all: readonly RunRecord[]): Medians {
  const undisturbed = all.filter((run) => !run.disturbed);
  const runs = undisturbed.length > 0 ? undisturbed : all;
  return {
    runsUsed: runs.length,
    runs: all.length,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: medianOrNull(runs.map((run) => run.p50Ms)),
    p99Ms: medianOrNull(runs.map((run) => run.p99Ms)),
    peakRssMiB: medianOrNull(runs.map((run) => run.peakRssMiB)),
    serverCpuPercent: medianOrNull(runs.map((run) => run.serverCpuPercent)),
    serverCpuUsPerRequest: medianOrNull(runs.map((run) => run.serverCpuUsPerRequest)),
    serverSystemUsPerRequest: medianOrNull(runs.map((run) => run.serverSystemUsPerRequest)),
    generatorCpuPercent: median(runs.map((run) => run.generatorCpuPercent)),
    restOfMachineCpuPercent: medianOrNull(runs.map((run) => run.restOfMachineCpuPercent)),
  };
}

export function ratio(bundled: number | null, peer: number | null): number | null {
  if (bundled === null || peer === null || !Number.isFinite(bundled) || !Number.isFinite(peer) || peer === 0) return null;
  return bundled / peer;
}

export function ratiosOf(bundled: Medians, peer: Medians): Ratios {
  return {
    requestsPerSecond: ratio(bundled.requestsPerSecond, peer.requestsPerSecond),
    p50Ms: ratio(bundled.p50Ms, peer.p50Ms),
    p99Ms: ratio(bundled.p99Ms, peer.p99Ms),
    peakRssMiB: ratio(bundled.peakRssMiB, peer.peakRssMiB),
    serverCpuUsPerRequest: ratio(bundled.serverCpuUsPerRequest, peer.serverCpuUsPerRequest),
  };
}

export function idleReportOf(connections: number, settleMs: number, measured: Readonly<Record<ServerName, IdleMeasurement>>): IdleReport {
  const entry = (m: IdleMeasurement) => ({
    open: m.open,
    baselineRssMiB: m.baselineRssKiB === undefined ? null : m.baselineRssKiB / 1024,
    rssMiB: m.rssKiB === undefined ? null : m.rssKiB / 1024,
    perConnectionKiB: m.rssKiB === undefined || m.baselineRssKiB === undefined || m.open === 0 ? null : (m.rssKiB - m.baselineRssKiB) / m.open,
  });
  const servers = { bundled: entry(measured.bundled), peer: entry(measured.peer) };
  return { connections, settleMs, servers, ratio: ratio(servers.bundled.rssMiB, servers.peer.rssMiB) };
}

const IDLE_GOAL_CONNECTIONS = 1_000;

/** A generator as a reader knows it: the raw Node generators by what they do. */
function generatorName(generator: string): string {
  if (generator === 'keep-alive') return 'raw keep-alive generator';
  if (generator === 'new-connection') return 'raw connect generator';
  return generator;
}

/** The goals of issue 6, for whatever was measured. */
export function goalsOf(loads: readonly LoadReport[], idle: IdleReport | null): Goal[] {
  const goals: Goal[] = [];
  const byId = new Map(loads.map((load) => [load.id, load]));
  const throughput = (id: LoadId, goal: string, min: number, target: string): void => {
    const load = byId.get(id);
    if (load === undefined) return;
    const value = load.ratio.requestsPerSecond;
    goals.push({ goal: `${goal} (${generatorName(load.generator)})`, target, actual: value === null ? 'n/a' : `${value.toFixed(2)}×`, met: value === null ? null : value >= min });
  };
  throughput('get-keepalive', 'GET keep-alive req/s vs peer', 2.0, '≥ 2.0×');
  throughput('get-keepalive-raw', 'GET keep-alive req/s vs peer', 2.0, '≥ 2.0×');
  throughput('get-new-connection', 'new connection req/s vs peer', 1.3, '≥ 1.3×');
  throughput('get-pipelined', 'pipelined req/s vs peer ("far ahead")', 2.0, '≥ 2.0× (our reading of "far ahead")');
  for (const load of loads) {
    const value = load.ratio.p99Ms;
    goals.push({
      goal: `p99 no worse than peer: ${load.id}`,
      target: '≤ 1.00×',
      actual: value === null ? 'n/a' : `${value.toFixed(2)}× (${fixed(load.median.bundled.p99Ms, 2)} vs ${fixed(load.median.peer.p99Ms, 2)} ms)`,
      met: value === null ? null : value <= 1,
    });
  }
  // The goal is set at 1,000 connections; another count (e.g. the smoke test's) is no measure of it.
  if (idle !== null && idle.connections === IDLE_GOAL_CONNECTIONS) {
    const rss = idle.servers.bundled.rssMiB;
    goals.push({
      goal: `RSS with ${idle.connections} idle kept-alive connections`,
      target: '< 80 MiB',
      actual: rss === null ? 'n/a' : `${rss.toFixed(1)} MiB (${idle.servers.bundled.open} open)`,
      met: rss === null ? null : rss < 80 && idle.servers.bundled.open === idle.connections,
    });
  }
  return goals;
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function times(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}×`;
}

function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} %`;
}

/** The medians table: one row per load and server, then the ratio row. */
export function renderTable(report: BenchReport): string {
  const lines = [
    '| load | server | runs | req/s | p50 (ms) | p99 (ms) | peak RSS (MiB) | server CPU | server CPU µs/req (kernel) | generator CPU | rest of machine |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const load of report.loads) {
    for (const server of ['bundled', 'peer'] as const) {
      const m = load.median[server];
      lines.push(
        `| ${load.title} | ${server} | ${m.runsUsed}/${m.runs} | ${thousands(m.requestsPerSecond)} | ${fixed(m.p50Ms, 2)} | ${fixed(m.p99Ms, 2)} | ${fixed(m.peakRssMiB, 1)} | ${percent(m.serverCpuPercent)} | ${fixed(m.serverCpuUsPerRequest, 1)} (${fixed(m.serverSystemUsPerRequest, 1)}) | ${percent(m.generatorCpuPercent)} | ${percent(m.restOfMachineCpuPercent)} |`,
      );
    }
    const r = load.ratio;
    lines.push(`| ${load.title} | **bundled/peer** | | **${times(r.requestsPerSecond)}** | ${times(r.p50Ms)} | ${times(r.p99Ms)} | ${times(r.peakRssMiB)} | | ${times(r.serverCpuUsPerRequest)} | | |`);
  }
  return lines.join('\n');
}

export function renderIdleTable(idle: IdleReport): string {
  const lines = [
    `| server | RSS, ${idle.connections} idle connections (MiB) | RSS before (MiB) | per connection (KiB) | still open |`,
    '|---|--:|--:|--:|--:|',
  ];
  for (const server of ['bundled', 'peer'] as const) {
    const s = idle.servers[server];
    lines.push(`| ${server} | ${fixed(s.rssMiB, 1)} | ${fixed(s.baselineRssMiB, 1)} | ${fixed(s.perConnectionKiB, 1)} | ${s.open} |`);
  }
  lines.push(`| **bundled/peer** | **${times(idle.ratio)}** | | | |`);
  return lines.join('\n');
}

export function renderGoals(goals: readonly Goal[]): string {
  const lines = ['| goal | target | now | met |', '|---|---|---|---|'];
  for (const goal of goals) lines.push(`| ${goal.goal} | ${goal.target} | ${goal.actual} | ${goal.met === null ? 'n/a' : goal.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const s = report.settings;
  const parts = [
    '# wirecheck benchmark',
    '',
    `${report.startedAt}: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryMiB} MiB, node ${report.machine.node}, ${report.machine.os}; load average at start ${report.machine.loadAverage.map((value) => value.toFixed(2)).join(' ')}.`,
    `${s.rounds} round(s) × ${s.durationS} s per load and server, ${s.connections} connections, warm-up ${s.warmupS} s, servers run ${s.runtime === 'tsx' ? 'with tsx' : 'compiled to JavaScript'}, ${s.generator === 'wrk' ? 'wrk' : 'Node generators (wrk not used)'}; medians across rounds; took ${report.elapsedS.toFixed(0)} s.`,
    '',
    renderTable(report),
  ];
  if (report.idle !== null) parts.push('', renderIdleTable(report.idle));
  if (report.goals.length > 0) parts.push('', '## Goals', '', renderGoals(report.goals));
  parts.push('', '## Loads', '');
  for (const load of report.loads) parts.push(`- **${load.title}** (\`${load.id}\`, ${load.generator}): ${load.description}`);
  parts.push('', '## Servers', '', `- bundled: \`${report.servers.bundled}\``, `- peer: \`${report.servers.peer}\``);
  if (report.warnings.length > 0) parts.push('', '## Warnings', '', ...report.warnings.map((warning) => `- ${warning}`));
  return `${parts.join('\n')}\n`;
}
