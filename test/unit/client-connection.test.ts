/**
 * Connection against tiny canned servers on 127.0.0.1: framing of every kind of response, 1xx,
 * pipelining, fragments that really leave as separate segments, close detection, and each error.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, isClientError, receivedBytes, sentBytes, type ClientError, type ClientErrorCode } from '../../src/client/index.js';

const BOUNDED = { timeout: 5_000 };

interface CannedServer {
  readonly port: number;
  close(): Promise<void>;
}

const servers: CannedServer[] = [];
const connections: Connection[] = [];

afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server on an ephemeral port that hands each connection to `onConnection`. */
async function startCannedServer(onConnection: (socket: Socket) => void): Promise<CannedServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  const canned: CannedServer = {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(canned);
  return canned;
}

interface ReplyOptions {
  /** Write each piece after this pause, so that pieces leave as separate segments. */
  readonly pieceDelayMs?: number;
  /** Close the connection after the last piece. */
  readonly end?: boolean;
}

/** Answers the first bytes a client sends with `pieces`, in order. */
function replyOnFirstData(pieces: readonly (Buffer | string)[], { pieceDelayMs = 0, end = false }: ReplyOptions = {}) {
  return (socket: Socket): void => {
    socket.once('data', async () => {
      for (const piece of pieces) {
        if (pieceDelayMs > 0) await sleep(pieceDelayMs);
        if (!socket.destroyed) socket.write(piece);
      }
      if (end) socket.end();
    });
  };
}

async function openTo(server: CannedServer): Promise<Connection> {
  const connection = await Connection.open({ host: '127.0.0.1', port: server.port, connectTimeoutMs: 1_000 });
  connections.push(connection);
  return connection;
}

/** Sends a `method` request to a server that answers with `reply` (whole or in pieces), and reads one response. */
async function readReply(reply: string | readonly string[], method = 'GET', options: ReplyOptions = {}) {
  const server = await startCannedServer(replyOnFirstData(typeof reply === 'string' ? [reply] : reply, options));
  const connection = await openTo(server);
  await connection.send(`${method} / HTTP/1.1\r\nHost: x\r\n\r\n`);
  return { connection, received: await connection.readResponse({ method, timeoutMs: 1_000 }) };
}

async function rejection(promise: Promise<unknown>, code: ClientErrorCode): Promise<ClientError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (reason: unknown) => reason,
  );
  assert.ok(isClientError(error), `not a ClientError: ${String(error)}`);
  assert.equal(error.code, code);
  return error;
}

function header(name: string, value: string): readonly [string, string] {
  return [name, value];
}

