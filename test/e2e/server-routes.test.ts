/**
 * Every documented case of SPEC §1, and the target and method rules of §2.2, sent to the
 * reference server over a real socket in the assignment client's own request shape.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeChunked } from '../../src/http1/index.js';
import { header, request, text, WireClient, withServer, type WireResponse } from './socket-helpers.js';

const TEST_MS = 10_000;
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const KOREAN = '안녕하세요, 소켓 프로그래밍 과제입니다';

/** The request the assignment's client sends (SPEC §1), with Content-Length when there is a message. */
function assignmentRequest(method: string, target: string, message?: string): Buffer {
  return request(method, target, {
    headers: [['Content-Type', 'text/plain'], ['User-Agent', 'assignment-client'], ['Connection', 'keep-alive']],
    ...(message === undefined ? {} : { body: message }),
  });
}

/** Opens a connection, sends one request, reads its response, and leaves the connection to the caller. */
async function exchange(port: number, bytes: Buffer, method: string): Promise<{ client: WireClient; response: WireResponse }> {
  const client = await WireClient.open(port);
  await client.send(bytes);
  const [response] = await client.read(method);
  return { client, response: response! };
}

/** SPEC §1: Server, Date, Content-Type text/plain and Connection on every response; §2.1: Content-Length. */
function assertCommonHeaders(response: WireResponse, bodyLength = response.body.length): void {
  assert.match(header(response, 'server') ?? '', /\S/, 'Server');
  assert.match(header(response, 'date') ?? '', IMF_FIXDATE, 'Date');
  assert.match(header(response, 'content-type') ?? '', /^text\/plain(;\s*charset=utf-8)?$/i, 'Content-Type');
  assert.match(header(response, 'connection') ?? '', /^(keep-alive|close)$/, 'Connection');
  assert.equal(header(response, 'content-length'), String(bodyLength), 'Content-Length');
}

