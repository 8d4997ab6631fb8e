/**
 * Normal clients: a few kept-alive connections doing what the assignment's client does, one
 * request at a time (POST a message, GET the listing, now and then DELETE), each exchange timed.
 */
import { performance } from 'node:perf_hooks';
import { requestBytes, StressConnection } from './stress-connection.js';
import type { Target } from './storm.js';

export interface LatencyFigures {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Exchanges that failed (closed, timed out) or were not answered 2xx. */
  readonly failures: number;
}

const DELETE_EVERY = 20;

export async function measureLatency(target: Target, clients: number, durationMs: number, timeoutMs: number): Promise<LatencyFigures> {
  const samples: number[] = [];
  let failures = 0;
  const endAt = performance.now() + durationMs;
  const client = async (index: number): Promise<void> => {
    let connection: StressConnection | undefined;
    for (let round = 0; performance.now() < endAt; round++) {
      connection ??= await StressConnection.open(target.host, target.port, timeoutMs).catch(() => undefined);
      if (connection === undefined) {
        failures++;
        return;
      }
      const method = round % DELETE_EVERY === DELETE_EVERY - 1 ? 'DELETE' : round % 2 === 0 ? 'POST' : 'GET';
      const body = method === 'POST' ? Buffer.from(`normal client ${index}, message ${round}`) : undefined;
      const started = performance.now();
      const { replies, failure } = await connection.exchange(requestBytes(method, target.host, target.port, body), [method], timeoutMs);
      const reply = replies[0];
      if (failure !== undefined || reply === undefined || reply.status >= 300) {
        failures++;
        connection.destroy();
        connection = undefined;
        continue;
      }
      samples.push(reply.at - started);
      if (reply.closes) {
        connection.destroy();
        connection = undefined;
      }
    }
    connection?.destroy();
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  samples.sort((a, b) => a - b);
  return {
    requests: samples.length,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
    maxMs: samples.at(-1) ?? Number.NaN,
    failures,
  };
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
