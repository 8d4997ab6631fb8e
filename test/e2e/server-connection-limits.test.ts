/**
 * The connection limits over real sockets (SPEC §2.4, docs/behaviour.md "Connections and
 * timeouts"): a cap per client address, and at the global limit another client's longest-idle
 * connection closed to make room. 127.0.0.1 and 127.0.0.2 are two clients to the server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { header, request, WireClient, withServer, type WireResponse } from './socket-helpers.js';

const TEST_MS = 30_000;
/** Generous: the machine may be busy. */
const WAIT_MS = 5_000;
const ONE = '127.0.0.1';
const TWO = '127.0.0.2';

/** A connection from `from` that has been served one GET and is now idle (kept alive). */
async function served(port: number, from: string): Promise<WireClient> {
  const client = await WireClient.open(port, from);
  await client.send(request('GET', '/'));
  const [response] = await client.read('GET');
  assert.equal(response!.status, 200);
  assert.equal(header(response!, 'connection'), 'keep-alive');
  return client;
}

/** A new connection from `from` that the server closes without a byte, as it does past a limit. */
async function assertTurnedAway(port: number, from: string, what: string): Promise<void> {
  const client = await WireClient.open(port, from);
  // A request may meet the close as a reset, or be dropped; either way nothing is answered.
  await client.send(request('GET', '/')).catch(() => undefined);
  assert.equal(await client.closesWithin(WAIT_MS), true, `${what}: closed at once`);
  assert.equal(client.received.length, 0, `${what}: without a response`);
  client.destroy();
}

async function get(client: WireClient): Promise<WireResponse> {
  await client.send(request('GET', '/'));
  const [response] = await client.read('GET');
  return response!;
}

describe('connections per client', { timeout: TEST_MS }, () => {
  test('past its cap a client’s new connection is closed at once; another client and its open ones are still served', () =>
    withServer({ maxConnectionsPerClient: 3, maxConnections: 100 }, async (server) => {
      const mine = [await served(server.port, ONE), await served(server.port, ONE), await served(server.port, ONE)];
      await assertTurnedAway(server.port, ONE, 'a 4th from 127.0.0.1');
      const other = await served(server.port, TWO);
      for (const client of mine) assert.equal((await get(client)).status, 200, 'the first three are undisturbed');
      // One of its own closes: the client has room again once the server has seen the close.
      mine[0]!.destroy();
      assert.equal(await mine[0]!.closesWithin(WAIT_MS), true);
      let again: WireClient | undefined;
      for (let attempt = 0; attempt < 50 && again === undefined; attempt++) {
        const client = await WireClient.open(server.port, ONE);
        await client.send(request('GET', '/')).catch(() => undefined);
        const response = await client.next(WAIT_MS).catch(() => undefined);
        if (response === undefined) client.destroy();
        else again = client;
      }
      assert.ok(again !== undefined, 'a new connection is served once one of the three has closed');
      for (const client of [...mine, other, again]) client.destroy();
    }));
});

describe('the global limit', { timeout: TEST_MS }, () => {
  test('at the limit a new client takes the place of the connection idle the longest, which closes cleanly', () =>
    withServer({ maxConnections: 3 }, async (server) => {
      const [oldest, second, third] = [await served(server.port, TWO), await served(server.port, TWO), await served(server.port, TWO)];
      const newcomer = await WireClient.open(server.port, ONE);
      assert.equal((await get(newcomer)).status, 200, 'the new client is served');
      assert.equal(await oldest!.closedCleanly(WAIT_MS), true, 'the longest idle connection is closed, nothing sent on it');
      assert.equal(oldest!.error, undefined, 'closed, not reset');
      for (const client of [second!, third!]) assert.equal((await get(client)).status, 200, 'the others are undisturbed');
      for (const client of [second!, third!, newcomer]) client.destroy();
    }));

  test('at the limit with every connection busy, or idle but the same client’s, the new one is turned away and no one is disturbed', () =>
    withServer({ maxConnections: 3, requestTimeoutMs: 60_000 }, async (server) => {
      // A request each has begun (its head read: 100 Continue came back), so none of them is idle.
      const busy = await Promise.all([WireClient.open(server.port, TWO), WireClient.open(server.port, TWO), WireClient.open(server.port, TWO)]);
      for (const client of busy) {
        await client.send('POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
        client.expect('POST');
        assert.equal((await client.next(WAIT_MS)).status, 100);
      }
      await assertTurnedAway(server.port, ONE, 'a new client while all three are busy');
      for (const client of busy) {
        await client.send('busy');
        assert.equal((await client.next(WAIT_MS)).status, 201, 'each busy one is still answered');
      }
      // All three idle now, but they are the client's own: it can reuse them.
      await assertTurnedAway(server.port, TWO, 'a 4th from the client that holds the three idle ones');
      for (const client of busy) assert.equal((await get(client)).status, 200);
      for (const client of busy) client.destroy();
    }));
});
