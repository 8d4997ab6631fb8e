/**
 * `npm run stress`: the phases, one after the other, against the bundled server as a child
 * process (or a server already running on this machine):
 *
 * 1. warm-up, then the server's baseline memory: RSS, and the heap after a full GC;
 * 2. normal clients alone: their latency;
 * 3. rounds (2 by default) of:
 *    a. the accounting storm, then one `GET /` audited against every acknowledgement;
 *    b. idle and stalled connections held open: RSS, and the normal clients' latency again;
 *    c. a burst of connections past the limit: refused, while the held ones keep being served;
 *    d. everything closed and the store emptied, a pause, memory again;
 * 4. SIGTERM: the server exits 0.
 *
 * Every phase is bounded in time; every connection has a timeout; the child is always stopped.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_OPTIONS } from '../server/options.js';
import { isClean, Ledger, type Audit } from './ledger.js';
import { holdConnections, probeConnectionLimit, stillServing, type OverflowFigures } from './held-connections.js';
import { measureLatency, type LatencyFigures } from './latency.js';
import { maybeMemoryStatus, startServerChild, type ChildExit, type ServerChild } from './server-child.js';
import { fetchListing, requestOnce, runStorm, sleep, type StormStats, type Target } from './storm.js';

export interface StressOptions {
  /** How long the accounting storm lasts. */
  readonly seconds: number;
  /** Posting connections in the storm. */
  readonly connections: number;
  readonly getters: number;
  readonly deleteEveryMs: number;
  readonly maxPipeline: number;
  /** Posters that write each batch in two parts a few ms apart (requests in progress on the server). */
  readonly splitPosters: number;
  /** Idle kept-alive connections held in phase 4. */
  readonly idle: number;
  /** Connections that send half a head and stall, held in phase 4. */
  readonly stalled: number;
  readonly normalClients: number;
  /** How long each latency measurement lasts. */
  readonly latencySeconds: number;
  /** The server's connection limit (the bundled one is started with it). */
  readonly maxConnections: number;
  /** How many connections past the limit the burst of phase 5 opens. */
  readonly overflow: number;
  /** Rounds of storm, held connections and burst; memory is compared between them. */
  readonly rounds: number;
  /** The pause after each round before the server's memory is read. */
  readonly settleSeconds: number;
  /** A server already running (a loopback address); without it the bundled one is started. */
  readonly remote: Target | undefined;
  /** The bundled server keeps its messages in this journal (`--data FILE`). */
  readonly dataFile?: string;
  /** Progress lines, as phases begin. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_STRESS_OPTIONS: StressOptions = {
  seconds: 10,
  connections: 50,
  getters: 4,
  deleteEveryMs: 250,
  maxPipeline: 4,
  splitPosters: 5,
  idle: 1000,
  stalled: 16,
  normalClients: 4,
  latencySeconds: 2,
  maxConnections: DEFAULT_OPTIONS.maxConnections,
  overflow: 50,
  rounds: 2,
  settleSeconds: 3,
  remote: undefined,
};

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface RoundReport {
  readonly storm: StormStats;
  readonly posted: { acknowledged: number; refused: number; unanswered: number };
  readonly audit: Audit;
  readonly latencyHeld: LatencyFigures;
  readonly held: { idle: number; idleOpen: number; stalled: number; stalledOpen: number; stalledAnswered: number };
  readonly overflow: OverflowFigures & { expectedRefused: number; idleServedAfter: { asked: number; answered: number } };
  /** Server RSS just before the idle and stalled connections are opened, KiB. */
  readonly beforeHeldKiB: number | undefined;
  /** Server RSS with the idle and stalled connections held, KiB. */
  readonly heldKiB: number | undefined;
  /** Server RSS `settleSeconds` after the round's last connection closed, KiB. */
  readonly afterKiB: number | undefined;
  /** Then, right after a full GC: the V8 heap used plus external memory (Buffers), KiB. */
  readonly afterHeapKiB: number | undefined;
}

