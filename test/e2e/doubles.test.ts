/**
 * The doubles and the peer over real sockets, spoken to byte by byte with node:net, so that
 * what is checked is what is on the wire.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serializeRequest, type HeaderField, type Headers } from '../../src/http1/index.js';
import { startNodeHttpPeer } from '../../src/peers/node-http.js';
import type { RunningServer } from '../../src/peers/listen.js';
import { startAssignmentServer } from '../doubles/assignment-server.js';
import { startWrongServer } from '../doubles/wrong-server.js';

interface RawResponse {
  readonly statusLine: string;
  /** Lower-cased names; the doubles send each field once. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/** One client connection: send raw bytes, read responses framed by Content-Length or by close. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private wake = (): void => {};

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => {}); // a reset shows up as 'close'
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response; `bodyless` for a HEAD request, whose Content-Length has no body after it. */
  async read(options: { bodyless?: boolean } = {}): Promise<RawResponse> {
    for (;;) {
      const response = this.maybeTake(options.bodyless ?? false);
      if (response !== undefined) return response;
      if (this.ended) throw new Error(`closed before a whole response: ${JSON.stringify(this.buffer.toString())}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Whether the server closes the connection within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private maybeTake(bodyless: boolean): RawResponse | undefined {
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return undefined;
    const [statusLine = '', ...lines] = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
    const headers = new Map(lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }));
    const bodyStart = headEnd + 4;
    const length = headers.get('content-length');
    let bodyEnd: number;
    if (bodyless) bodyEnd = bodyStart;
    else if (length !== undefined) bodyEnd = bodyStart + Number(length);
    else if (this.ended) bodyEnd = this.buffer.length; // delimited by the close
    else return undefined;
    if (this.buffer.length < bodyEnd) return undefined;
    const body = this.buffer.toString('utf8', bodyStart, bodyEnd);
    this.buffer = this.buffer.subarray(bodyEnd);
    return { statusLine, headers, body };
  }
}

/** The assignment client's request shape (SPEC §1): the message after the head, with no Content-Length. */
function assignmentRequest(method: string, target: string, message = ''): Buffer {
  const headers: HeaderField[] = [['Host', '127.0.0.1'], ['Content-Type', 'text/plain'], ['User-Agent', 'assignment-client'], ['Connection', 'keep-alive']];
  return serializeRequest({ method, target, headers, body: message });
}

/** One request on a fresh connection; the response must end with the connection. */
async function exchangeUntilClose(port: number, request: Buffer): Promise<RawResponse> {
  const connection = await RawConnection.open(port);
  connection.send(request);
  assert.equal(await connection.closesWithin(2_000), true, 'the server closes after one response');
  return connection.read();
}

/** Host, the `extra` fields, and a Content-Length for the message. */
function request(method: string, target: string, message = '', extra: Headers = []): Buffer {
  const headers: HeaderField[] = [['Host', '127.0.0.1'], ['Content-Length', String(Buffer.byteLength(message))], ...extra];
  return serializeRequest({ method, target, headers, body: message });
}

const KOREAN = '안녕하세요';

describe('assignment server double', () => {
  let server: RunningServer;
  before(async () => (server = await startAssignmentServer({})));
  after(() => server.close());

  test('answers GET / once, without Content-Length, with a KST date, then closes', async () => {
    const response = await exchangeUntilClose(server.port, assignmentRequest('GET', '/'));
    assert.equal(response.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(response.body, 'HTTP GET Method (Success)');
    assert.equal(response.headers.get('content-length'), undefined);
    assert.equal(response.headers.get('connection'), 'close');
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.ok(response.headers.has('server'));
    const date = response.headers.get('date') ?? '';
    assert.match(date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} KST$/);
    const utc = Date.parse(date.replace('KST', 'GMT')) - 9 * 3600_000;
    assert.ok(Math.abs(utc - Date.now()) < 60_000, `${date} is UTC+9`);
  });

  test('stores a POST / and shows it on GET /; wrong paths store nothing; DELETE empties', async () => {
    const posted = await exchangeUntilClose(server.port, assignmentRequest('POST', '/', KOREAN));
    assert.equal(posted.statusLine, 'HTTP/1.1 201 Created');
    assert.equal(posted.body, `HTTP POST Method (Success)\n\n${KOREAN}`);

    const wrongPost = await exchangeUntilClose(server.port, assignmentRequest('POST', '/wrong/', 'lost'));
    assert.equal(wrongPost.statusLine, 'HTTP/1.1 404 Not Found');
    assert.equal(wrongPost.body, 'HTTP POST Method (Failed)');

    assert.equal((await exchangeUntilClose(server.port, assignmentRequest('GET', '/'))).body, `HTTP GET Method (Success)\n\n${KOREAN}`);
    assert.equal((await exchangeUntilClose(server.port, assignmentRequest('GET', '/wrong/'))).statusLine, 'HTTP/1.1 404 Not Found');

    const deleted = await exchangeUntilClose(server.port, assignmentRequest('DELETE', '/any/'));
    assert.equal(deleted.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(deleted.body, 'HTTP DELETE Method (Success)');
    assert.equal((await exchangeUntilClose(server.port, assignmentRequest('GET', '/'))).body, 'HTTP GET Method (Success)');
  });

  test('waits for a body announced by Content-Length, even when it comes late', async () => {
    const connection = await RawConnection.open(server.port);
    connection.send('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhe');
    assert.equal(await connection.closesWithin(100), false);
    connection.send('llo');
    assert.equal((await connection.read()).body, 'HTTP POST Method (Success)\n\nhello');
    await exchangeUntilClose(server.port, assignmentRequest('DELETE', '/'));
  });

  test('answers other methods 405 with the method as sent', async () => {
    const response = await exchangeUntilClose(server.port, assignmentRequest('PUT', '/'));
    assert.equal(response.statusLine, 'HTTP/1.1 405 Method Not Allowed');
    assert.equal(response.body, 'HTTP PUT Method (Failed)');
  });
});

describe('wrong server double', () => {
  let server: RunningServer;
  before(async () => (server = await startWrongServer({})));
  after(() => server.close());

  test('answers PUT 200 Success, framed by Content-Length on a kept-alive connection', async () => {
    const connection = await RawConnection.open(server.port);
    connection.send(Buffer.concat([request('PUT', '/'), request('POST', '/', KOREAN), request('GET', '/')]));
    const put = await connection.read();
    assert.equal(put.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(put.body, 'HTTP PUT Method (Success)\n\n');
    assert.equal(put.headers.get('connection'), 'keep-alive');
    assert.equal((await connection.read()).statusLine, 'HTTP/1.1 201 Created');
    assert.equal((await connection.read()).body, `HTTP GET Method (Success)\n\n${KOREAN}`);
    assert.equal(await connection.closesWithin(100), false);

    connection.send(Buffer.concat([request('BREW', '/'), request('DELETE', '/', '', [['Connection', 'close']])]));
    assert.equal((await connection.read()).body, 'HTTP BREW Method (Success)\n\n');
    const deleted = await connection.read();
    assert.equal(deleted.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(deleted.headers.get('connection'), 'close');
    assert.equal(await connection.closesWithin(2_000), true);
  });
});

describe('node:http peer', () => {
  let server: RunningServer;
  before(async () => (server = await startNodeHttpPeer({})));
  after(() => server.close());

  test('serves SPEC §1 and §2.2 on one kept-alive connection', async () => {
    const connection = await RawConnection.open(server.port);
    const exchange = async (bytes: Buffer, bodyless = false): Promise<RawResponse> => {
      connection.send(bytes);
      return connection.read({ bodyless });
    };

    const posted = await exchange(request('POST', '/', KOREAN));
    assert.equal(posted.statusLine, 'HTTP/1.1 201 Created');
    assert.equal(posted.body, `HTTP POST Method (Success)\n\n${KOREAN}`);
    assert.equal(posted.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(posted.headers.get('server'), 'node-http-peer');

    const got = await exchange(request('GET', '/?ignored=1'));
    assert.equal(got.body, `HTTP GET Method (Success)\n\n${KOREAN}`);
    const head = await exchange(request('HEAD', '/'), true);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(got.body)));

    const put = await exchange(request('PUT', '/'));
    assert.equal(put.statusLine, 'HTTP/1.1 405 Method Not Allowed');
    assert.equal(put.headers.get('allow'), 'GET, HEAD, POST, DELETE');
    assert.equal(put.body, 'HTTP PUT Method (Failed)\n\n');

    const empty = await exchange(request('POST', '/'));
    assert.equal(empty.statusLine, 'HTTP/1.1 400 Bad Request');
    assert.equal(empty.body, 'HTTP POST Method (Failed)\n\n');
    assert.equal((await exchange(request('POST', '/wrong/', 'lost'))).statusLine, 'HTTP/1.1 404 Not Found');
    assert.equal((await exchange(request('DELETE', '/wrong/'))).body, 'HTTP DELETE Method (Success)\n\n');
    assert.equal((await exchange(request('GET', '/'))).body, 'HTTP GET Method (Success)\n\n');
    assert.equal(await connection.closesWithin(100), false);
    connection.destroy();
  });
});
