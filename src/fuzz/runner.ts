import { readFileSync } from 'node:fs';
import { DEFAULT_LIMITS, type Limits } from '../http1/index.js';
import { startServer, type RunningServer, type StartOptions } from '../server/server.js';
import { checkExchange, ExpectedStore } from './checks.js';
import { closingRequest, expectedSteps, PROBE_REQUEST, readStream, type ExpectedStep } from './expected-exchange.js';
import { generateCase, type FuzzCase, type FuzzProfile } from './fuzz-case.js';
import { minimizeCase } from './minimize.js';
import { splitAt } from './mutators.js';
import { saveRegression } from './regression-file.js';
import { runSession } from './wire-session.js';

/**
 * The bundled server as the fuzzer starts it: small limits so that every limit is reached often,
 * and a short request timeout so that waiting for a 408 costs little.
 */
export const FUZZ_SERVER_OPTIONS = {
  host: '127.0.0.1',
  port: 0,
  quiet: true,
  requestTimeoutMs: 600,
  idleTimeoutMs: 5_000,
  shutdownTimeoutMs: 500,
  limits: { maxStartLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 24, maxBodyBytes: 2048 },
  store: { maxMessages: 16, maxBytes: 8 * 1024 },
} as const satisfies StartOptions;

/** The server under test, as the fuzzer sees it. */
export interface FuzzTarget {
  readonly host: string;
  readonly port: number;
  readonly limits: Limits;
  /** Known only for the in-process server; a remote one is never waited on for 408. */
  readonly requestTimeoutMs: number | undefined;
  /** The in-process server's store, compared with the expected store after every case. */
  readonly storeSnapshot: (() => readonly Buffer[]) | undefined;
}

export interface FuzzStats {
  cases: number;
  /** Request heads in the cases, as the server's parser reads them. */
  requests: number;
  responses: number;
  readonly statuses: Map<number, number>;
  /** Connections the server closed before the fuzzer half-closed. */
  serverCloses: number;
  /** Cases that half-closed after writing. */
  halfCloses: number;
  /** Cases that waited for the server's 408. */
  timeoutWaits: number;
  readonly failures: { readonly case: FuzzCase; readonly failures: readonly string[]; readonly savedAs: string | undefined }[];
  crashes: number;
  peakRss: number;
  /** RSS once the first cases have warmed everything up: peak minus this is the growth. */
  rssAfterWarmup: number | undefined;
}

export function newStats(): FuzzStats {
  return { cases: 0, requests: 0, responses: 0, statuses: new Map(), serverCloses: 0, halfCloses: 0, timeoutWaits: 0, failures: [], crashes: 0, peakRss: 0, rssAfterWarmup: undefined };
}

const WARMUP_CASES = 500;

/** How long any one connection may take; waiting for 408 adds the server's request timeout. */
const SESSION_DEADLINE_MS = 3_000;

export function profileOf(target: FuzzTarget): FuzzProfile {
  return { limits: target.limits, mayWaitForTimeout: target.requestTimeoutMs !== undefined && target.requestTimeoutMs <= 2_000 };
}

/** Sends one scripted connection and checks what came back; updates `store` and `stats`. */
async function exchange(target: FuzzTarget, writes: Buffer[], steps: ExpectedStep[], options: { gapMs: number; halfClose: boolean }, store: ExpectedStore, stats: FuzzStats): Promise<string[]> {
  const waits = steps.some((step) => step.kind === 'timeout');
  const deadlineMs = SESSION_DEADLINE_MS + (waits ? (target.requestTimeoutMs ?? 0) : 0);
  const session = await runSession({ host: target.host, port: target.port, writes, gapMs: options.gapMs, halfClose: options.halfClose, deadlineMs });
  const checked = checkExchange(session, steps, store);
  stats.responses += checked.statuses.length;
  for (const status of checked.statuses) stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
  if (session.closedByServer) stats.serverCloses++;
  if (session.error === 'ECONNREFUSED') checked.failures.push('the server refused the connection: it is down');
  return checked.failures;
}

/**
 * Runs one case: the connection it scripts, then the store compared with what was acknowledged,
 * then a fresh `GET /` that must still be answered with the expected listing. Returns the failures.
 */
export async function runCase(target: FuzzTarget, fuzzCase: FuzzCase, store: ExpectedStore, stats: FuzzStats = newStats()): Promise<string[]> {
  const stream = readStream(fuzzCase.bytes, target.limits);
  const { steps, probe } = expectedSteps(stream, fuzzCase.finish);
  const writes = splitAt(fuzzCase.bytes, fuzzCase.splits);
  if (probe) writes.push(PROBE_REQUEST);
  stats.cases++;
  stats.requests += stream.requests.length;
  if (fuzzCase.finish === 'fin') stats.halfCloses++;
  if (steps.some((step) => step.kind === 'timeout')) stats.timeoutWaits++;

  const failures = await exchange(target, writes, steps, { gapMs: fuzzCase.gapMs, halfClose: fuzzCase.finish === 'fin' }, store, stats);
  if (target.storeSnapshot !== undefined) {
    const actual = target.storeSnapshot();
    const expected = store.all();
    if (actual.length !== expected.length || actual.some((message, i) => !message.equals(expected[i]!))) {
      failures.push(`store holds ${actual.length} messages, expected ${expected.length} (only acknowledged POSTs may change it)`);
    }
  }
  const alive = await exchange(target, [PROBE_REQUEST], [{ kind: 'probe' }], { gapMs: 0, halfClose: false }, store, stats);
  failures.push(...alive.map((failure) => `fresh GET /: ${failure}`));
  return failures;
}