describe('framing', () => {
  test('Content-Length', BOUNDED, async () => {
    const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    const { received } = await readReply(reply);
    assert.equal(received.response.status, 200);
    assert.equal(received.response.reason, 'OK');
    assert.deepEqual(received.response.headers, [header('Content-Length', '5')]);
    assert.equal(received.response.body.toString(), 'hello');
    assert.equal(received.raw.toString('latin1'), reply);
    assert.deepEqual([received.startOffset, received.endOffset], [0, reply.length]);
    assert.deepEqual(received.interim, []);
  });

  test('chunked, with chunk extensions and trailers: body decoded, raw bytes exact', BOUNDED, async () => {
    const reply =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + '5;name=value\r\nhello\r\n' + '6\r\n world\r\n' + '0\r\nX-Trailer: yes\r\n\r\n';
    const { received } = await readReply(reply);
    assert.equal(received.response.body.toString(), 'hello world');
    assert.equal(received.raw.toString('latin1'), reply);
  });

  test('delimited by the close: the body runs to the close, which completes it', BOUNDED, async () => {
    const reply = 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this';
    const { connection, received } = await readReply(reply, 'GET', { end: true });
    assert.equal(received.response.body.toString(), 'all of this');
    assert.equal(received.raw.toString('latin1'), reply);
    const close = await connection.waitForClose(1_000);
    assert.ok(close.closed);
    assert.equal(close.by, 'server');
    assert.equal(close.reset, false);
    assert.equal(close.afterResponseMs, 0);
    assert.equal(received.timings.completeAtMs, close.atMs);
  });

  test('HEAD: Content-Length but no body, and no bytes follow', BOUNDED, async () => {
    const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n';
    const { connection, received } = await readReply(reply, 'HEAD');
    assert.equal(received.response.body.length, 0);
    assert.equal(received.raw.toString('latin1'), reply);
    assert.equal((await connection.bytesAfter(50)).length, 0);
  });

  test('HEAD answered with a body: bytesAfter shows the bytes that came unasked', BOUNDED, async () => {
    const { connection } = await readReply('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody', 'HEAD');
    assert.equal((await connection.bytesAfter(50)).toString(), 'body');
  });

  test('1xx responses come before the final one, in order, and in its raw bytes', BOUNDED, async () => {
    const interim = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n';
    const final = 'HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok';
    const { received } = await readReply(interim + final, 'POST');
    assert.deepEqual(
      received.interim.map((r) => r.status),
      [100, 102],
    );
    assert.equal(received.response.status, 201);
    assert.equal(received.response.body.toString(), 'ok');
    assert.equal(received.raw.toString('latin1'), interim + final);
  });

  test('204 has no body even when followed by more bytes: they are the next response', BOUNDED, async () => {
    const first = 'HTTP/1.1 204 No Content\r\n\r\n';
    const second = 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx';
    const { connection, received } = await readReply(first + second);
    assert.equal(received.response.status, 204);
    assert.equal(received.raw.toString('latin1'), first);
    const next = await connection.readResponse({ timeoutMs: 1_000 });
    assert.equal(next.raw.toString('latin1'), second);
  });

  test('pipelined: N requests in one write, N responses read in order, HEAD among them', BOUNDED, async () => {
    const replies = [
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none',
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n',
      'HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nthree\r\n0\r\n\r\n',
    ];
    const server = await startCannedServer(replyOnFirstData([replies.join('')]));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n');
    const read = [];
    for (const method of ['GET', 'HEAD', 'GET']) read.push(await connection.readResponse({ method, timeoutMs: 1_000 }));
    assert.deepEqual(
      read.map((r) => r.raw.toString('latin1')),
      replies,
    );
    assert.deepEqual(
      read.map((r) => r.response.body.toString()),
      ['one', '', 'three'],
    );
    assert.equal(read[1]!.startOffset, read[0]!.endOffset);
    assert.equal(read[2]!.startOffset, read[1]!.endOffset);
    assert.equal(connection.transcript.responses.length, 3);
  });

  test('a response split over many segments', BOUNDED, async () => {
    const reply = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    const pieces = reply.match(/[^]{1,4}/g) ?? [];
    const { connection, received } = await readReply(pieces, 'GET', { pieceDelayMs: 2 });
    assert.equal(received.response.body.toString(), 'abc');
    assert.equal(received.raw.toString('latin1'), reply);
    assert.ok(connection.transcript.received.length > 1, 'the response arrived in one segment: the test proves nothing');
    assert.equal(receivedBytes(connection.transcript).toString('latin1'), reply);
  });

  test('a bare LF as line end is accepted', BOUNDED, async () => {
    const { received } = await readReply('HTTP/1.1 200 OK\nContent-Length: 2\n\nok');
    assert.equal(received.response.body.toString(), 'ok');
  });
});

describe('errors', () => {
  test('a response the parser rejects is MALFORMED_RESPONSE, with the raw bytes and the transcript', BOUNDED, async () => {
    const reply = 'HTTP/1.1 2OO OK\r\n\r\n';
    const server = await startCannedServer(replyOnFirstData([reply]));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\n\r\n');
    const error = await rejection(connection.readResponse({ timeoutMs: 1_000 }), 'MALFORMED_RESPONSE');
    assert.equal(error.received.toString('latin1'), reply);
    assert.match(error.message, /^malformed response: .*INVALID_STATUS_LINE/);
    assert.deepEqual(
      error.transcript?.errors.map((e) => e.code),
      ['MALFORMED_RESPONSE'],
    );
  });

  test('a response cut short by the close is MALFORMED_RESPONSE', BOUNDED, async () => {
    const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc';
    const server = await startCannedServer(replyOnFirstData([reply], { end: true }));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\n\r\n');
    const error = await rejection(connection.readResponse({ timeoutMs: 1_000 }), 'MALFORMED_RESPONSE');
    assert.equal(error.received.toString('latin1'), reply);
    assert.match(error.message, /INCOMPLETE_MESSAGE/);
  });

  test('no complete response in time is READ_TIMEOUT, with what did arrive', BOUNDED, async () => {
    const partial = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc';
    const server = await startCannedServer(replyOnFirstData([partial]));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\n\r\n');
    const started = performance.now();
    const error = await rejection(connection.readResponse({ timeoutMs: 150 }), 'READ_TIMEOUT');
    assert.ok(performance.now() - started >= 140);
    assert.equal(error.received.toString('latin1'), partial);
  });

  test('a close before any response is CLOSED_BEFORE_RESPONSE', BOUNDED, async () => {
    const server = await startCannedServer((socket) => socket.once('data', () => socket.end()));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\n\r\n');
    await rejection(connection.readResponse({ timeoutMs: 1_000 }), 'CLOSED_BEFORE_RESPONSE');
  });

  test('nothing listening is CONNECT_REFUSED, in one line', BOUNDED, async () => {
    const server = await startCannedServer(() => {});
    const port = server.port;
    await server.close();
    const error = await rejection(Connection.open({ host: '127.0.0.1', port }), 'CONNECT_REFUSED');
    assert.equal(error.message, `cannot connect to 127.0.0.1:${port}: connection refused`);
    assert.deepEqual(
      error.transcript?.errors.map((e) => e.code),
      ['CONNECT_REFUSED'],
    );
  });

  test('sending on a connection the client closed is SEND_FAILED', BOUNDED, async () => {
    const server = await startCannedServer(() => {});
    const connection = await openTo(server);
    await connection.close();
    await rejection(connection.send('GET / HTTP/1.1\r\n\r\n'), 'SEND_FAILED');
  });
});

