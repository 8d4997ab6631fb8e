import type { LatencySummary } from './latency-histogram.js';

/** One request of a cycle that autocannon repeats on each connection. */
export interface CycleRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** POST only: a text body of exactly this many bytes. */
  readonly bodyBytes?: number;
}

/** What the load worker is told to do, passed as one JSON argument. */
export type LoadSpec =
  /** autocannon: kept-alive connections, optionally pipelined, optionally a request cycle. */
  | {
      readonly kind: 'autocannon';
      readonly host: string;
      readonly port: number;
      readonly connections: number;
      readonly pipelining: number;
      readonly durationS: number;
      readonly cycle: readonly CycleRequest[];
    }
  /** The raw generator: each request on a new connection, `Connection: close`, the server closes. */
  | {
      readonly kind: 'new-connection';
      readonly host: string;
      readonly port: number;
      readonly concurrency: number;
      readonly durationS: number;
    }
  /** wrk (when on the PATH): kept-alive connections, or a new one per request with `Connection: close`. */
  | WrkSpec
  /** The raw keep-alive generator: `GET /` on kept-alive connections, one in flight on each. */
  | {
      readonly kind: 'keep-alive';
      readonly host: string;
      readonly port: number;
      readonly connections: number;
      readonly durationS: number;
    };

export interface WrkSpec {
  readonly kind: 'wrk';
  /** wrk's path. */
  readonly wrk: string;
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  readonly durationS: number;
  /** Requests written at once, each counted as a response. */
  readonly pipelining: number;
  /** Repeated in turn; on each wrk thread, not on each connection. */
  readonly cycle: readonly CycleRequest[];
  /** Every request says `Connection: close`: the server closes, wrk connects again. */
  readonly connectionClose: boolean;
}

/** What the load worker prints, as one JSON line on stdout. */
export interface LoadResult {
  readonly generator: LoadSpec['kind'];
  /** Responses received (any status). */
  readonly requests: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  readonly latency: LatencySummary;
  /** Connection errors and resets. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  /** CPU the generator itself used (user + system), in ms: near `durationS` × 1000 means it was the bottleneck. */
  readonly generatorCpuMs: number;
  /** CPU the worker process used in all, start-up included, in ms. */
  readonly processCpuMs: number;
}

/** A POST body of `bytes` printable ASCII bytes (the store keeps text). */
export function textBody(bytes: number): Buffer {
  const line = 'wirecheck bench message 0123456789 abcdefghijklmnopqrstuvwxyz\n';
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes), 'latin1');
}
