/** exchange(): one request, one response, whether the server closed, and the transcript, also on failure. */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exchange, isClientError, maybeRequestMethod, sentBytes } from '../../src/client/index.js';

const BOUNDED = { timeout: 5_000 };

/** What the canned server answers, by the request line's path; and the segment sizes it read. */
const REPLIES: Readonly<Record<string, { readonly reply: string; readonly end: boolean }>> = {
  '/keep': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', end: false },
  '/close': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok', end: true },
  '/head': { reply: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', end: false },
  '/bad': { reply: 'HTTX/1.1 200 OK\r\n\r\n', end: false },
};

let port = 0;
const segmentSizes: number[] = [];
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => {});
  let request = '';
  socket.on('data', (chunk: Buffer) => {
    segmentSizes.push(chunk.length);
    request += chunk.toString('latin1');
    if (!request.includes('\r\n\r\n')) return;
    const canned = REPLIES[request.split(' ')[1] ?? ''] ?? REPLIES['/keep']!;
    socket.write(canned.reply);
    if (canned.end) socket.end();
  });
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  port = address.port;
});

after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function request(method: string, path: string): string {
  return `${method} ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
}

describe('exchange', () => {
  test('a kept-alive response: not closed, and no wait for a close', BOUNDED, async () => {
    const started = performance.now();
    const result = await exchange({ host: '127.0.0.1', port, bytes: request('GET', '/keep'), timeoutMs: 2_000 });
    assert.ok(performance.now() - started < 1_000);
    assert.equal(result.response.response.body.toString(), 'ok');
    assert.equal(result.closed, false);
    assert.equal(sentBytes(result.transcript).toString(), request('GET', '/keep'));
    assert.equal(result.transcript.responses.length, 1);
    assert.equal(result.transcript.closed, undefined);
  });

  test('a response that announces the close: the close is awaited and reported', BOUNDED, async () => {
    const result = await exchange({ host: '127.0.0.1', port, bytes: request('GET', '/close'), timeoutMs: 2_000 });
    assert.equal(result.closed, true);
    assert.equal(result.transcript.closed?.by, 'server');
  });

  test('the method for framing comes from the request line: HEAD has no body', BOUNDED, async () => {
    const result = await exchange({ host: '127.0.0.1', port, bytes: request('HEAD', '/head'), timeoutMs: 500 });
    assert.equal(result.response.method, 'HEAD');
    assert.equal(result.response.response.body.length, 0);
  });

  test('fragments are passed on to the connection', BOUNDED, async () => {
    segmentSizes.length = 0;
    const bytes = request('GET', '/keep');
    const result = await exchange({ host: '127.0.0.1', port, bytes, fragmentSize: 8, delayMs: 10, timeoutMs: 2_000 });
    assert.deepEqual(segmentSizes, [8, 8, 8, bytes.length - 24]);
    assert.equal(result.transcript.sent.length, 4);
  });

  test('a failure rejects with a ClientError that carries the transcript', BOUNDED, async () => {
    const error: unknown = await exchange({ host: '127.0.0.1', port, bytes: request('GET', '/bad'), timeoutMs: 2_000 }).catch((e: unknown) => e);
    assert.ok(isClientError(error));
    assert.equal(error.code, 'MALFORMED_RESPONSE');
    assert.equal(error.received.toString(), REPLIES['/bad']!.reply);
    assert.equal(sentBytes(error.transcript!).toString(), request('GET', '/bad'));
  });
});

describe('maybeRequestMethod', () => {
  test('the first word of the request line, after any empty lines', () => {
    assert.equal(maybeRequestMethod('HEAD / HTTP/1.1\r\n'), 'HEAD');
    assert.equal(maybeRequestMethod(Buffer.from('\r\nPOST / HTTP/1.1\r\n')), 'POST');
    assert.equal(maybeRequestMethod('garbage'), undefined);
    assert.equal(maybeRequestMethod(''), undefined);
  });
});
