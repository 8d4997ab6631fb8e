/**
 * Connection management over real sockets (SPEC §2.1, §2.3): keep-alive, pipelining, requests
 * split across segments, Connection: close, HTTP/1.0, Expect: 100-continue, backpressure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { header, request, sleep, text, WireClient, withServer } from './socket-helpers.js';

const TEST_MS = 15_000;
const KOREAN = '안녕하세요';

describe('keep-alive and pipelining', { timeout: TEST_MS }, () => {
  test('four requests one after another on one connection, each kept alive', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      const steps: Array<[string, string, string | undefined, number, string]> = [
        ['POST', '/', KOREAN, 201, `HTTP POST Method (Success)\n\n${KOREAN}`],
        ['GET', '/', undefined, 200, `HTTP GET Method (Success)\n\n${KOREAN}`],
        ['DELETE', '/', undefined, 200, 'HTTP DELETE Method (Success)\n\n'],
        ['GET', '/', undefined, 200, 'HTTP GET Method (Success)\n\n'],
      ];
      for (const [method, target, body, status, expected] of steps) {
        await client.send(request(method, target, body === undefined ? {} : { body }));
        const [response] = await client.read(method);
        assert.equal(response!.status, status, `${method} ${target}`);
        assert.equal(text(response!), expected);
        assert.equal(header(response!, 'connection'), 'keep-alive');
      }
      assert.equal(await client.closesWithin(200), false, 'the connection is still open');
      client.destroy();
    }));

  const PIPELINE: Array<[method: string, target: string, body: string | undefined, status: number, responseBody: string]> = [
    ['POST', '/', 'one', 201, 'HTTP POST Method (Success)\n\none'],
    ['POST', '/', KOREAN, 201, `HTTP POST Method (Success)\n\n${KOREAN}`],
    ['GET', '/', undefined, 200, `HTTP GET Method (Success)\n\none\n${KOREAN}`],
    ['HEAD', '/', undefined, 200, ''],
    ['GET', '/wrong/', undefined, 404, 'HTTP GET Method (Failed)\n\n'],
    ['PUT', '/', 'x', 405, 'HTTP PUT Method (Failed)\n\n'],
    ['POST', '/wrong/', 'lost', 404, 'HTTP POST Method (Failed)\n\n'],
    ['DELETE', '/', undefined, 200, 'HTTP DELETE Method (Success)\n\n'],
    ['GET', '/', undefined, 200, 'HTTP GET Method (Success)\n\n'],
  ];
  const pipelineBytes = Buffer.concat(PIPELINE.map(([method, target, body]) => request(method, target, body === undefined ? {} : { body })));

  async function assertPipelineAnswered(client: WireClient): Promise<void> {
    const responses = await client.read(...PIPELINE.map(([method]) => method));
    assert.deepEqual(
      responses.map((r) => [r.status, text(r)]),
      PIPELINE.map(([, , , status, body]) => [status, body]),
    );
  }

  test('nine requests in one write are answered in order', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(pipelineBytes);
      await assertPipelineAnswered(client);
      assert.equal(server.store.size, 0);
      client.destroy();
    }));

  test('the pipeline split in two at every byte boundary', () =>
    withServer({}, async (server) => {
      for (let at = 1; at < pipelineBytes.length; at++) {
        const client = await WireClient.open(server.port);
        await client.send(pipelineBytes.subarray(0, at));
        await sleep(1);
        await client.send(pipelineBytes.subarray(at));
        await assertPipelineAnswered(client).catch((error: Error) => {
          throw new Error(`split at byte ${at}: ${error.message}`);
        });
        client.destroy();
      }
    }));

  for (const size of [1, 3, 7, 13, 64]) {
    test(`the pipeline sent in ${size}-byte segments`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        for (let at = 0; at < pipelineBytes.length; at += size) {
          await client.send(pipelineBytes.subarray(at, at + size));
          await new Promise((resolve) => setImmediate(resolve));
        }
        await assertPipelineAnswered(client);
        client.destroy();
      }));
  }

  test('a flood of pipelined GETs of a large store is answered in order, a bounded amount at a time', () =>
    withServer({}, async (server) => {
      const message = Buffer.alloc(1024 * 1024, 0x61);
      server.store.append(message);
      const count = 100;
      const client = await WireClient.open(server.port);
      client.pause(); // a client that does not read its responses yet
      const before = process.memoryUsage().arrayBuffers;
      await client.send(Buffer.concat(Array.from({ length: count }, () => request('GET', '/'))));
      await sleep(300);
      const grown = process.memoryUsage().arrayBuffers - before;
      // Answering all 100 at once would hold 100 MiB of responses for this one client.
      assert.ok(grown < 32 * 1024 * 1024, `the server buffered ${Math.round(grown / 1024 / 1024)} MiB of responses`);
      client.resume();
      const responses = await client.read(...Array.from({ length: count }, () => 'GET'));
      assert.equal(responses.length, count);
      for (const response of responses) {
        assert.equal(response.status, 200);
        assert.equal(response.body.length, 'HTTP GET Method (Success)\n\n'.length + message.length);
      }
      await client.send(request('POST', '/', { body: 'still served' }));
      assert.equal((await client.read('POST'))[0]!.status, 201);
      client.destroy();
    }));
});

describe('Connection: close and HTTP/1.0', { timeout: TEST_MS }, () => {
  for (const value of ['close', 'Close', 'keep-alive, close']) {
    test(`Connection: ${value} is honoured: the response says close, the socket closes after it`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        await client.send(request('POST', '/', { body: 'last words', headers: [['Connection', value]] }));
        const [response] = await client.read('POST');
        assert.equal(response!.status, 201);
        assert.equal(text(response!), 'HTTP POST Method (Success)\n\nlast words');
        assert.equal(header(response!, 'connection'), 'close');
        assert.equal(await client.closedCleanly(), true, 'closed, nothing after the response');
        assert.equal(client.error, undefined, 'closed, not reset');
      }));
  }

  test('a 12 MiB response with Connection: close to a client slow to read arrives whole before the close', () =>
    withServer({}, async (server) => {
      const message = Buffer.alloc(12 * 1024 * 1024, 0x6d);
      server.store.append(message);
      const client = await WireClient.open(server.port);
      client.pause(); // the kernel's buffers fill; the rest waits in the server
      await client.send(request('GET', '/', { headers: [['Connection', 'close']] }));
      await sleep(300);
      client.resume();
      const [response] = await client.read('GET');
      assert.equal(response!.status, 200);
      assert.equal(header(response!, 'connection'), 'close');
      assert.equal(response!.body.length, 'HTTP GET Method (Success)\n\n'.length + message.length);
      assert.equal(await client.closedCleanly(), true);
      assert.equal(client.error, undefined);
    }));

  test('a request pipelined after Connection: close is neither answered nor acted on', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(Buffer.concat([request('GET', '/', { headers: [['Connection', 'close']] }), request('POST', '/', { body: 'too late' })]));
      const [response] = await client.read('GET');
      assert.equal(response!.status, 200);
      assert.equal(await client.closedCleanly(), true);
      assert.equal(server.store.size, 0);
    }));

  test('HTTP/1.0 without keep-alive: Connection: close, then the socket closes', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send('GET / HTTP/1.0\r\n\r\n');
      const [response] = await client.read('GET');
      assert.equal(response!.status, 200);
      assert.equal(header(response!, 'connection'), 'close');
      assert.equal(await client.closedCleanly(), true);
    }));

  test('HTTP/1.0 with Connection: keep-alive: the connection persists for more requests', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      for (const message of ['a', 'b', 'c']) {
        await client.send(request('POST', '/', { version: 'HTTP/1.0', body: message, headers: [['Connection', 'keep-alive']] }));
        const [response] = await client.read('POST');
        assert.equal(response!.status, 201);
        assert.equal(header(response!, 'connection'), 'keep-alive');
      }
      assert.equal(await client.closesWithin(200), false);
      await client.send('GET / HTTP/1.0\r\n\r\n');
      const [last] = await client.read('GET');
      assert.equal(text(last!), 'HTTP GET Method (Success)\n\na\nb\nc');
      assert.equal(header(last!, 'connection'), 'close');
      assert.equal(await client.closedCleanly(), true);
    }));

  test('HTTP/1.2 is served as 1.1: kept alive', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send(request('GET', '/', { version: 'HTTP/1.2' }));
      const [response] = await client.read('GET');
      assert.equal(response!.status, 200);
      assert.equal(header(response!, 'connection'), 'keep-alive');
      client.destroy();
    }));
});

describe('Expect: 100-continue', { timeout: TEST_MS }, () => {
  test('100 Continue comes before the body is sent, then 201 once it is', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      const body = Buffer.from(KOREAN);
      await client.send(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
      client.expect('POST');
      const interim = await client.next();
      assert.equal(interim.status, 100);
      assert.equal(interim.reason, 'Continue');
      assert.equal(server.store.size, 0);
      await client.send(body);
      const final = await client.next();
      assert.equal(final.status, 201);
      assert.equal(text(final), `HTTP POST Method (Success)\n\n${KOREAN}`);
      assert.equal(header(final, 'connection'), 'keep-alive');
      assert.deepEqual(server.store.all(), [body]);
      client.destroy();
    }));

  test('100 Continue before a chunked body too', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n');
      client.expect('POST');
      assert.equal((await client.next()).status, 100);
      await client.send('5\r\nhello\r\n0\r\n\r\n');
      assert.equal((await client.next()).status, 201);
      client.destroy();
    }));

  for (const [method, target, status] of [['POST', '/wrong/', 404], ['PUT', '/', 405], ['POST', '*', 400]] as const) {
    test(`${method} ${target} with Expect: the final ${status} without 100, then close`, () =>
      withServer({}, async (server) => {
        const client = await WireClient.open(server.port);
        await client.send(`${method} ${target} HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n`);
        const messages = await client.read(method);
        assert.deepEqual(messages.map((m) => m.status), [status], 'no 100 Continue');
        assert.equal(header(messages[0]!, 'connection'), 'close');
        assert.equal(await client.closedCleanly(), true);
        assert.equal(server.store.size, 0);
      }));
  }

  test('a client that sends the body anyway after a final 404 gets nothing more, and no reset', () =>
    withServer({}, async (server) => {
      const client = await WireClient.open(server.port);
      await client.send('POST /wrong/ HTTP/1.1\r\nHost: h\r\nContent-Length: 65536\r\nExpect: 100-continue\r\n\r\n');
      const [response] = await client.read('POST');
      assert.equal(response!.status, 404);
      await client.send(Buffer.alloc(65536, 0x62)).catch(() => undefined);
      assert.equal(await client.closedCleanly(), true);
      assert.equal(server.store.size, 0);
      const other = await WireClient.open(server.port);
      await other.send(request('GET', '/'));
      assert.equal((await other.read('GET'))[0]!.status, 200);
      other.destroy();
    }));
});
