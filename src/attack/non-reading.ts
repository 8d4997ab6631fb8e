/**
 * Issue 14, defect 3: clients that POST a message and then `GET /` (a store of about 15 MiB,
 * filled beforehand) without reading a byte of the answers, held for half the attack's time;
 * then each one reads, to see whether the server closed it meanwhile (a reset, or an end
 * before the whole listing) or kept it open.
 */
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestBytes } from '../stress/stress-connection.js';
import { connectAttackers, type Outcome } from './attack-socket.js';
import { tally, type Attack } from './attack.js';

const CONNECT_TIMEOUT_MS = 5_000;
/** How long a connection that reads again may take to show it was closed. */
const CLOSED_WITHIN_MS = 1_000;

export const nonReading: Attack = async ({ target, attackers, durationMs }, started) => {
  const sockets = await connectAttackers(target, attackers, CONNECT_TIMEOUT_MS);
  let sentBytes = 0;
  for (const [i, socket] of sockets.entries()) {
    if (socket === undefined) continue;
    socket.pause();
    const requests = Buffer.concat([requestBytes('POST', target.host, target.port, Buffer.from(`attacker ${i}`)), requestBytes('GET', target.host, target.port)]);
    socket.write(requests);
    sentBytes += requests.length;
  }
  started();
  await sleep(durationMs / 2);
  const outcomes = await Promise.all(sockets.map((socket) => (socket === undefined ? 'refused' : wasClosed(socket))));
  return tally(outcomes, sentBytes);
};

/** Reads again: 'closed' if the stream ends or resets within a second, 'open' if it goes on. */
function wasClosed(socket: Socket): Promise<Outcome> {
  return new Promise((resolve) => {
    const finish = (outcome: Outcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('open'), CLOSED_WITHIN_MS);
    if (socket.destroyed) return finish('closed');
    socket.once('close', () => finish('closed'));
    socket.once('end', () => finish('closed'));
    socket.on('data', () => {});
    socket.resume();
  });
}