describe('SPEC §1 over a socket', { timeout: TEST_MS }, () => {
  test('1. GET / on an empty store: 200 with the success line', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, assignmentRequest('GET', '/'), 'GET');
      assert.equal(response.status, 200);
      assert.equal(response.reason, 'OK');
      assert.equal(text(response), 'HTTP GET Method (Success)\n\n');
      assertCommonHeaders(response);
      assert.equal(header(response, 'connection'), 'keep-alive');
      client.destroy();
    }));

  test('2. GET /wrong/: 404 with the failure line', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, assignmentRequest('GET', '/wrong/'), 'GET');
      assert.equal(response.status, 404);
      assert.equal(response.reason, 'Not Found');
      assert.equal(text(response), 'HTTP GET Method (Failed)\n\n');
      assertCommonHeaders(response);
      client.destroy();
    }));

  test('3. POST / with Korean text: 201 echoing it, stored and listed byte for byte', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, assignmentRequest('POST', '/', KOREAN), 'POST');
      assert.equal(response.status, 201);
      assert.equal(response.reason, 'Created');
      assert.deepEqual(response.body, Buffer.from(`HTTP POST Method (Success)\n\n${KOREAN}`, 'utf8'));
      assertCommonHeaders(response);
      assert.deepEqual(server.store.all(), [Buffer.from(KOREAN, 'utf8')]);

      await client.send(assignmentRequest('GET', '/'));
      const [listing] = await client.read('GET');
      assert.deepEqual(listing!.body, Buffer.from(`HTTP GET Method (Success)\n\n${KOREAN}`, 'utf8'));
      client.destroy();
    }));

  test('3. several POSTs are listed joined by \\n, in order, on other connections too', () =>
    withServer({}, async (server) => {
      for (const message of ['first', KOREAN, 'third line']) {
        const { client, response } = await exchange(server.port, assignmentRequest('POST', '/', message), 'POST');
        assert.equal(response.status, 201);
        client.destroy();
      }
      const { client, response } = await exchange(server.port, assignmentRequest('GET', '/'), 'GET');
      assert.equal(text(response), `HTTP GET Method (Success)\n\nfirst\n${KOREAN}\nthird line`);
      client.destroy();
    }));

  test('3. binary bytes that are not UTF-8 come back unchanged', () =>
    withServer({}, async (server) => {
      const binary = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0xc3, 0x28, 0x80]);
      const client = await WireClient.open(server.port);
      await client.send(request('POST', '/', { body: binary }));
      await client.send(request('GET', '/'));
      const [posted, listed] = await client.read('POST', 'GET');
      assert.equal(posted!.status, 201);
      assert.deepEqual(listed!.body, Buffer.concat([Buffer.from('HTTP GET Method (Success)\n\n'), binary]));
      client.destroy();
    }));

  test('4. POST /wrong/: 404 with the failure line, nothing stored', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, assignmentRequest('POST', '/wrong/', 'lost'), 'POST');
      assert.equal(response.status, 404);
      assert.equal(text(response), 'HTTP POST Method (Failed)\n\n');
      assertCommonHeaders(response);
      assert.equal(server.store.size, 0);
      await client.send(assignmentRequest('GET', '/'));
      assert.equal(text((await client.read('GET'))[0]!), 'HTTP GET Method (Success)\n\n');
      client.destroy();
    }));

  for (const target of ['/', '/wrong/']) {
    test(`5. DELETE ${target}: 200, the store is emptied`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        await client.send(Buffer.concat([assignmentRequest('POST', '/', 'one'), assignmentRequest('POST', '/', 'two')]));
        await client.read('POST', 'POST');
        assert.equal(server.store.size, 2);
        await client.send(assignmentRequest('DELETE', target));
        const [response] = await client.read('DELETE');
        assert.equal(response!.status, 200);
        assert.equal(text(response!), 'HTTP DELETE Method (Success)\n\n');
        assertCommonHeaders(response!);
        assert.equal(server.store.size, 0);
        await client.send(assignmentRequest('GET', '/'));
        assert.equal(text((await client.read('GET'))[0]!), 'HTTP GET Method (Success)\n\n');
        client.destroy();
      }));
  }

  test('6. PUT /: 405 with the method name as sent and Allow', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, assignmentRequest('PUT', '/', 'replace'), 'PUT');
      assert.equal(response.status, 405);
      assert.equal(response.reason, 'Method Not Allowed');
      assert.equal(text(response), 'HTTP PUT Method (Failed)\n\n');
      assert.equal(header(response, 'allow'), 'GET, HEAD, POST, DELETE');
      assertCommonHeaders(response);
      assert.equal(server.store.size, 0);
      client.destroy();
    }));

  test('7. a Postman-style GET /, then a second request on the same kept-alive connection', () =>
    withServer({}, async (server) => {
      server.store.append(Buffer.from('from before'));
      const postman = Buffer.from(
        'GET / HTTP/1.1\r\n' +
          'User-Agent: PostmanRuntime/7.29.0\r\n' +
          'Accept: */*\r\n' +
          'Cache-Control: no-cache\r\n' +
          'Postman-Token: 3c1f2d9e-5b7a-4c8e-9f01-2a3b4c5d6e7f\r\n' +
          `Host: 127.0.0.1:${server.port}\r\n` +
          'Accept-Encoding: gzip, deflate, br\r\n' +
          'Connection: keep-alive\r\n' +
          '\r\n',
        'latin1',
      );
      const { client, response } = await exchange(server.port, postman, 'GET');
      assert.equal(response.status, 200);
      assert.equal(text(response), 'HTTP GET Method (Success)\n\nfrom before');
      assertCommonHeaders(response);
      assert.equal(header(response, 'connection'), 'keep-alive');
      assert.equal(client.isClosed, false);

      await client.send(postman);
      const [second] = await client.read('GET');
      assert.equal(second!.status, 200);
      assert.equal(text(second!), 'HTTP GET Method (Success)\n\nfrom before');
      client.destroy();
    }));
});

