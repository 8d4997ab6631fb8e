import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { describe as suite, test } from 'node:test';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { Exchanges } from '../../src/harness/exchanges.js';
import { prepared, type PreparedRequest } from '../../src/harness/prepared-request.js';
import { BUNDLED_CAPABILITIES, type TargetServer } from '../../src/target/target.js';

// The rest of a request sent later whatever the server said, and a pipelined read bounded by its fixture's answered-within.

const NOT_FOUND = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';

/** A raw TCP server that hands each connection to `onConnection`, and what each connection sent it. */
async function rawServer(onConnection: (socket: Socket, received: () => string) => void): Promise<{ server: Server; target: TargetServer; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    const index = received.push('') - 1;
    socket.on('data', (data) => (received[index] += data.toString('latin1')));
    socket.on('error', () => {});
    onConnection(socket, () => received[index]!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, target: { host: '127.0.0.1', port, bundled: false, capabilities: BUNDLED_CAPABILITIES }, received };
}

function request(text: string, fixtureResponse?: string): PreparedRequest {
  const bytes = Buffer.from(text, 'latin1');
  if (fixtureResponse === undefined) return prepared(bytes, 'raw request');
  const fixture = parseFixture(['why: A test.', 'request: {method: GET, target: /}', 'response:', fixtureResponse, ''].join('\n'), 'test.yaml');
  return prepared(bytes, 'test.yaml', fixture);
}

function exchanges(target: TargetServer): Exchanges {
  return new Exchanges(() => target, 5_000, () => {});
}

const HEAD = 'POST /missing HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n';

suite('the rest of a request, sent later', () => {
  test('goes out after the pause even when a final answer came first, and that answer is read', async () => {
    const { server, target, received } = await rawServer((socket, sent) => {
      socket.on('data', () => {
        if (sent().endsWith('\r\n\r\n')) socket.write('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      });
    });
    const talk = exchanges(target);
    try {
      talk.prepare(request(`${HEAD}hello`));
      await talk.sendFirst(-5);
      const started = performance.now();
      await talk.sendRestLater(100);
      assert.ok(performance.now() - started >= 95, 'the rest went out only after the pause');
      const last = talk.last;
      assert.equal(last?.kind, 'response');
      assert.equal(last.kind === 'response' && last.received.response.status, 404);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(received[0], `${HEAD}hello`);
    } finally {
      await talk.dispose();
      server.close();
    }
  });

  test('is not sent once the server has closed, and the answer it sent before is still read', async () => {
    const { server, target, received } = await rawServer((socket, sent) => {
      socket.on('data', () => {
        if (sent().endsWith('\r\n\r\n')) socket.end(NOT_FOUND);
      });
    });
    const talk = exchanges(target);
    try {
      talk.prepare(request(`${HEAD}hello`));
      await talk.sendFirst(-5);
      await talk.sendRestLater(100);
      const last = talk.last;
      assert.equal(last?.kind === 'response' && last.received.response.status, 404);
      assert.equal(received[0], HEAD);
    } finally {
      await talk.dispose();
      server.close();
    }
  });
});

suite('a pipelined read', () => {
  test("waits no longer than the fixture's answered-within, and its silence is the rule's deadline", async () => {
    const { server, target } = await rawServer((socket) => {
      socket.once('data', () => socket.write(OK));
    });
    const talk = exchanges(target);
    try {
      const started = performance.now();
      await talk.pipeline([request('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), request('GET / HTTP/1.1\r\nHost: x\r\n\r\n', '  status: 2xx\n  answered-within: 200')]);
      assert.ok(performance.now() - started < 2_000, 'the read stopped at answered-within, not the harness timeout');
      const [first, second] = talk.batch.outcomes;
      assert.equal(first?.kind, 'response');
      assert.equal(second?.kind, 'error');
      assert.equal(second?.kind === 'error' && second.deadline, 'rule');
      assert.equal(second?.kind === 'error' && second.error.code, 'READ_TIMEOUT');
    } finally {
      await talk.dispose();
      server.close();
    }
  });
});