describe('sending', () => {
  /** A server that records the size of every segment it reads. */
  async function segmentRecorder() {
    const sizes: number[] = [];
    const server = await startCannedServer((socket) => socket.on('data', (chunk: Buffer) => sizes.push(chunk.length)));
    return { server, sizes };
  }

  test('fragments leave as separate segments, with their boundaries in the transcript', BOUNDED, async () => {
    const { server, sizes } = await segmentRecorder();
    const connection = await openTo(server);
    const request = 'GET / HTTP/1.1\r\n\r\n'; // 18 bytes
    await connection.send(request, { fragmentSize: 5, delayMs: 20 });
    await sleep(50);
    assert.deepEqual(sizes, [5, 5, 5, 3]);
    const sent = connection.transcript.sent;
    assert.deepEqual(
      sent.map((f) => [f.sendIndex, f.bytes.length]),
      [
        [0, 5],
        [0, 5],
        [0, 5],
        [0, 3],
      ],
    );
    assert.ok(sent[3]!.atMs - sent[0]!.atMs >= 55, 'fragments were not delayed');
    assert.equal(sentBytes(connection.transcript).toString(), request);
  });

  test('sendInParts: the first part, a pause, then the rest', BOUNDED, async () => {
    const { server, sizes } = await segmentRecorder();
    const connection = await openTo(server);
    await connection.sendInParts([
      { bytes: 'GET / HTTP', delayAfterMs: 100 },
      { bytes: '/1.1\r\n\r\n', delayAfterMs: 0 },
    ]);
    await sleep(50);
    assert.deepEqual(sizes, [10, 8]);
    const [first, second] = connection.transcript.sent;
    assert.ok(second!.atMs - first!.atMs >= 95);
    await connection.send('x');
    assert.equal(connection.transcript.sent.at(-1)!.sendIndex, 1);
  });

  test('bytes are sent exactly, whatever they are', BOUNDED, async () => {
    const chunks: Buffer[] = [];
    const server = await startCannedServer((socket) => socket.on('data', (chunk: Buffer) => chunks.push(chunk)));
    const connection = await openTo(server);
    const bytes = Buffer.from([0x00, 0xff, 0x0d, 0x47, 0x0a]);
    await connection.send(bytes);
    await sleep(50);
    assert.deepEqual(Buffer.concat(chunks), bytes);
  });
});

describe('close detection', () => {
  test('a server that closes after its response: when, relative to the response end', BOUNDED, async () => {
    const { connection } = await readReply('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'GET', {
      end: true,
    });
    const close = await connection.waitForClose(1_000);
    assert.ok(close.closed);
    assert.equal(close.by, 'server');
    assert.ok(close.afterResponseMs !== undefined && close.afterResponseMs >= 0);
    assert.equal(connection.transcript.closed?.by, 'server');
  });

  test('a server that keeps the connection open', BOUNDED, async () => {
    const { connection } = await readReply('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    assert.deepEqual(await connection.waitForClose(50), { closed: false });
    assert.equal(connection.isClosed, false);
  });

  test('a reset is a close by the server, marked as a reset', BOUNDED, async () => {
    const server = await startCannedServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const connection = await openTo(server);
    await connection.send('GET / HTTP/1.1\r\n\r\n');
    const close = await connection.waitForClose(1_000);
    assert.ok(close.closed);
    assert.equal(close.reset, true);
    assert.equal(close.afterResponseMs, undefined);
  });

  test('close() from the client is recorded as such', BOUNDED, async () => {
    const server = await startCannedServer(() => {});
    const connection = await openTo(server);
    await connection.close();
    assert.equal(connection.transcript.closed?.by, 'client');
    assert.equal(connection.isClosed, true);
  });
});
