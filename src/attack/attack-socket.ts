/**
 * An attacker's connection: opened from a loopback address of its own (so that a limit per
 * client address does not refuse the crowd before the attack is made), written to as the attack
 * wants, and read (when it reads at all) only for the status of its first final response.
 */
import type { Socket } from 'node:net';
import { ResponseParser } from '../http1/index.js';
import type { Target } from '../stress/storm.js';
import { openSocket } from '../stress/stress-connection.js';

/** What became of an attacker: the server's status, or why none came ('open': still open when looked at). */
export type Outcome = number | 'closed' | 'timeout' | 'refused' | 'open';

/** 127.0.1.1, 127.0.1.2, …: a source address per attacker, none of them the normal clients' 127.0.0.1. */
function attackerAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** One connection per attacker, each from its own address; undefined for one that could not connect. */
export function connectAttackers(target: Target, attackers: number, timeoutMs: number): Promise<(Socket | undefined)[]> {
  return Promise.all(Array.from({ length: attackers }, (_, i) => connectFrom(target, attackerAddress(i), timeoutMs).catch(() => undefined)));
}

async function connectFrom(target: Target, localAddress: string, timeoutMs: number): Promise<Socket> {
  const socket = await openSocket({ host: target.host, port: target.port, localAddress }, timeoutMs, `from ${localAddress}`);
  // A reset is an outcome here, never an uncaught error.
  socket.on('error', () => {});
  socket.setNoDelay(true);
  return socket;
}

/**
 * Reads the socket until the first final response's head (its status), the end of the stream,
 * or `timeoutMs`; the rest of what arrives is dropped.
 */
export function firstStatus(socket: Socket, method: string, timeoutMs: number): Promise<Outcome> {
  const parser = new ResponseParser();
  parser.expectResponseTo(method);
  return new Promise((resolve) => {
    const finish = (outcome: Outcome): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const onData = (chunk: Buffer): void => {
      parser.feed(chunk);
      for (let event = parser.next(); event.kind !== 'need-data'; event = parser.next()) {
        if (event.kind === 'head' && event.head.status >= 200) return finish(event.head.status);
        if (event.kind === 'error' || event.kind === 'closed') return finish('closed');
      }
    };
    const onClose = (): void => finish('closed');
    if (socket.destroyed) return finish('closed');
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}
