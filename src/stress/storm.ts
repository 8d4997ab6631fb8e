/**
 * The accounting storm: many connections POST concurrently (in pipelined batches) while others
 * GET and one DELETEs now and then. Everything goes into a Ledger; the listings read along the
 * way are checked as they arrive (never a message twice, never one that was not sent, each
 * connection's messages in order).
 */
import { performance } from 'node:perf_hooks';
import { Ledger, listedMessages, type PostEntry } from './ledger.js';
import { requestBytes, StressConnection, type ExchangeFailure } from './stress-connection.js';

export interface Target {
  readonly host: string;
  readonly port: number;
}

export interface StormOptions {
  readonly target: Target;
  readonly ledger: Ledger;
  /** Connections that post. */
  readonly posters: number;
  /** Connections that read the listing. */
  readonly getters: number;
  /** Pause between DELETEs; 0: no DELETE at all. */
  readonly deleteEveryMs: number;
  readonly durationMs: number;
  /** Each batch is 1 to this many POSTs written at once. */
  readonly maxPipeline: number;
  /** This many of the posters write each batch in two parts, `splitGapMs` apart. */
  readonly splitPosters?: number;
  readonly splitGapMs?: number;
  /** How long one exchange may take before the connection counts as broken. */
  readonly exchangeTimeoutMs: number;
  /** Ends the storm early (e.g. the server was killed). */
  readonly signal?: AbortSignal;
}

export interface StormStats {
  posts: number;
  batches: number;
  gets: number;
  deletes: number;
  readonly statuses: Map<number, number>;
  /** 201s whose body did not echo the message posted. */
  badEchoes: number;
  /** Responses that said `Connection: close`. */
  closingReplies: number;
  /** Exchanges that broke, by why (every one counted). */
  readonly failures: Record<ExchangeFailure['kind'] | 'connect', number>;
  /** The first few of them in words. */
  readonly broken: string[];
  /** Inconsistent listings seen while posts were in flight. */
  readonly snapshotProblems: string[];
}

const MAX_NOTES = 10;
const GET_PAUSE_MS = 5;
const POST_PREFIX = Buffer.from('HTTP POST Method (Success)\n\n');

export async function runStorm(options: StormOptions): Promise<StormStats> {
  const stats: StormStats = {
    posts: 0,
    batches: 0,
    gets: 0,
    deletes: 0,
    statuses: new Map(),
    badEchoes: 0,
    closingReplies: 0,
    failures: { closed: 0, malformed: 0, timeout: 0, connect: 0 },
    broken: [],
    snapshotProblems: [],
  };
  const endAt = performance.now() + options.durationMs;
  const over = (): boolean => performance.now() >= endAt || options.signal?.aborted === true;
  const clients = [
    ...Array.from({ length: options.posters }, (_, i) => poster(options, stats, over, i < (options.splitPosters ?? 0) ? options.splitGapMs ?? 10 : undefined)),
    ...Array.from({ length: options.getters }, () => getter(options, stats, over)),
    ...(options.deleteEveryMs > 0 ? [deleter(options, stats, over)] : []),
  ];
  await Promise.all(clients);
  return stats;
}

function count(stats: StormStats, reply: { status: number; closes: boolean }): void {
  stats.statuses.set(reply.status, (stats.statuses.get(reply.status) ?? 0) + 1);
  if (reply.closes) stats.closingReplies++;
}

/** Counts a broken exchange; once the storm was told to stop, only cut responses still matter. */
function noteBroken(options: StormOptions, stats: StormStats, who: string, failure: ExchangeFailure | { kind: 'connect'; message: string }): void {
  stats.failures[failure.kind]++;
  if (options.signal?.aborted === true && failure.kind !== 'malformed') return;
  if (stats.broken.length < MAX_NOTES) stats.broken.push(`${who}: ${failure.message}`);
}

async function openOrNote(options: StormOptions, stats: StormStats, who: string): Promise<StressConnection | undefined> {
  try {
    return await StressConnection.open(options.target.host, options.target.port, options.exchangeTimeoutMs);
  } catch (error) {
    noteBroken(options, stats, who, { kind: 'connect', message: `cannot connect: ${(error as Error).message}` });
    return undefined;
  }
}