export interface StressReport {
  readonly target: Target;
  readonly bundled: boolean;
  readonly options: StressOptions;
  readonly latencyAlone: LatencyFigures;
  readonly rounds: RoundReport[];
  /** Server RSS after the warm-up, KiB. */
  readonly baselineKiB: number | undefined;
  /** Heap used plus external after a full GC, after the warm-up, KiB. */
  readonly baselineHeapKiB: number | undefined;
  /** The server's VmHWM at the end: the highest RSS of the whole run, KiB. */
  readonly peakKiB: number | undefined;
  readonly exit: ChildExit | undefined;
  readonly checks: Check[];
  readonly elapsedMs: number;
}

const EXCHANGE_TIMEOUT_MS = 10_000;
const WARM_UP_MS = 500;
const SPLIT_GAP_MS = 5;
/**
 * Memory "returns to its baseline" when, after a full GC, the server's heap and external memory
 * are within this much of what they were after the warm-up (between rounds they vary by about
 * 2 MiB: compiled code, caches). A leak of a few KiB per connection or per stored message would
 * exceed it within one round. RSS is reported but not judged: V8 keeps the heap pages it grew
 * to under load, so RSS stays near its peak (see docs/reliability.md).
 */
export const HEAP_TOLERANCE_KIB = 5 * 1024;
/** How long past the pause the heap may take to come back within the tolerance. */
const HEAP_RETURN_WAIT_MS = 5_000;
/** Latency with the held connections counts as kept when its p99 is within this of the p99 alone. */
export const LATENCY_TOLERANCE = { ratio: 3, plusMs: 5 };

/** Arguments for the bundled server: the limit asked for, and timeouts longer than the run's phases. */
export function bundledServerArgs(options: StressOptions): string[] {
  return [
    '--max-connections', String(options.maxConnections),
    // Every connection of the run comes from this one address.
    '--max-connections-per-client', String(options.maxConnections),
    '--idle-timeout', '60000',
    '--request-timeout', '60000',
    '--shutdown-timeout', '3000',
    ...(options.dataFile === undefined ? [] : ['--data', options.dataFile]),
  ];
}

export async function runStress(options: StressOptions): Promise<StressReport> {
  const started = performance.now();
  const child = options.remote === undefined ? await startServerChild(bundledServerArgs(options), { memoryProbe: true }) : undefined;
  try {
    return await runPhases(options, child, started);
  } finally {
    if (child?.isRunning()) await child.stop(5_000);
  }
}

async function runPhases(options: StressOptions, child: ServerChild | undefined, started: number): Promise<StressReport> {
  const log = options.log ?? (() => {});
  const target: Target = child ?? options.remote!;
  const rss = (): number | undefined => (child === undefined ? undefined : maybeMemoryStatus(child.pid)?.rssKiB);
  const heap = async (): Promise<number | undefined> => {
    const probed = await child?.probeMemory();
    return probed === undefined || !probed.collected ? undefined : Math.round((probed.heapUsed + probed.external) / 1024);
  };

  log(`warm-up and baseline on ${target.host}:${target.port}`);
  await requestOnce(target, 'DELETE', EXCHANGE_TIMEOUT_MS);
  // Every code path of the load runs once before the baseline is taken: compiled code is not a leak.
  await runStorm({
    target,
    ledger: new Ledger('warmup'),
    posters: 8,
    getters: 1,
    deleteEveryMs: 100,
    durationMs: WARM_UP_MS,
    maxPipeline: options.maxPipeline,
    splitPosters: 1,
    splitGapMs: SPLIT_GAP_MS,
    exchangeTimeoutMs: EXCHANGE_TIMEOUT_MS,
  });
  await measureLatency(target, options.normalClients, WARM_UP_MS, EXCHANGE_TIMEOUT_MS);
  await requestOnce(target, 'DELETE', EXCHANGE_TIMEOUT_MS);
  await sleep(300);
  const baselineHeapKiB = await heap();
  const baselineKiB = rss();

  log(`normal clients alone: ${options.latencySeconds} s`);
  const latencyAlone = await measureLatency(target, options.normalClients, options.latencySeconds * 1000, EXCHANGE_TIMEOUT_MS);

  const rounds: RoundReport[] = [];
  for (let round = 1; round <= options.rounds; round++) rounds.push(await runRound(options, target, rss, heap, baselineHeapKiB, (line) => log(`round ${round}: ${line}`)));

  const peakKiB = child === undefined ? undefined : maybeMemoryStatus(child.pid)?.peakKiB;
  const exit = child === undefined ? undefined : await child.stop(5_000);
  const report = { target, bundled: child !== undefined, options, latencyAlone, rounds, baselineKiB, baselineHeapKiB, peakKiB, exit };
  return { ...report, checks: judge(report), elapsedMs: performance.now() - started };
}

