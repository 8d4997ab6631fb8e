/**
 * A closed-loop keep-alive generator that costs the machine as little as a Node generator can:
 * N connections, each with one `GET /` in flight, the next written as soon as the last byte of
 * the previous response is in. Latency runs from the write to the response's last byte.
 *
 * Why, beside autocannon: on two cores the generator and the server share the machine, and
 * autocannon needs about 15 µs of CPU per response. Against a server that needs less, autocannon
 * saturates its core first and the req/s it reports is its own ceiling, not the server's. This
 * one needs about 9 µs (one read and one write per response and a few lines of framing), so the
 * server under test is the limit, as it must be for a req/s ratio to compare servers.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram.js';
import type { LoadResult } from './load-spec.js';
import { maybeCompleteResponse } from './response-framing.js';

export interface KeepAliveOptions {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  readonly durationS: number;
  /** How long one response may take before its connection is dropped (and another opened). */
  readonly timeoutMs?: number;
}

interface Connection {
  readonly socket: Socket;
  /** When the request in flight was written (performance.now()). */
  sentAt: number;
  /** Dropped by the sweep for a late response: a timeout, not an error. */
  timedOut: boolean;
}

/** A pause after a failed connection, so a refusing server is not hammered in a tight loop. */
const ERROR_PAUSE_MS = 10;
/** How often responses are checked against the timeout: one timer for all connections. */
const SWEEP_MS = 100;

export async function runKeepAliveLoad(options: KeepAliveOptions): Promise<Omit<LoadResult, 'generatorCpuMs' | 'processCpuMs'>> {
  const request = Buffer.from(`GET / HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\nConnection: keep-alive\r\n\r\n`, 'latin1');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const histogram = new LatencyHistogram();
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const deadline = performance.now() + options.durationS * 1000;
  const open = new Set<Connection>();

  await new Promise<void>((resolve) => {
    let running = 0;
    const finished = (): void => {
      if (--running === 0) resolve();
    };

    const start = (): void => {
      if (performance.now() >= deadline) return finished();
      const socket = connect({ host: options.host, port: options.port, noDelay: true });
      const connection: Connection = { socket, sentAt: Infinity, timedOut: false };
      open.add(connection);
      let received: Buffer | undefined;
      const send = (): void => {
        connection.sentAt = performance.now();
        socket.write(request);
      };
      socket.once('connect', send);
      socket.on('data', (chunk: Buffer) => {
        received = received === undefined ? chunk : Buffer.concat([received, chunk]);
        const response = maybeCompleteResponse(received);
        if (response === undefined) return;
        const now = performance.now();
        received = response.length === received.length ? undefined : received.subarray(response.length);
        if (now > deadline) return void socket.destroy();
        histogram.recordMs(now - connection.sentAt);
        statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
        if (response.status < 200 || response.status > 299) non2xx++;
        send();
      });
      // A reset or refusal: 'close' follows, and counts it.
      socket.on('error', () => {});
      socket.once('close', () => {
        open.delete(connection);
        if (performance.now() >= deadline) return finished();
        // The server closed or reset a kept-alive connection, or the sweep dropped it: count it, open another.
        if (!connection.timedOut) errors++;
        setTimeout(start, ERROR_PAUSE_MS);
      });
    };

    const sweep = setInterval(() => {
      const now = performance.now();
      for (const connection of open) {
        if (now - connection.sentAt <= timeoutMs) continue;
        timeouts++;
        connection.timedOut = true;
        connection.socket.destroy();
      }
      if (now >= deadline) {
        clearInterval(sweep);
        for (const connection of open) connection.socket.destroy();
      }
    }, SWEEP_MS);

    running = options.connections;
    for (let i = 0; i < options.connections; i++) start();
  });

  return {
    generator: 'keep-alive',
    requests: histogram.count,
    durationS: options.durationS,
    requestsPerSecond: histogram.count / options.durationS,
    latency: histogram.summary(),
    errors,
    timeouts,
    non2xx,
    statusCounts,
  };
}
