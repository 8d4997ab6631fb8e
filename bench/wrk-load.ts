/**
 * wrk as the load generator, when it is on the PATH. wrk is C and needs far less CPU per
 * response than any Node generator (about 8 µs against autocannon's 15), so on two cores the
 * server under test, not the generator, is the limit. One wrk thread, so that wrk and the server
 * each have about one core.
 *
 * Each run gets a Lua script made from its LoadSpec: the requests it sends, and a `done` hook
 * that prints wrk's own figures as one JSON line after its usual text.
 */
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runChildForJson } from './child-processes.js';
import { textBody, type CycleRequest, type LoadResult, type WrkSpec } from './load-spec.js';
import { maybeReapedChildrenCpuMs } from './proc-stats.js';

/** What the script's `done` hook prints: wrk's counters, latencies in µs. */
export interface WrkReport {
  readonly requests: number;
  readonly durationUs: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly connectErrors: number;
  readonly readErrors: number;
  readonly writeErrors: number;
  /** Responses with a status above 399. */
  readonly statusErrors: number;
  readonly timeouts: number;
}

/** Past the run's duration: wrk's start, its wind-down, and slack. */
const OVERHEAD_MS = 15_000;
/** How long wrk waits for one response before it counts a timeout. */
const TIMEOUT_S = 5;

const DONE_HOOK = `function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\n{"requests":%d,"durationUs":%d,"meanUs":%.3f,"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\\n',
    summary.requests, summary.duration, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
`;

/** The path of the first executable `wrk` in the PATH's directories, if any. */
export function maybeWrkOnPath(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, 'wrk'), constants.X_OK);
      return join(dir, 'wrk');
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The Lua script for a spec. A single unpipelined request is left to wrk's static request (no
 * Lua call per request); anything else is built once per thread in `init` and handed out by
 * `request`, each call returning `pipelining` copies of the next request of the cycle, which
 * wrk writes at once and counts as that many responses.
 */
export function wrkScript(spec: WrkSpec): string {
  const lines = ['-- made by bench/wrk-load.ts for one run'];
  if (spec.connectionClose) lines.push('wrk.headers["Connection"] = "close"');
  const [first] = spec.cycle;
  const isStatic = spec.cycle.length === 1 && spec.pipelining === 1 && first!.bodyBytes === undefined;
  if (isStatic) {
    lines.push(`wrk.method = ${JSON.stringify(first!.method)}`, `wrk.path = ${JSON.stringify(first!.path)}`);
  } else {
    lines.push('local batches = {}', 'local turn = 0', 'function init(args)');
    for (const request of spec.cycle) lines.push(`  table.insert(batches, string.rep(${luaFormat(request)}, ${spec.pipelining}))`);
    lines.push('end', 'function request()', '  turn = turn % #batches + 1', '  return batches[turn]', 'end');
  }
  lines.push(DONE_HOOK);
  return lines.join('\n');
}

/** `wrk.format(…)` for one request; without a body, wrk's default headers (Host, and Connection if set) apply. */
function luaFormat(request: CycleRequest): string {
  const start = `${JSON.stringify(request.method)}, ${JSON.stringify(request.path)}`;
  if (request.bodyBytes === undefined) return `wrk.format(${start})`;
  const body = JSON.stringify(textBody(request.bodyBytes).toString('latin1'));
  return `wrk.format(${start}, { ["Content-Type"] = "text/plain", ["Connection"] = wrk.headers["Connection"] }, ${body})`;
}

/** wrk's arguments; it takes whole seconds, so the duration is rounded (to 1 s at least). */
export function wrkArgs(spec: WrkSpec, scriptPath: string): string[] {
  return ['-t1', `-c${spec.connections}`, `-d${Math.max(1, Math.round(spec.durationS))}s`, `--timeout`, `${TIMEOUT_S}s`, '-s', scriptPath, `http://${spec.host}:${spec.port}/`];
}

/**
 * A LoadResult from wrk's report. Pipelined, wrk's latencies are unknown: it times a batch, not
 * a response, and the correction it applies for coordinated omission assumes one response per
 * request, so it adds samples below the fastest it saw and its upper percentiles read 0.
 */
export function loadResultOf(report: WrkReport, spec: WrkSpec, generatorCpuMs: number): LoadResult {
  const durationS = report.durationUs / 1e6;
  const ms = (us: number): number => (spec.pipelining > 1 ? Number.NaN : us / 1000);
  return {
    generator: 'wrk',
    requests: report.requests,
    durationS,
    requestsPerSecond: durationS > 0 ? report.requests / durationS : 0,
    latency: {
      count: spec.pipelining > 1 ? 0 : report.requests,
      meanMs: ms(report.meanUs),
      p50Ms: ms(report.p50Us),
      p90Ms: ms(report.p90Us),
      p99Ms: ms(report.p99Us),
      p999Ms: ms(report.p999Us),
      maxMs: ms(report.maxUs),
    },
    errors: report.connectErrors + report.readErrors + report.writeErrors,
    timeouts: report.timeouts,
    non2xx: report.statusErrors,
    // wrk counts statuses above 399 and nothing finer, without a Lua call per response.
    statusCounts: report.statusErrors > 0 ? { '400-599': report.statusErrors } : {},
    generatorCpuMs,
    processCpuMs: generatorCpuMs,
  };
}

/** Runs wrk once; its CPU is read from this process's reaped-children times, so runs must not overlap. */
export async function runWrkLoad(spec: WrkSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wirecheck-wrk-'));
  try {
    const script = join(dir, 'load.lua');
    writeFileSync(script, wrkScript(spec));
    const cpuBefore = maybeReapedChildrenCpuMs();
    const report = (await runChildForJson(spec.wrk, wrkArgs(spec, script), dir, spec.durationS * 1000 + OVERHEAD_MS, 'wrk')) as WrkReport;
    const cpuAfter = maybeReapedChildrenCpuMs();
    return loadResultOf(report, spec, cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