/** The storm and its audit, then the held connections and the burst past the limit, then a pause. */
async function runRound(
  options: StressOptions,
  target: Target,
  rss: () => number | undefined,
  heap: () => Promise<number | undefined>,
  baselineHeapKiB: number | undefined,
  log: (line: string) => void,
): Promise<RoundReport> {
  log(`storm: ${options.connections} posting connections, ${options.getters} reading, a DELETE every ${options.deleteEveryMs} ms, ${options.seconds} s`);
  await requestOnce(target, 'DELETE', EXCHANGE_TIMEOUT_MS);
  const ledger = new Ledger();
  const storm = await runStorm({
    target,
    ledger,
    posters: options.connections,
    getters: options.getters,
    deleteEveryMs: options.deleteEveryMs,
    durationMs: options.seconds * 1000,
    maxPipeline: options.maxPipeline,
    splitPosters: Math.min(options.splitPosters, options.connections),
    splitGapMs: SPLIT_GAP_MS,
    exchangeTimeoutMs: EXCHANGE_TIMEOUT_MS,
  });
  ledger.settle();
  const audit = ledger.audit(await fetchListing(target, EXCHANGE_TIMEOUT_MS));
  const posted = { acknowledged: ledger.count('acknowledged'), refused: ledger.count('refused'), unanswered: ledger.count('unknown') };
  await requestOnce(target, 'DELETE', EXCHANGE_TIMEOUT_MS);
  await sleep(300);
  const beforeHeldKiB = rss();

  log(`holding ${options.idle} idle and ${options.stalled} stalled connections`);
  const held = await holdConnections(target, options.idle, options.stalled, EXCHANGE_TIMEOUT_MS);
  try {
    await sleep(300);
    const heldBefore = rss();
    const latencyHeld = await measureLatency(target, options.normalClients, options.latencySeconds * 1000, EXCHANGE_TIMEOUT_MS);
    const heldKiB = Math.max(heldBefore ?? 0, rss() ?? 0) || undefined;

    const room = Math.max(0, options.maxConnections - held.idle.length - held.stalled.length);
    log(`${room + options.overflow} connections at once, ${options.overflow} past the limit of ${options.maxConnections}`);
    const probe = await probeConnectionLimit(target, room + options.overflow, 2_000);
    await sleep(200);
    const idleServedAfter = await stillServing(held.idle, target, 50, EXCHANGE_TIMEOUT_MS);
    const heldFigures = {
      idle: options.idle,
      idleOpen: held.idle.filter((c) => !c.isClosed).length,
      stalled: options.stalled,
      stalledOpen: held.stalled.filter((s) => !s.closed).length,
      stalledAnswered: held.stalled.filter((s) => s.received > 0).length,
    };
    held.closeAll();
    await requestOnce(target, 'DELETE', EXCHANGE_TIMEOUT_MS);
    log(`load over: ${options.settleSeconds} s pause`);
    await sleep(options.settleSeconds * 1000);
    const overflow = { ...probe, expectedRefused: options.overflow, idleServedAfter };
    const afterKiB = rss();
    // Connections still winding down hold memory for a moment: give the heap a few more seconds.
    let afterHeapKiB = await heap();
    const giveUpAt = performance.now() + HEAP_RETURN_WAIT_MS;
    while (afterHeapKiB !== undefined && baselineHeapKiB !== undefined && afterHeapKiB > baselineHeapKiB + HEAP_TOLERANCE_KIB && performance.now() < giveUpAt) {
      await sleep(500);
      afterHeapKiB = await heap();
    }
    return { storm, posted, audit, latencyHeld, held: heldFigures, overflow, beforeHeldKiB, heldKiB, afterKiB, afterHeapKiB };
  } finally {
    held.closeAll();
  }
}