/** Posts batches on one connection until the storm is over or the connection breaks. */
async function poster(options: StormOptions, stats: StormStats, over: () => boolean, splitGapMs: number | undefined): Promise<void> {
  const { ledger, target } = options;
  let id = ledger.openConnection();
  let connection = await openOrNote(options, stats, `poster ${id}`);
  while (connection !== undefined && !over()) {
    const size = 1 + Math.floor(Math.random() * options.maxPipeline);
    const sentAt = performance.now();
    const entries: PostEntry[] = Array.from({ length: size }, () => ledger.post(id, sentAt));
    const bytes = Buffer.concat(entries.map((entry) => requestBytes('POST', target.host, target.port, Buffer.from(entry.text))));
    stats.batches++;
    stats.posts += size;
    const { replies, failure } = await connection.exchange(bytes, entries.map(() => 'POST'), options.exchangeTimeoutMs, splitGapMs);
    replies.forEach((reply, i) => {
      const entry = entries[i]!;
      ledger.answered(entry, reply.status, reply.at);
      count(stats, reply);
      if (reply.status === 201 && !reply.body.equals(Buffer.concat([POST_PREFIX, Buffer.from(entry.text)]))) stats.badEchoes++;
    });
    for (const entry of entries.slice(replies.length)) ledger.lost(entry);
    if (failure !== undefined) {
      noteBroken(options, stats, `poster ${id}`, failure);
      return;
    }
    if (replies.at(-1)!.closes) {
      // The server ended the connection after answering everything (e.g. shutting down): a new one.
      connection.destroy();
      id = ledger.openConnection();
      connection = await openOrNote(options, stats, `poster ${id}`);
    }
  }
  connection?.destroy();
}

/** Reads the listing over and over, checking each for consistency. */
async function getter(options: StormOptions, stats: StormStats, over: () => boolean): Promise<void> {
  const request = requestBytes('GET', options.target.host, options.target.port);
  const connection = await openOrNote(options, stats, 'getter');
  while (connection !== undefined && !over()) {
    const { replies, failure } = await connection.exchange(request, ['GET'], options.exchangeTimeoutMs);
    if (failure !== undefined) {
      noteBroken(options, stats, 'getter', failure);
      return;
    }
    const reply = replies[0]!;
    stats.gets++;
    count(stats, reply);
    if (reply.status === 200) {
      for (const problem of options.ledger.checkSnapshot(listedMessages(reply.body))) {
        if (stats.snapshotProblems.length < MAX_NOTES) stats.snapshotProblems.push(problem);
      }
    }
    if (reply.closes) break;
    await sleep(GET_PAUSE_MS);
  }
  connection?.destroy();
}

/** DELETEs every `deleteEveryMs`; never leaves one unanswered when the storm ends normally. */
async function deleter(options: StormOptions, stats: StormStats, over: () => boolean): Promise<void> {
  const request = requestBytes('DELETE', options.target.host, options.target.port);
  const connection = await openOrNote(options, stats, 'deleter');
  while (connection !== undefined) {
    await sleep(options.deleteEveryMs);
    if (over()) break;
    const entry = options.ledger.deleteSent(performance.now());
    const { replies, failure } = await connection.exchange(request, ['DELETE'], options.exchangeTimeoutMs);
    const reply = replies[0];
    if (reply === undefined) {
      options.ledger.lost(entry);
      noteBroken(options, stats, 'deleter', failure ?? { kind: 'closed', message: 'no response' });
      return;
    }
    options.ledger.answered(entry, reply.status, reply.at);
    stats.deletes++;
    count(stats, reply);
    if (reply.closes) break;
  }
  connection?.destroy();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One `GET /` on a fresh connection: the listing's messages, or an Error saying why not. */
export async function fetchListing(target: Target, timeoutMs: number): Promise<string[]> {
  const connection = await StressConnection.open(target.host, target.port, timeoutMs);
  try {
    const { replies, failure } = await connection.exchange(requestBytes('GET', target.host, target.port), ['GET'], timeoutMs);
    if (failure !== undefined) throw new Error(`GET / failed: ${failure.message}`);
    if (replies[0]!.status !== 200) throw new Error(`GET / answered ${replies[0]!.status}`);
    return listedMessages(replies[0]!.body);
  } finally {
    connection.destroy();
  }
}

/** One request on a fresh connection; its status, or an Error. */
export async function requestOnce(target: Target, method: string, timeoutMs: number, body?: Buffer): Promise<number> {
  const connection = await StressConnection.open(target.host, target.port, timeoutMs);
  try {
    const { replies, failure } = await connection.exchange(requestBytes(method, target.host, target.port, body), [method], timeoutMs);
    if (failure !== undefined) throw new Error(`${method} / failed: ${failure.message}`);
    return replies[0]!.status;
  } finally {
    connection.destroy();
  }
}