const DELETE_REQUEST = closingRequest('DELETE');

/** Empties the server's store and the expected one, so that they agree again. */
export async function resetStore(target: FuzzTarget, store: ExpectedStore, stats: FuzzStats): Promise<string[]> {
  store.clear();
  return exchange(target, [DELETE_REQUEST], [{ kind: 'final', request: 0, method: 'DELETE', keepAlive: false, early: false, body: Buffer.alloc(0) }], { gapMs: 0, halfClose: false }, store, stats);
}

/** Peak resident set size so far, from /proc (Linux); undefined elsewhere. */
export function maybeVmHwm(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

export interface FuzzRunOptions {
  readonly seed: number;
  /** The number of the first case (default 0): with `maxCases: 1`, runs just that case. */
  readonly firstCase?: number;
  /** Stop after this long… */
  readonly seconds: number;
  /** …or after this many cases, whichever comes first. */
  readonly maxCases: number;
  /** Stop after this many failing cases. */
  readonly maxFailures: number;
  /** Fuzz a server that is already running (loopback only); otherwise the bundled one is started in-process. */
  readonly remote?: { readonly host: string; readonly port: number };
  /** Where failing cases are saved; undefined: not saved. */
  readonly saveDir?: string;
  /** Shrink a failing case before saving it (bounded: 300 attempts, 10 s). Default true. */
  readonly minimize?: boolean;
  /** Called with each failing case as it is found. */
  readonly onFailure?: (fuzzCase: FuzzCase, failures: readonly string[], savedAs: string | undefined) => void;
}

export interface FuzzRun {
  readonly stats: FuzzStats;
  readonly target: FuzzTarget;
  readonly elapsedMs: number;
  readonly vmHwm: number | undefined;
}

/** Starts the bundled server with the fuzz profile, or describes the remote one. */
export async function openTarget(remote: FuzzRunOptions['remote']): Promise<{ target: FuzzTarget; server: RunningServer | undefined }> {
  if (remote !== undefined) {
    return { target: { ...remote, limits: DEFAULT_LIMITS, requestTimeoutMs: undefined, storeSnapshot: undefined }, server: undefined };
  }
  const server = await startServer(FUZZ_SERVER_OPTIONS);
  const target: FuzzTarget = {
    host: server.host,
    port: server.port,
    limits: server.options.limits,
    requestTimeoutMs: server.options.requestTimeoutMs,
    storeSnapshot: () => server.store.all(),
  };
  return { target, server };
}

/**
 * The fuzz loop: cases from `seed`, one at a time, until the time or case budget is spent, a
 * crash, or too many failures. A crash of the in-process server (an exception that escapes it)
 * is caught here, counted, and saved with the case that caused it.
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRun> {
  const stats = newStats();
  const started = Date.now();
  const stopAt = started + options.seconds * 1000;
  const { target, server } = await openTarget(options.remote);
  const store = new ExpectedStore();
  let current: FuzzCase | undefined;
  let crash: unknown;
  const onCrash = (error: unknown): void => {
    crash ??= error;
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const record = (fuzzCase: FuzzCase, failures: readonly string[]): void => {
    const savedAs = options.saveDir === undefined ? undefined : saveRegression(options.saveDir, fuzzCase, failures);
    stats.failures.push({ case: fuzzCase, failures, savedAs });
    options.onFailure?.(fuzzCase, failures, savedAs);
  };
  try {
    const resetFailures = await resetStore(target, store, stats);
    if (resetFailures.length > 0) throw new Error(`the server did not answer DELETE / as expected: ${resetFailures.join('; ')}`);
    const profile = profileOf(target);
    const first = options.firstCase ?? 0;
    for (let index = first; index - first < options.maxCases && Date.now() < stopAt; index++) {
      current = generateCase(options.seed, index, profile);
      const failures = await runCase(target, current, store, stats);
      const rss = process.memoryUsage.rss();
      stats.peakRss = Math.max(stats.peakRss, rss);
      if (index - first === WARMUP_CASES) stats.rssAfterWarmup = rss;
      if (crash !== undefined) {
        stats.crashes++;
        record(current, [`crash: ${crash instanceof Error ? (crash.stack ?? crash.message) : String(crash)}`, ...failures]);
        break;
      }
      if (failures.length === 0) continue;
      if (options.minimize === false || failures.some((failure) => failure.includes('it is down'))) record(current, failures);
      else {
        // The store is emptied before each attempt, so that every attempt starts as the replay will.
        const attempt = async (candidate: FuzzCase): Promise<string[]> => {
          const scratch = newStats();
          await resetStore(target, store, scratch);
          return runCase(target, candidate, store, scratch);
        };
        const smallest = await minimizeCase(current, failures, attempt, { maxAttempts: 300, maxMs: 10_000 });
        record(smallest.fuzzCase, smallest.failures);
      }
      if (failures.some((failure) => failure.includes('it is down'))) {
        stats.crashes++;
        break;
      }
      if (stats.failures.length >= options.maxFailures) break;
      await resetStore(target, store, stats);
    }
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await server?.close();
  }
  return { stats, target, elapsedMs: Date.now() - started, vmHwm: maybeVmHwm() };
}