describe('SPEC §2.2 over a socket', { timeout: TEST_MS }, () => {
  test('HEAD / has GET\'s status and Content-Length and no body; the next response follows at once', () =>
    withServer({}, async (server) => {
      server.store.append(Buffer.from(KOREAN));
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('GET', '/'), request('HEAD', '/'), request('HEAD', '/wrong/'), request('GET', '/wrong/')]));
      const [get, head, headWrong, getWrong] = await client.read('GET', 'HEAD', 'HEAD', 'GET');
      assert.equal(head!.status, 200);
      assert.equal(head!.body.length, 0);
      assertCommonHeaders(head!, get!.body.length);
      assert.equal(headWrong!.status, 404);
      assertCommonHeaders(headWrong!, getWrong!.body.length);
      assert.equal(getWrong!.status, 404, 'the response after a HEAD is framed right: no stray body bytes');
      client.destroy();
    }));

  for (const target of ['/?q=1', '/?a=b&c=/wrong/', 'http://127.0.0.1/', 'http://127.0.0.1:8080', 'http://example.com/?x']) {
    test(`POST then GET on ${target} address the root`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        await client.send(Buffer.concat([request('POST', target, { body: 'rooted' }), request('GET', target)]));
        const [posted, listed] = await client.read('POST', 'GET');
        assert.equal(posted!.status, 201);
        assert.equal(listed!.status, 200);
        assert.equal(text(listed!), 'HTTP GET Method (Success)\n\nrooted');
        client.destroy();
      }));
  }

  test('OPTIONS *: 200 with Allow and Content-Length: 0, and the connection stays open', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('OPTIONS', '*'), request('GET', '/')]));
      const [options, listed] = await client.read('OPTIONS', 'GET');
      assert.equal(options!.status, 200);
      assert.equal(header(options!, 'allow'), 'GET, HEAD, POST, DELETE');
      assertCommonHeaders(options!, 0);
      assert.equal(listed!.status, 200);
      client.destroy();
    }));

  test('CONNECT host:port: 405 with Allow', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, request('CONNECT', '127.0.0.1:443'), 'CONNECT');
      assert.equal(response.status, 405);
      assert.equal(header(response, 'allow'), 'GET, HEAD, POST, DELETE');
      assert.equal(text(response), 'HTTP CONNECT Method (Failed)\n\n');
      client.destroy();
    }));

  test('a 304 ends with its head on the wire: the next response on the connection follows at once', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('GET', '/', { headers: [['If-None-Match', '*']] }), request('GET', '/', { headers: [['Range', 'bytes=0-3']] })]));
      const [notModified, partial] = await client.read('GET', 'GET');
      assert.equal(notModified!.status, 304);
      assert.equal(header(notModified!, 'content-length'), '27');
      assert.match(header(notModified!, 'etag') ?? '', /^"[^"]+"$/);
      assert.equal(partial!.status, 206);
      assert.equal(text(partial!), 'HTTP');
      assert.equal(header(partial!, 'content-range'), 'bytes 0-3/27');
      client.destroy();
    }));

  test('--echo-path: a POST there is answered with its field lines and body, as received', () =>
    withServer({ echoPath: '/echo' }, async (server) => {
      const { client, response } = await exchange(server.port, request('POST', '/echo', { headers: [['X-Test', 'a b']], body: 'hello' }), 'POST');
      assert.equal(response.status, 200);
      assert.equal(text(response), 'Host: 127.0.0.1\r\nX-Test: a b\r\nContent-Length: 5\r\n\r\nhello');
      assertCommonHeaders(response);
      client.destroy();
    }));

  for (const [method, target] of [['GET', '*'], ['GET', '127.0.0.1:8080']]) {
    test(`${method} ${target}: 400`, () =>
      withServer({}, async (server) => {
        const { client, response } = await exchange(server.port, request(method!, target!), method!);
        assert.equal(response.status, 400);
        assert.equal(text(response), `HTTP ${method} Method (Failed)\n\n`);
        assertCommonHeaders(response);
        client.destroy();
      }));
  }

  test('lowercase get /: 405 with Allow', () =>
    withServer({}, async (server) => {
      const { client, response } = await exchange(server.port, request('get', '/'), 'get');
      assert.equal(response.status, 405);
      assert.equal(header(response, 'allow'), 'GET, HEAD, POST, DELETE');
      assert.equal(text(response), 'HTTP get Method (Failed)\n\n');
      client.destroy();
    }));

  for (const [what, bytes] of [
    ['Content-Length: 0', request('POST', '/', { body: '' })],
    ['no Content-Length', request('POST', '/')],
    ['an empty chunked body', request('POST', '/', { headers: [['Transfer-Encoding', 'chunked']] })],
  ] as const) {
    test(`POST / with an empty body (${what}): 400, nothing stored`, () =>
      withServer({}, async (server) => {
        const chunkedEnd = what.includes('chunked') ? '0\r\n\r\n' : '';
        const { client, response } = await exchange(server.port, Buffer.concat([bytes, Buffer.from(chunkedEnd)]), 'POST');
        assert.equal(response.status, 400);
        assert.equal(text(response), 'HTTP POST Method (Failed)\n\n');
        assert.equal(server.store.size, 0);
        client.destroy();
      }));
  }

  test('a chunked POST with a trailer is stored as its decoded bytes', () =>
    withServer({}, async (server) => {
      const korean = Buffer.from(KOREAN, 'utf8');
      const first = korean.subarray(0, 7); // splits a Hangul syllable across chunks
      const rest = korean.subarray(7);
      const body = encodeChunked([{ data: first }, { data: rest, extension: ';ext=1' }], { trailers: [['X-Trailer', 'ignored']] });
      const { client, response } = await exchange(server.port, Buffer.concat([request('POST', '/', { headers: [['Transfer-Encoding', 'chunked']] }), body]), 'POST');
      assert.equal(response.status, 201);
      assert.deepEqual(server.store.all(), [korean]);
      client.destroy();
    }));
});
