/**
 * `npm run bench`: the bundled server against the node:http peer, each in its own process,
 * loaded in turn by a generator in a third process, for several rounds. Prints the medians
 * and writes reports/bench.json and reports/bench.md. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../src/cli/arguments.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './bench-options.js';
import { killAllChildren } from './child-processes.js';
import { measureIdleConnections, type IdleMeasurement } from './idle-connections.js';
import { runLoad, type WorkerArgs } from './load-runner.js';
import { LOADS, specFor, type LoadDefinition } from './loads.js';
import { maybeCpuTimes, maybeMachineBusyMs, PeakRssSampler } from './proc-stats.js';
import {
  goalsOf,
  idleReportOf,
  mediansOf,
  ratiosOf,
  renderGoals,
  renderIdleTable,
  renderMarkdown,
  renderTable,
  type BenchReport,
  type IdleReport,
  type LoadReport,
  type RunRecord,
} from './report.js';
import { compileEntryPoints } from './compile-servers.js';
import {
  BUNDLED_ENTRY,
  bundledCommand,
  describeCommand,
  entryArgs,
  PEER_ENTRY,
  peerCommand,
  REPO_ROOT,
  SERVER_NAMES,
  startServerProcess,
  type Runtime,
  type ServerCommand,
  type ServerName,
  type ServerProcess,
  WORKER_ENTRY,
} from './server-process.js';
import { clearStore } from './store-reset.js';
import { maybeWrkOnPath } from './wrk-load.js';

/** How long the idle connections sit before RSS is read: well under the peer's fixed 5 s idle timeout. */
const IDLE_SETTLE_MS = 1_000;
/** Generator CPU above this share of a core means the generator, not the server, may be the limit. */
const GENERATOR_SATURATED_PERCENT = 90;
/** Other busy CPU above this share of a core means something else was running: the run is disturbed. */
const DISTURBED_PERCENT = 50;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      log(`bench: ${error.message}\n${BENCH_USAGE}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }

  const wrk = options.generator === 'node' ? undefined : maybeWrkOnPath();
  if (options.generator === 'wrk' && wrk === undefined) {
    log('bench: --generator wrk, but wrk is not on the PATH (Debian: apt-get install wrk)');
    process.exitCode = 1;
    return;
  }

  const started = performance.now();
  const startedAt = new Date().toISOString();
  const compiled = options.runtime === 'compiled' ? compileEntryPoints(REPO_ROOT, [BUNDLED_ENTRY, PEER_ENTRY, WORKER_ENTRY]) : undefined;
  try {
    const runtime: Runtime = compiled === undefined ? { kind: 'tsx' } : { kind: 'compiled', pathOf: compiled.pathOf };
    await benchmark(options, runtime, wrk, started, startedAt);
  } finally {
    killAllChildren();
    compiled?.remove();
  }
}

/** The loads asked for, or by default those the generator has: under wrk, a′ only repeats a. */
function loadsOf(options: BenchOptions, wrk: string | undefined): LoadDefinition[] {
  if (options.loads !== undefined) return LOADS.filter((load) => options.loads!.includes(load.id));
  return LOADS.filter((load) => wrk === undefined || load.wrk !== undefined);
}

async function benchmark(options: BenchOptions, runtime: Runtime, wrk: string | undefined, started: number, startedAt: string): Promise<void> {
  const loadAverage = loadavg();
  const commands = { bundled: bundledCommand(runtime, options.cpuProfileDir), peer: peerCommand(runtime) };
  // The worker too: it starts faster without tsx, which matters over 40 runs.
  const workerArgs = entryArgs(runtime, WORKER_ENTRY);
  const loads = loadsOf(options, wrk);
  const warnings: string[] = [];

  log(`bench: ${options.rounds} round(s) × ${options.durationS} s × ${loads.length} load(s) × 2 servers, ${options.connections} connections, ${wrk === undefined ? 'Node generators' : `wrk (${wrk})`}`);
  const servers = {
    bundled: await startServerProcess(commands.bundled),
    peer: await startServerProcess(commands.peer),
  };
  log(`bench: bundled pid ${servers.bundled.pid} on port ${servers.bundled.port}, peer pid ${servers.peer.pid} on port ${servers.peer.port}`);

  if (options.warmupS > 0) {
    const warmup = LOADS.find((load) => load.id === 'get-keepalive')!;
    for (const server of [servers.bundled, servers.peer]) {
      await runLoad(specFor(warmup, { host: server.host, port: server.port, connections: options.connections, durationS: options.warmupS }, wrk), workerArgs);
    }
  }

  const runs = new Map<LoadDefinition, RunRecord[]>(loads.map((load) => [load, []]));
  const saturated: string[] = [];
  const disturbed: string[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    // Alternate which server goes first, so neither always runs on the warmer (or hotter) machine.
    const order = round % 2 === 1 ? [servers.bundled, servers.peer] : [servers.peer, servers.bundled];
    for (const load of loads) {
      for (const server of order) {
        const run = await runOnce(load, server, round, options, wrk, workerArgs);
        runs.get(load)!.push(run);
        log(describeRun(load, run));
        warnings.push(...runWarnings(load, run));
        if (run.generatorCpuPercent > GENERATOR_SATURATED_PERCENT) saturated.push(`${load.id}/${run.server}/${round}`);
        if (run.disturbed) disturbed.push(`${load.id}/${run.server}/${round}`);
      }
    }
  }

  await Promise.all([servers.bundled.stop(), servers.peer.stop()]);
  const total = loads.length * options.rounds * 2;
  if (saturated.length > 0) {
    warnings.push(
      `the generator used over ${GENERATOR_SATURATED_PERCENT} % of a core in ${saturated.length} of ${total} runs, so there it may have been the limit rather than the server (compare server CPU µs/req): ${saturated.join(', ')}`,
    );
  }
  if (disturbed.length > 0) {
    warnings.push(
      `the rest of the machine was busy (over ${DISTURBED_PERCENT} % of a core besides server and generator) in ${disturbed.length} of ${total} runs, left out of the medians where undisturbed runs of the same load and server exist: ${disturbed.join(', ')}`,
    );
  }
  // Without --cpu-prof: a profile of the idle measurement would only sit beside the one wanted.
  const idleCommands = { bundled: bundledCommand(runtime), peer: commands.peer };
  const idle = options.idleConnections > 0 ? await measureIdle(idleCommands, options.idleConnections, warnings) : null;

  const loadReports: LoadReport[] = loads.map((load) => {
    const all = runs.get(load)!;
    const median = { bundled: mediansOf(all.filter((run) => run.server === 'bundled')), peer: mediansOf(all.filter((run) => run.server === 'peer')) };
    const generator = all[0]?.generator ?? 'none';
    const description = generator === 'wrk' ? load.wrk!.description : load.description;
    return { id: load.id, title: load.title, generator, description, median, ratio: ratiosOf(median.bundled, median.peer), runs: all };
  });
  const cpu = cpus();
  const report: BenchReport = {
    schema: 'wirecheck-bench/2',
    startedAt,
    elapsedS: (performance.now() - started) / 1000,
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      node: process.version,
      os: `${type()} ${release()}`,
      memoryMiB: Math.round(totalmem() / 1024 / 1024),
      loadAverage,
    },
    settings: {
      rounds: options.rounds,
      durationS: options.durationS,
      warmupS: options.warmupS,
      connections: options.connections,
      quick: options.quick,
      cpuProfileDir: options.cpuProfileDir ?? null,
      runtime: options.runtime,
      generator: wrk === undefined ? 'node' : 'wrk',
    },
    servers: { bundled: describeCommand(commands.bundled), peer: describeCommand(commands.peer) },
    loads: loadReports,
    idle,
    goals: goalsOf(loadReports, idle),
    warnings,
  };

  const outDir = resolve(REPO_ROOT, options.outDir);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(resolve(outDir, 'bench.md'), renderMarkdown(report));

  const out = [`\nMedians of ${options.rounds} round(s), ${options.durationS} s each:\n`, renderTable(report)];
  if (idle !== null) out.push('', renderIdleTable(idle));
  if (report.goals.length > 0) out.push('', renderGoals(report.goals));
  if (warnings.length > 0) out.push('', 'Warnings:', ...warnings.map((warning) => `- ${warning}`));
  out.push('', `Wrote ${resolve(outDir, 'bench.json')} and bench.md (${report.elapsedS.toFixed(0)} s).`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * RSS with many idle kept-alive connections, on a fresh process of each server (nothing served
 * before, so the figure is not the loads' leftover heap), stopped afterwards.
 */
async function measureIdle(commands: Readonly<Record<ServerName, ServerCommand>>, connections: number, warnings: string[]): Promise<IdleReport> {
  const measured: Partial<Record<ServerName, IdleMeasurement>> = {};
  for (const name of SERVER_NAMES) {
    const server = await startServerProcess(commands[name]);
    try {
      measured[name] = await measureIdleConnections(server, connections, IDLE_SETTLE_MS);
    } finally {
      await server.stop();
    }
  }
  const idle = idleReportOf(connections, IDLE_SETTLE_MS, measured as Record<ServerName, IdleMeasurement>);
  for (const name of SERVER_NAMES) {
    const s = idle.servers[name];
    log(`idle ${name}: ${mib(s.rssMiB)} MiB with ${s.open}/${connections} idle connections (${mib(s.baselineRssMiB)} MiB before)`);
    if (s.open !== connections) warnings.push(`idle connections: only ${s.open} of ${connections} to the ${name} server were open when RSS was read`);
  }
  return idle;
}

async function runOnce(load: LoadDefinition, server: ServerProcess, round: number, options: BenchOptions, wrk: string | undefined, workerArgs: WorkerArgs): Promise<RunRecord> {
  if (load.clearsStore) await clearStore(server.host, server.port);
  const spec = specFor(load, { host: server.host, port: server.port, connections: options.connections, durationS: options.durationS }, wrk);
  const cpuBefore = maybeCpuTimes(server.pid);
  const machineBefore = maybeMachineBusyMs();
  const selfBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const sampler = new PeakRssSampler(server.pid);
  let peakKiB: number | undefined;
  let result;
  try {
    result = await runLoad(spec, workerArgs);
  } finally {
    peakKiB = sampler.stop();
  }
  const cpuAfter = maybeCpuTimes(server.pid);
  const machineAfter = maybeMachineBusyMs();
  const self = process.cpuUsage(selfBefore);
  const wallMs = performance.now() - wallBefore;
  const serverCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter.userMs + cpuAfter.systemMs - cpuBefore.userMs - cpuBefore.systemMs;
  const serverSystemMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter.systemMs - cpuBefore.systemMs;
  const restOfMachineCpuPercent =
    machineBefore === undefined || machineAfter === undefined || serverCpuMs === undefined
      ? null
      : ((machineAfter - machineBefore - serverCpuMs - result.processCpuMs - (self.user + self.system) / 1000) / wallMs) * 100;
  if (!server.isRunning()) throw new Error(`the ${server.name} server exited during ${load.id} (round ${round})`);
  if (load.clearsStore) await clearStore(server.host, server.port);
  return {
    round,
    server: server.name,
    generator: result.generator,
    requests: result.requests,
    durationS: result.durationS,
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: Number.isFinite(result.latency.p50Ms) ? result.latency.p50Ms : null,
    p99Ms: Number.isFinite(result.latency.p99Ms) ? result.latency.p99Ms : null,
    peakRssMiB: peakKiB === undefined ? null : peakKiB / 1024,
    serverCpuPercent: serverCpuMs === undefined ? null : (serverCpuMs / (result.durationS * 1000)) * 100,
    serverCpuUsPerRequest: serverCpuMs === undefined || result.requests === 0 ? null : (serverCpuMs * 1000) / result.requests,
    serverSystemUsPerRequest: serverSystemMs === undefined || result.requests === 0 ? null : (serverSystemMs * 1000) / result.requests,
    generatorCpuPercent: (result.generatorCpuMs / (result.durationS * 1000)) * 100,
    restOfMachineCpuPercent,
    disturbed: restOfMachineCpuPercent !== null && restOfMachineCpuPercent > DISTURBED_PERCENT,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCounts: result.statusCounts,
  };
}

function describeRun(load: LoadDefinition, run: RunRecord): string {
  const cpu = run.serverCpuPercent === null ? 'n/a' : `${Math.round(run.serverCpuPercent)} % (${run.serverCpuUsPerRequest?.toFixed(1)} µs/req, ${run.serverSystemUsPerRequest?.toFixed(1)} in the kernel)`;
  return (
    `round ${run.round} ${load.id.padEnd(18)} ${run.server.padEnd(7)} ${Math.round(run.requestsPerSecond).toLocaleString('en-US').padStart(8)} req/s` +
    `  p50 ${ms(run.p50Ms)}  p99 ${ms(run.p99Ms)}  peak RSS ${mib(run.peakRssMiB)} MiB` +
    `  server CPU ${cpu}  generator CPU ${Math.round(run.generatorCpuPercent)} %  rest ${run.restOfMachineCpuPercent === null ? 'n/a' : `${Math.round(run.restOfMachineCpuPercent)} %`}`
  );
}

function runWarnings(load: LoadDefinition, run: RunRecord): string[] {
  const where = `${load.id}, ${run.server}, round ${run.round}`;
  const warnings: string[] = [];
  if (run.requests === 0) warnings.push(`${where}: no response at all`);
  if (run.errors > 0 || run.timeouts > 0) warnings.push(`${where}: ${run.errors} connection errors, ${run.timeouts} timeouts`);
  if (run.non2xx > 0) warnings.push(`${where}: ${run.non2xx} non-2xx responses (${JSON.stringify(run.statusCounts)})`);
  return warnings;
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)} ms`;
}

function mib(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(1);
}

try {
  await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  killAllChildren();
}