function judge(report: Omit<StressReport, 'checks' | 'elapsedMs'>): Check[] {
  const { rounds, latencyAlone, baselineKiB, baselineHeapKiB, exit } = report;
  const each = (pick: (round: RoundReport) => boolean): boolean => rounds.every(pick);
  const per = (describe: (round: RoundReport) => string): string => rounds.map((round, i) => (rounds.length === 1 ? '' : `round ${i + 1}: `) + describe(round)).join('; ');
  const latencyKept = (round: RoundReport): boolean =>
    round.latencyHeld.failures === 0 &&
    round.latencyHeld.p99Ms <= Math.max(latencyAlone.p99Ms * LATENCY_TOLERANCE.ratio, latencyAlone.p99Ms + LATENCY_TOLERANCE.plusMs);
  const checks: Check[] = [
    {
      name: 'every acknowledged message since the last DELETE is listed exactly once, in order',
      ok: each((r) => isClean(r.audit) && r.posted.unanswered === 0 && r.audit.acknowledged > 0),
      detail: per(({ audit: a, posted }) => `acknowledged ${a.acknowledged}, found ${a.found}, missing ${a.missing}, duplicates ${a.duplicates}, unexpected ${a.unexpected}, out of order ${a.outOfOrder + a.realTimeViolations}, unanswered ${posted.unanswered}`),
    },
    {
      name: 'the storm ran without a broken connection or an inconsistent listing',
      ok: each(({ storm }) => brokenCount(storm) === 0 && storm.snapshotProblems.length === 0 && storm.badEchoes === 0),
      detail: per(({ storm }) => `${brokenCount(storm)} broken, ${storm.snapshotProblems.length} listing problems, ${storm.badEchoes} wrong echoes`),
    },
    {
      name: 'idle and stalled connections are held without being closed or answered',
      ok: each(({ held }) => held.idleOpen === held.idle && held.stalledOpen === held.stalled && held.stalledAnswered === 0),
      detail: per(({ held }) => `idle ${held.idleOpen}/${held.idle} open, stalled ${held.stalledOpen}/${held.stalled} open, ${held.stalledAnswered} stalled got bytes`),
    },
    {
      name: 'normal clients keep their latency next to the held connections',
      ok: latencyAlone.failures === 0 && each(latencyKept),
      detail: `p99 alone ${ms(latencyAlone.p99Ms)}; held ${per((r) => ms(r.latencyHeld.p99Ms))} (allowed ×${LATENCY_TOLERANCE.ratio} or +${LATENCY_TOLERANCE.plusMs} ms)`,
    },
    {
      name: 'connections past the limit are refused, the held ones still served',
      ok: each(({ overflow: o }) => o.refused >= o.expectedRefused && o.idleServedAfter.asked > 0 && o.idleServedAfter.answered === o.idleServedAfter.asked),
      detail: per(({ overflow: o }) => `${o.refused} of ${o.attempted} refused (${o.expectedRefused} past the limit), then ${o.idleServedAfter.answered}/${o.idleServedAfter.asked} held answered`),
    },
  ];
  if (baselineHeapKiB !== undefined && each((r) => r.afterHeapKiB !== undefined)) {
    const allowed = baselineHeapKiB + HEAP_TOLERANCE_KIB;
    checks.push({
      name: 'memory returns to its baseline after the load (heap and Buffers after a full GC)',
      ok: each((r) => r.afterHeapKiB! <= allowed),
      detail: `baseline ${mib(baselineHeapKiB)}; after ${per((r) => mib(r.afterHeapKiB!))} (allowed ${mib(allowed)}); RSS baseline ${mib(baselineKiB ?? 0)}, after ${per((r) => mib(r.afterKiB ?? 0))}`,
    });
  }
  if (exit !== undefined) {
    checks.push({ name: 'the server exits 0 on SIGTERM', ok: exit.code === 0, detail: exit.signal === null ? `exit code ${exit.code}` : `killed by ${exit.signal}` });
  }
  return checks;
}

const brokenCount = (storm: StormStats): number => Object.values(storm.failures).reduce((a, b) => a + b, 0);

export const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)} ms`);
export const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
