/**
 * A closed-loop generator in which every request gets a new TCP connection: connect, send
 * `GET /` with `Connection: close`, read the response (framed by Content-Length), then wait for
 * the server to close before the next connect. Latency runs from connect() to the response's
 * last byte, so it includes the handshake.
 *
 * Why not autocannon: in v8, `reconnectRate` resets the connection before it counts the
 * response (so nothing is counted), and with a `Connection: close` header autocannon writes the
 * next request on the socket the server is closing and then reconnects, which misaligns its
 * queue of pipelined requests and so its latencies.
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram.js';
import type { LoadResult } from './load-spec.js';
import { maybeCompleteStatus } from './response-framing.js';

export interface NewConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly concurrency: number;
  readonly durationS: number;
  /** How long one connection may take, from connect to the server's close. */
  readonly timeoutMs?: number;
}

type Outcome = { readonly kind: 'response'; readonly status: number; readonly ms: number } | { readonly kind: 'error' } | { readonly kind: 'timeout' };

/** A pause after a failed connection, so a refusing server is not hammered in a tight loop. */
const ERROR_PAUSE_MS = 10;

export async function runNewConnectionLoad(options: NewConnectionOptions): Promise<Omit<LoadResult, 'generatorCpuMs' | 'processCpuMs'>> {
  const request = Buffer.from(`GET / HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\nConnection: close\r\n\r\n`, 'latin1');
  const histogram = new LatencyHistogram();
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + options.durationS * 1000;

  async function user(): Promise<void> {
    while (performance.now() < deadline) {
      const outcome = await oneRequest(options.host, options.port, request, options.timeoutMs ?? 5_000);
      if (outcome.kind === 'error') {
        errors++;
        await new Promise((resolve) => setTimeout(resolve, ERROR_PAUSE_MS));
      } else if (outcome.kind === 'timeout') {
        timeouts++;
      } else if (performance.now() <= deadline) {
        histogram.recordMs(outcome.ms);
        statusCounts[outcome.status] = (statusCounts[outcome.status] ?? 0) + 1;
        if (outcome.status < 200 || outcome.status > 299) non2xx++;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => user()));
  const durationS = options.durationS;
  return {
    generator: 'new-connection',
    requests: histogram.count,
    durationS,
    requestsPerSecond: histogram.count / durationS,
    latency: histogram.summary(),
    errors,
    timeouts,
    non2xx,
    statusCounts,
  };
}

/** One connection: resolves once the server has closed it (or it failed or timed out). */
function oneRequest(host: string, port: number, request: Buffer, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = connect({ host, port, noDelay: true });
    let received: Buffer = Buffer.alloc(0);
    let response: Outcome | undefined;
    let failed = false;
    const timer = setTimeout(() => {
      failed = true;
      socket.destroy();
      resolve({ kind: 'timeout' });
    }, timeoutMs);

    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      if (response !== undefined) return;
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      const status = maybeCompleteStatus(received);
      if (status !== undefined) response = { kind: 'response', status, ms: performance.now() - start };
    });
    socket.on('error', () => {
      failed = true;
    });
    socket.once('close', () => {
      clearTimeout(timer);
      if (failed && response === undefined) resolve({ kind: 'error' });
      else resolve(response ?? { kind: 'error' });
    });
  });
}
