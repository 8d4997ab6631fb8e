/**
 * Memory per connection under attack (issue 14, defect 3), over real sockets: clients that POST
 * and then `GET /` a large store without reading hold no copy of the listing each, and are cut
 * once they have taken nothing for the write timeout; a client that reads slowly is not.
 * (Defect 2, bodies in small pieces, is the parser's: test/unit/http1-body-memory.test.ts.)
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ResponseParser } from '../../src/http1/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { request, sleep, WireClient, withServer } from './socket-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TEST_MS = 20_000;
const MIB = 1024 * 1024;
/** Larger than what the kernel's socket buffers take of a response the client does not read. */
const STORE_MIB = 12;
const WRITE_TIMEOUT_MS = 600;
/** Long enough for a reader of 2.5 MB/s to be seen taking some of a response behind the kernel's buffers. */
const SLOW_WRITE_TIMEOUT_MS = 1_500;
/** Only the write timeout may close a connection here. */
const LONG_MS = 60_000;
const OPTIONS = { writeTimeoutMs: WRITE_TIMEOUT_MS, idleTimeoutMs: LONG_MS, requestTimeoutMs: LONG_MS };

function fillStore(server: RunningServer): number {
  for (let i = 0; i < STORE_MIB; i++) server.store.append(Buffer.alloc(MIB, 0x61 + i));
  return server.store.listing(Buffer.from('HTTP GET Method (Success)\n\n')).length;
}

function arrayBuffersAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await sleep(20);
  return condition();
}

describe('clients that do not read', { timeout: TEST_MS }, () => {
  test('ten that each POST, then GET / a 12 MiB store without reading, hold no copy of the listing each, and are cut after the write timeout', () =>
    withServer(OPTIONS, async (server) => {
      fillStore(server);
      const before = arrayBuffersAfterGc();
      const clients = await Promise.all(Array.from({ length: 10 }, () => WireClient.open(server.port)));
      for (const [i, client] of clients.entries()) {
        client.pause();
        // Each POST makes a new version of the listing: a copy per version was a copy per client.
        await client.send(Buffer.concat([request('POST', '/', { body: `client ${i}` }), request('GET', '/')]));
      }
      assert.ok(await until(() => server.store.size === STORE_MIB + clients.length, 5_000), 'every POST was answered');
      await sleep(100);
      const grown = arrayBuffersAfterGc() - before;
      assert.ok(grown < 40 * MIB, `the server holds ${(grown / MIB).toFixed(1)} MiB more for 10 clients of a ${STORE_MIB} MiB listing`);

      await sleep(3 * WRITE_TIMEOUT_MS);
      for (const client of clients) client.resume();
      const closed = await Promise.all(clients.map((client) => client.closesWithin(5_000)));
      assert.deepEqual(closed, clients.map(() => true), 'every stuck connection was closed');
      for (const client of clients) assert.ok(client.received.length < STORE_MIB * MIB, 'cut before the whole listing was sent');
    }));

  test('a client that reads slowly, a little at a time, is not cut: each time it takes some, the write timeout starts again', () =>
    withServer({ ...OPTIONS, writeTimeoutMs: SLOW_WRITE_TIMEOUT_MS }, async (server) => {
      const listingLength = fillStore(server);
      const socket = connect({ host: '127.0.0.1', port: server.port });
      await new Promise((resolve) => socket.once('connect', resolve));
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('error', () => {});
      const parser = new ResponseParser();
      parser.expectResponseTo('GET');
      let quota = 0;
      socket.on('data', (chunk: Buffer) => {
        parser.feed(chunk);
        quota -= chunk.length;
        if (quota <= 0) socket.pause();
      });
      socket.pause();
      socket.write(request('GET', '/'));
      // 256 KiB every 100 ms, about 2.5 MB/s, for two write timeouts: what the server sees move
      // is its own queue, which moves once the kernel's buffers (several MB) have room again.
      for (let tick = 0; tick < (2 * SLOW_WRITE_TIMEOUT_MS) / 100; tick++) {
        quota = 256 * 1024;
        socket.resume();
        await sleep(100);
      }
      quota = Infinity;
      socket.resume();
      let event = parser.next();
      for (const deadline = Date.now() + 10_000; event.kind === 'need-data' || event.kind === 'head'; event = parser.next()) {
        assert.ok(!closed && Date.now() < deadline, `the rest of the listing arrives (closed: ${closed})`);
        await sleep(10);
      }
      assert.ok(event.kind === 'message');
      assert.equal(event.head.status, 200);
      assert.equal(event.body.length, listingLength);
      socket.destroy();
    }));
});
