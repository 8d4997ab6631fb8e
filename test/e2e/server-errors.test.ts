/**
 * What goes wrong, over real sockets: framing errors answered then closed only after the
 * response is flushed (SPEC §2.1, §2.3), timeouts, the store and connection limits (§2.4), and
 * input meant to break the server, after which it must go on serving.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunningServer } from '../../src/server/server.js';
import { header, request, sleep, text, WireClient, withServer } from './socket-helpers.js';

const TEST_MS = 15_000;

async function assertStillServing(server: RunningServer): Promise<void> {
  const client = await WireClient.open(server.port);
  await client.send(request('GET', '/'));
  const [response] = await client.read('GET');
  assert.equal(response!.status, 200, 'a new connection is still served');
  client.destroy();
}

const ERRORS: Array<[what: string, bytes: string, status: number]> = [
  ['Content-Length with Transfer-Encoding', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
  ['HTTP/2.0', 'GET / HTTP/2.0\r\nHost: h\r\n\r\n', 505],
  ['a Content-Length over the body limit', `POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n`, 413],
  ['a request line over 8 KiB', `GET /${'a'.repeat(8 * 1024)} HTTP/1.1\r\nHost: h\r\n\r\n`, 414],
  ['a header section over 16 KiB', `GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${'b'.repeat(16 * 1024)}\r\n\r\n`, 431],
  ['101 header fields', `GET / HTTP/1.1\r\nHost: h\r\n${Array.from({ length: 100 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`, 431],
  ['Transfer-Encoding: gzip (chunked not final, RFC 9112 §6.3)', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n', 400],
  ['Transfer-Encoding: gzip, chunked', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', 501],
  ['chunked not last', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', 400],
  ['Transfer-Encoding in HTTP/1.0', 'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
  ['two Content-Lengths that differ', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
  ['a malformed chunk', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
  ['no Host in HTTP/1.1', 'GET / HTTP/1.1\r\n\r\n', 400],
  ['two Host fields', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400],
  ['obs-fold', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n', 400],
  ['whitespace before the colon', 'GET / HTTP/1.1\r\nHost : h\r\n\r\n', 400],
  ['a NUL in a field value', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n', 400],
  ['a malformed request line', 'GET  / HTTP/1.1\r\nHost: h\r\n\r\n', 400],
  ['a version that is not HTTP/d.d', 'GET / HTTP/1.10\r\nHost: h\r\n\r\n', 400],
];

describe('errors are answered, then the connection closes after the response is flushed', { timeout: TEST_MS }, () => {
  for (const [what, bytes, status] of ERRORS) {
    test(`${what}: ${status}, Connection: close, then closed`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        await client.send(bytes);
        const [response] = await client.read('POST');
        assert.equal(response!.status, status);
        assert.equal(header(response!, 'connection'), 'close');
        assert.equal(header(response!, 'content-length'), String(response!.body.length));
        assert.match(text(response!), new RegExp(`^${status} `));
        assert.equal(await client.closedCleanly(), true, 'closed with nothing after the response');
        assert.equal(client.error, undefined, 'closed, not reset');
        assert.equal(server.store.size, 0);
      }));
  }

  test('the error response survives unread input behind it (no reset that would destroy it)', () =>
    withServer({}, async (server) => {
      for (const [what, bytes, status] of ERRORS.slice(0, 3)) {
        const client = await WireClient.open(server.port);
        // The bad request and 256 KiB more in one write: the server stops parsing with input unread.
        await client.send(Buffer.concat([Buffer.from(bytes, 'latin1'), Buffer.alloc(256 * 1024, 0x78)])).catch(() => undefined);
        const [response] = await client.read('GET');
        assert.equal(response!.status, status, what);
        assert.equal(await client.closesWithin(), true, what);
        assert.equal(client.error, undefined, `${what}: closed, not reset`);
      }
    }));

  test('an error after good pipelined requests: those are answered first, in order', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('POST', '/', { body: 'kept' }), request('GET', '/'), Buffer.from('GET / HTTP/2.0\r\nHost: h\r\n\r\n'), request('POST', '/', { body: 'never' })]));
      const responses = await client.read('POST', 'GET', 'GET');
      assert.deepEqual(responses.map((r) => r.status), [201, 200, 505]);
      assert.equal(await client.closedCleanly(), true);
      assert.deepEqual(server.store.all().map((m) => m.toString()), ['kept']);
    }));
});

describe('timeouts', { timeout: TEST_MS }, () => {
  test('a stalled body: 408 at the request timeout, then close', () =>
    withServer({ requestTimeoutMs: 300 }, async (server) => {
      const client = await WireClient.open(server.port);
      const started = Date.now();
      await client.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc');
      const [response] = await client.read('POST');
      const elapsed = Date.now() - started;
      assert.equal(response!.status, 408);
      assert.equal(header(response!, 'connection'), 'close');
      assert.ok(elapsed >= 250 && elapsed < 1_500, `answered after ${elapsed} ms`);
      assert.equal(await client.closedCleanly(), true);
      assert.equal(server.store.size, 0);
    }));

  test('a stalled head: 408, then close', () =>
    withServer({ requestTimeoutMs: 300 }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send('GET / HTTP/1.1\r\nHost: h\r\n');
      const [response] = await client.read('GET');
      assert.equal(response!.status, 408);
      assert.equal(await client.closedCleanly(), true);
    }));

  test('a head trickled a byte at a time does not postpone the timeout', () =>
    withServer({ requestTimeoutMs: 300, idleTimeoutMs: 5_000 }, async (server) => {
      const client = await WireClient.open(server.port);
      const started = Date.now();
      const trickle = (async () => {
        for (const byte of 'GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ' + 'z'.repeat(100)) {
          if (client.isClosed) return;
          await client.send(byte).catch(() => undefined);
          await sleep(20);
        }
      })();
      const [response] = await client.read('GET');
      const elapsed = Date.now() - started;
      assert.equal(response!.status, 408);
      assert.ok(elapsed < 1_500, `answered after ${elapsed} ms`);
      client.destroy();
      await trickle;
    }));

  test('the request timeout counts from the request\'s start, not the connection\'s', () =>
    withServer({ requestTimeoutMs: 400, idleTimeoutMs: 5_000 }, async (server) => {
      const client = await WireClient.open(server.port);
      await sleep(600);
      await client.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\na');
      await sleep(150);
      await client.send('b');
      const [response] = await client.read('POST');
      assert.equal(response!.status, 201);
      client.destroy();
    }));

  test('an idle kept-alive connection is closed without a response', () =>
    withServer({ idleTimeoutMs: 300 }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(request('GET', '/'));
      await client.read('GET');
      const receivedBefore = client.received.length;
      const started = Date.now();
      assert.equal(await client.closesWithin(2_000), true);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 200 && elapsed < 1_500, `closed after ${elapsed} ms`);
      assert.equal(client.received.length, receivedBefore, 'not a byte more');
      assert.equal(client.error, undefined);
    }));

  test('a connection that never sends anything is closed without a byte', () =>
    withServer({ idleTimeoutMs: 300 }, async (server) => {
      const client = await WireClient.open(server.port);
      assert.equal(await client.closesWithin(2_000), true);
      assert.equal(client.received.length, 0);
    }));

  test('requests every 150 ms keep a connection with a 300 ms idle timeout alive', () =>
    withServer({ idleTimeoutMs: 300 }, async (server) => {
      const client = await WireClient.open(server.port);
      for (let i = 0; i < 6; i++) {
        await client.send(request('GET', '/'));
        assert.equal((await client.read('GET'))[0]!.status, 200, `request ${i}`);
        await sleep(150);
      }
      assert.equal(client.isClosed, false);
      client.destroy();
    }));

  test('the idle timeout does not cut a request in progress', () =>
    withServer({ idleTimeoutMs: 200, requestTimeoutMs: 3_000 }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nsl');
      await sleep(600);
      await client.send('ow');
      const [response] = await client.read('POST');
      assert.equal(response!.status, 201);
      assert.equal(text(response!), 'HTTP POST Method (Success)\n\nslow');
      client.destroy();
    }));
});

describe('limits', { timeout: TEST_MS }, () => {
  test('store full by count: 507, nothing stored, the connection goes on', () =>
    withServer({ store: { maxMessages: 2 } }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat(['one', 'two', 'three'].map((body) => request('POST', '/', { body }))));
      const responses = await client.read('POST', 'POST', 'POST');
      assert.deepEqual(responses.map((r) => r.status), [201, 201, 507]);
      assert.equal(responses[2]!.reason, 'Insufficient Storage');
      assert.equal(text(responses[2]!), 'HTTP POST Method (Failed)\n\n');
      await client.send(request('GET', '/'));
      assert.equal(text((await client.read('GET'))[0]!), 'HTTP GET Method (Success)\n\none\ntwo');
      await client.send(Buffer.concat([request('DELETE', '/'), request('POST', '/', { body: 'room again' })]));
      assert.deepEqual((await client.read('DELETE', 'POST')).map((r) => r.status), [200, 201]);
      client.destroy();
    }));

  test('store full by bytes: 507, nothing stored', () =>
    withServer({ store: { maxBytes: 10 } }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('POST', '/', { body: '12345678' }), request('POST', '/', { body: '123' }), request('POST', '/', { body: '12' })]));
      assert.deepEqual((await client.read('POST', 'POST', 'POST')).map((r) => r.status), [201, 507, 201]);
      assert.deepEqual(server.store.all().map((m) => m.toString()), ['12345678', '12']);
      client.destroy();
    }));

  test('a body exactly at the limit is served; one byte more is 413, then close', () =>
    withServer({ limits: { maxBodyBytes: 16 } }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(request('POST', '/', { body: 'x'.repeat(16) }));
      assert.equal((await client.read('POST'))[0]!.status, 201);
      await client.send(request('POST', '/', { body: 'x'.repeat(17) }));
      assert.equal((await client.read('POST'))[0]!.status, 413);
      assert.equal(await client.closesWithin(), true);
    }));

  test('a chunked body over the limit: 413, then close, nothing stored', () =>
    withServer({ limits: { maxBodyBytes: 16 } }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(`POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n${'x'.repeat(16)}\r\n1\r\ny\r\n0\r\n\r\n`);
      assert.equal((await client.read('POST'))[0]!.status, 413);
      assert.equal(await client.closesWithin(), true);
      assert.equal(server.store.size, 0);
    }));

  test('maxConnections 3: a 4th connection is closed at once, the first three still work', () =>
    withServer({ maxConnections: 3 }, async (server) => {
      const clients = [await WireClient.open(server.port), await WireClient.open(server.port), await WireClient.open(server.port)];
      for (const client of clients) {
        await client.send(request('GET', '/'));
        assert.equal((await client.read('GET'))[0]!.status, 200);
      }
      const fourth = await WireClient.open(server.port);
      await fourth.send(request('GET', '/')).catch(() => undefined);
      assert.equal(await fourth.closesWithin(1_000), true, 'the 4th connection is closed');
      assert.equal(fourth.received.length, 0, 'without an answer');
      for (const [i, client] of clients.entries()) {
        await client.send(request('POST', '/', { body: `from ${i}` }));
        assert.equal((await client.read('POST'))[0]!.status, 201, `connection ${i} undisturbed`);
      }
      clients[0]!.destroy();
      await sleep(100);
      const fifth = await WireClient.open(server.port);
      await fifth.send(request('GET', '/'));
      assert.equal((await fifth.read('GET'))[0]!.status, 200, 'a freed slot is used again');
      for (const client of [...clients, fifth]) client.destroy();
    }));
});

/** A small deterministic generator, so a failure can be replayed. */
function randomBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0 || 1;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

