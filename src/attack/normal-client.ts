/**
 * The normal client beside an attack: one kept-alive connection from 127.0.0.1 sending what the
 * assignment's client sends, one request at a time and about one a millisecond (a short
 * `POST /`, then `HEAD /`, which costs the server the listing's answer without a long
 * transfer), each exchange timed, until told to stop. Any status counts as answered (a full
 * store is 507): only a timeout or a closed connection is a failure, and the connection is
 * opened again after one.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, type LatencyFigures } from '../stress/latency.js';
import { requestBytes, StressConnection } from '../stress/stress-connection.js';
import type { Target } from '../stress/storm.js';

const TIMEOUT_MS = 5_000;
/** The pause after each exchange: a client's pace, not a load generator's (its POSTs do not fill the store's 10,000 messages in a run). */
const PAUSE_MS = 1;


export async function timeNormalClient(target: Target, stop: Promise<unknown>): Promise<LatencyFigures> {
  let stopped = false;
  const markStopped = (): void => void (stopped = true);
  void stop.then(markStopped, markStopped);
  const samples: number[] = [];
  let failures = 0;
  let connection: StressConnection | undefined;
  for (let round = 0; !stopped; round++) {
    connection ??= await StressConnection.open(target.host, target.port, TIMEOUT_MS).catch(() => undefined);
    if (connection === undefined) {
      failures++;
      await sleep(100);
      continue;
    }
    const method = round % 2 === 0 ? 'POST' : 'HEAD';
    const request = requestBytes(method, target.host, target.port, method === 'POST' ? Buffer.from(`normal client, message ${round}`) : undefined);
    const sent = performance.now();
    const { replies, failure } = await connection.exchange(request, [method], TIMEOUT_MS);
    if (failure !== undefined || replies[0]!.closes) {
      if (failure !== undefined) failures++;
      connection.destroy();
      connection = undefined;
    }
    if (failure === undefined) samples.push(replies[0]!.at - sent);
    await sleep(PAUSE_MS);
  }
  connection?.destroy();
  samples.sort((a, b) => a - b);
  return { requests: samples.length, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99), maxMs: samples.at(-1) ?? Number.NaN, failures };
}
