/**
 * Connections that hold server resources without doing work: idle kept-alive ones (one `GET /`
 * answered, then nothing) and stalled ones (half a request head, then nothing, as slowloris);
 * and a burst of connections past the server's limit, which must be refused without disturbing
 * the ones already open.
 */
import { connect, type Socket } from 'node:net';
import { requestBytes, StressConnection } from './stress-connection.js';
import type { Target } from './storm.js';

const BATCH = 100;
const STALLED_HEAD = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le';

export interface HeldConnections {
  readonly idle: StressConnection[];
  readonly stalled: StalledConnection[];
  /** Idle connections asked for that could not be opened or got no 200. */
  readonly idleFailed: number;
  /** Stalled connections that could not be opened. */
  readonly stalledFailed: number;
  closeAll(): void;
}

export interface StalledConnection {
  readonly socket: Socket;
  /** Bytes the server sent back (a 408 or anything else means it did not just wait). */
  received: number;
  closed: boolean;
}

/** Opens `idle` idle connections and `stalled` stalled ones, `BATCH` at a time. */
export async function holdConnections(target: Target, idle: number, stalled: number, timeoutMs: number): Promise<HeldConnections> {
  const held = { idle: [] as StressConnection[], stalled: [] as StalledConnection[], idleFailed: 0, stalledFailed: 0 };
  const request = requestBytes('GET', target.host, target.port);
  for (let opened = 0; opened < idle; opened += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, idle - opened) }, async () => {
        const connection = await StressConnection.open(target.host, target.port, timeoutMs).catch(() => undefined);
        if (connection === undefined) return undefined;
        const { replies, failure } = await connection.exchange(request, ['GET'], timeoutMs);
        if (failure === undefined && replies[0]!.status === 200 && !replies[0]!.closes) return connection;
        connection.destroy();
        return undefined;
      }),
    );
    for (const connection of batch) {
      if (connection === undefined) held.idleFailed++;
      else held.idle.push(connection);
    }
  }
  for (let opened = 0; opened < stalled; opened += BATCH) {
    const batch = await Promise.all(Array.from({ length: Math.min(BATCH, stalled - opened) }, () => openStalled(target, timeoutMs)));
    for (const connection of batch) {
      if (connection === undefined) held.stalledFailed++;
      else held.stalled.push(connection);
    }
  }
  return {
    ...held,
    closeAll: () => {
      for (const connection of held.idle) connection.destroy();
      for (const connection of held.stalled) connection.socket.destroy();
    },
  };
}

function openStalled(target: Target, timeoutMs: number): Promise<StalledConnection | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, timeoutMs);
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      const stalled: StalledConnection = { socket, received: 0, closed: false };
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => (stalled.received += chunk.length));
      socket.once('close', () => (stalled.closed = true));
      socket.write(STALLED_HEAD, () => resolve(stalled));
    });
  });
}

export interface OverflowFigures {
  readonly attempted: number;
  /** Answered 200: the server had room for them. */
  readonly served: number;
  /** Closed or reset without a response (or answered 503). */
  readonly refused: number;
}

/**
 * Opens `count` connections at once, each sending `GET /`, and keeps the served ones open until
 * all have an outcome, so that they all count against the limit together.
 */
export async function probeConnectionLimit(target: Target, count: number, timeoutMs: number): Promise<OverflowFigures> {
  const request = requestBytes('GET', target.host, target.port);
  const opened: StressConnection[] = [];
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (): Promise<'served' | 'refused'> => {
      const connection = await StressConnection.open(target.host, target.port, timeoutMs).catch(() => undefined);
      if (connection === undefined) return 'refused';
      opened.push(connection);
      const { replies } = await connection.exchange(request, ['GET'], timeoutMs);
      return replies[0]?.status === 200 ? 'served' : 'refused';
    }),
  );
  for (const connection of opened) connection.destroy();
  const served = outcomes.filter((o) => o === 'served').length;
  return { attempted: count, served, refused: count - served };
}

/** Sends `GET /` on up to `sample` of the idle connections: how many still answer 200. */
export async function stillServing(idle: readonly StressConnection[], target: Target, sample: number, timeoutMs: number): Promise<{ asked: number; answered: number }> {
  const chosen = idle.filter((connection) => !connection.isClosed).slice(0, sample);
  const request = requestBytes('GET', target.host, target.port);
  const results = await Promise.all(chosen.map((connection) => connection.exchange(request, ['GET'], timeoutMs)));
  return { asked: chosen.length, answered: results.filter((r) => r.failure === undefined && r.replies[0]!.status === 200).length };
}