describe('input meant to break the server', { timeout: TEST_MS }, () => {
  /** Sends `bytes`; the server answers with an error status or closes, within the request timeout. */
  async function assertRejected(server: RunningServer, bytes: Buffer, what: string): Promise<void> {
    const client = await WireClient.open(server.port);
    await client.send(bytes).catch(() => undefined);
    assert.equal(await client.closesWithin(3_000), true, `${what}: the connection is closed`);
    client.expect('GET');
    const response = await client.next().catch(() => undefined);
    if (response !== undefined) {
      assert.ok(response.status >= 400, `${what}: answered ${response.status}`);
      assert.equal(header(response, 'connection'), 'close', what);
    }
  }

  test('random bytes, 30 connections of them', () =>
    withServer({ requestTimeoutMs: 500 }, async (server) => {
      server.store.append(Buffer.from('precious'));
      for (let seed = 1; seed <= 30; seed++) {
        await assertRejected(server, randomBytes(seed, 64 + seed * 137), `seed ${seed}`);
      }
      await assertStillServing(server);
      assert.deepEqual(server.store.all().map((m) => m.toString()), ['precious'], 'the store is intact');
    }));

  test('random bytes after a good request on a kept-alive connection', () =>
    withServer({ requestTimeoutMs: 500 }, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('POST', '/', { body: 'good' }), randomBytes(42, 4096)]));
      const [response] = await client.read('POST');
      assert.equal(response!.status, 201);
      assert.equal(await client.closesWithin(3_000), true);
      await assertStillServing(server);
    }));

  test('a NUL flood', () =>
    withServer({ requestTimeoutMs: 500 }, async (server) => {
      await assertRejected(server, Buffer.alloc(64 * 1024), 'NUL flood');
      await assertRejected(server, Buffer.alloc(100), 'short NUL run');
      await assertStillServing(server);
    }));

  test('a 100 KiB header line: 431', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(`GET / HTTP/1.1\r\nHost: h\r\nX-Huge: ${'h'.repeat(100 * 1024)}\r\n\r\n`).catch(() => undefined);
      const [response] = await client.read('GET');
      assert.equal(response!.status, 431);
      assert.equal(await client.closesWithin(), true);
      await assertStillServing(server);
    }));

  test('a megabyte with no line end at all: rejected, memory bounded by the limits', () =>
    withServer({}, async (server) => {
      await assertRejected(server, Buffer.alloc(1024 * 1024, 0x41), 'one long line');
      await assertStillServing(server);
    }));

  test('clients that vanish mid-request, mid-body and mid-response', () =>
    withServer({}, async (server) => {
      server.store.append(Buffer.alloc(512 * 1024, 0x61));
      const midHead = await WireClient.open(server.port);
      await midHead.send('GET / HTT');
      midHead.destroy();
      const midBody = await WireClient.open(server.port);
      await midBody.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nhalf');
      midBody.destroy();
      const midResponse = await WireClient.open(server.port);
      await midResponse.send(Buffer.concat(Array.from({ length: 20 }, () => request('GET', '/'))));
      await sleep(20);
      midResponse.destroy();
      await sleep(100);
      await assertStillServing(server);
      assert.equal(server.store.size, 1);
    }));
});
