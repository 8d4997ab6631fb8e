/**
 * Graceful shutdown under load: SIGTERM reaches the server (a child process, with --data) while
 * many requests are in flight — pipelined batches, requests written in two parts, and requests
 * that will never be finished. Every request that got bytes back must have got a whole response;
 * the process must exit 0 once the shutdown timeout has cut what remains; and every message it
 * acknowledged must be there after a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, describe, test } from 'node:test';
import { isClean, Ledger } from '../../src/stress/ledger.js';
import { startServerChild, type ServerChild } from '../../src/stress/server-child.js';
import { fetchListing, runStorm, sleep } from '../../src/stress/storm.js';

const SHUTDOWN_MS = 1_000;
/** Exit may come this much after the shutdown timeout (the process has to wind down and exit). */
const EXIT_SLACK_MS = 1_500;
/** How long the storm may take to get going before the signal is sent anyway. */
const LOAD_WAIT_MS = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'wirecheck-shutdown-'));
const children: ServerChild[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<ServerChild> {
  const child = await startServerChild(args, { plainJavaScript: true });
  children.push(child);
  return child;
}

interface Stalled {
  readonly socket: Socket;
  received: number;
  closed: boolean;
}

/** A POST whose body will never be finished. */
function openStalledBody(port: number): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      const stalled: Stalled = { socket, received: 0, closed: false };
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => (stalled.received += chunk.length));
      socket.once('close', () => (stalled.closed = true));
      socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly part of the body', () => resolve(stalled));
    });
  });
}

describe('graceful shutdown under load', { timeout: 30_000 }, () => {
  test('SIGTERM with requests in flight: whole responses only, exit 0 at the shutdown timeout, acknowledged messages kept', async (t) => {
    const data = join(dir, 'messages.journal');
    const args = ['--shutdown-timeout', String(SHUTDOWN_MS), '--request-timeout', '60000', '--idle-timeout', '60000', '--data', data];
    const server = await start(args);
    const stalled = await Promise.all(Array.from({ length: 4 }, () => openStalledBody(server.port)));
    const ledger = new Ledger();
    const stop = new AbortController();
    const storm = runStorm({
      target: server,
      ledger,
      posters: 16,
      getters: 2,
      deleteEveryMs: 0,
      durationMs: 15_000,
      maxPipeline: 4,
      // Half the posters write each batch in two parts 100 ms apart: at any moment they are mid-request.
      splitPosters: 8,
      splitGapMs: 100,
      exchangeTimeoutMs: 8_000,
      signal: stop.signal,
    });
    try {
      // The signal comes once the storm is under way: 500 ms in and more than 50 messages acknowledged
      // (so that requests are in flight), however slowly a busy machine got the clients going.
      const loaded = performance.now();
      while (performance.now() - loaded < 500 || (ledger.count('acknowledged') <= 50 && performance.now() - loaded < LOAD_WAIT_MS)) await sleep(20);
      const signalled = performance.now();
      server.kill('SIGTERM');
      const exit = await Promise.race([server.exited, sleep(SHUTDOWN_MS + EXIT_SLACK_MS + 2_000).then(() => undefined)]);
      const exitMs = performance.now() - signalled;
      stop.abort();
      const stats = await storm;
      ledger.settle();
      t.diagnostic(
        `exit ${JSON.stringify(exit)} ${exitMs.toFixed(0)} ms after SIGTERM; posts acknowledged ${ledger.count('acknowledged')}, unanswered ${ledger.count('unknown')}; ` +
          `answered with Connection: close ${stats.closingReplies}; broken exchanges ${JSON.stringify(stats.failures)}`,
      );

      assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${server.stderr()}`);
      assert.ok(exitMs >= SHUTDOWN_MS * 0.9, `exited ${exitMs.toFixed(0)} ms after SIGTERM: the stalled requests were not given the shutdown timeout`);
      assert.ok(exitMs <= SHUTDOWN_MS + EXIT_SLACK_MS, `exited ${exitMs.toFixed(0)} ms after SIGTERM (shutdown timeout ${SHUTDOWN_MS} ms)`);

      assert.ok(ledger.count('acknowledged') > 50, `load before the signal: ${ledger.count('acknowledged')} acknowledged`);
      assert.equal(stats.failures.malformed, 0, `responses cut short or garbled: ${stats.broken.join('; ')}`);
      assert.equal(stats.failures.timeout, 0, 'every exchange ended with a response or a close');
      assert.ok(stats.closingReplies >= 1, 'requests in progress at the signal were answered, with Connection: close');
      for (const connection of stalled) {
        assert.equal(connection.received, 0, 'an unfinished request gets no partial answer');
        assert.equal(connection.closed, true, 'and its connection is cut by the shutdown timeout');
      }

      const restarted = await start(['--data', data]);
      const audit = ledger.audit(await fetchListing(restarted, 5_000));
      t.diagnostic(`after a restart: acknowledged ${audit.acknowledged}, found ${audit.found} (${audit.foundUnanswered} stored but unanswered)`);
      assert.ok(isClean(audit), audit.problems.join('; '));
      assert.equal(audit.missing, 0);
      assert.ok(audit.found >= ledger.count('acknowledged'));
      assert.equal((await restarted.stop(3_000)).code, 0);
    } finally {
      stop.abort();
      for (const connection of stalled) connection.socket.destroy();
      server.kill('SIGKILL');
    }
  });
});
