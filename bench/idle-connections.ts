/**
 * Memory held per idle kept-alive connection: open many sockets to a server from this
 * process, have each do one `GET /` and then sit idle, and read the server's VmRSS.
 */
import { connect, type Socket } from 'node:net';
import { maybeMemoryStatus } from './proc-stats.js';
import { maybeCompleteStatus } from './response-framing.js';
import type { ServerProcess } from './server-process.js';

export interface IdleMeasurement {
  /** Connections asked for. */
  readonly connections: number;
  /** Connections that got their response and were still open when RSS was read. */
  readonly open: number;
  /** RSS after one request on an otherwise untouched server, in KiB. */
  readonly baselineRssKiB: number | undefined;
  /** RSS with the connections open and idle, in KiB. */
  readonly rssKiB: number | undefined;
}

const BATCH = 100;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * `settleMs` must stay well under the server's idle timeout (the peer's is 5 s, fixed) or the
 * server closes the connections before they are counted.
 */
export async function measureIdleConnections(server: ServerProcess, count: number, settleMs: number): Promise<IdleMeasurement> {
  const first = await openWithOneGet(server.host, server.port);
  first?.destroy();
  await sleep(200);
  const baselineRssKiB = maybeMemoryStatus(server.pid)?.rssKiB;

  const sockets: Socket[] = [];
  try {
    for (let opened = 0; opened < count; opened += BATCH) {
      const batch = await Promise.all(Array.from({ length: Math.min(BATCH, count - opened) }, () => openWithOneGet(server.host, server.port)));
      for (const socket of batch) if (socket !== undefined) sockets.push(socket);
    }
    await sleep(settleMs);
    const rssKiB = maybeMemoryStatus(server.pid)?.rssKiB;
    const open = sockets.filter((socket) => !socket.destroyed && socket.readyState === 'open').length;
    return { connections: count, open, baselineRssKiB, rssKiB };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

/** A connection that has done one `GET /` and got its whole response; undefined if that failed. */
function openWithOneGet(host: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, noDelay: true });
    let received: Buffer = Buffer.alloc(0);
    const giveUp = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    };
    const timer = setTimeout(giveUp, CONNECT_TIMEOUT_MS);
    socket.on('error', giveUp);
    socket.once('close', giveUp);
    socket.once('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`));
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (maybeCompleteStatus(received) === undefined) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', giveUp);
      socket.resume(); // keep reading (and dropping) anything more, so the socket stays healthy
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
