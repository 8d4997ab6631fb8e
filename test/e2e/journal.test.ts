/**
 * The durable store (`--data FILE`) as a user meets it: the server as a child process, killed
 * with SIGKILL in the middle of a POST storm and restarted on the same file; a torn last record;
 * files it must refuse to use.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeRecord, JOURNAL_MAGIC, RECORD_APPEND } from '../../src/server/journal.js';
import { isClean, Ledger } from '../../src/stress/ledger.js';
import { REPO_ROOT, startServerChild, type ServerChild } from '../../src/stress/server-child.js';
import { fetchListing, requestOnce, runStorm, sleep } from '../../src/stress/storm.js';

const dir = mkdtempSync(join(tmpdir(), 'wirecheck-journal-'));
const children: ServerChild[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
let files = 0;
const newPath = (): string => join(dir, `messages-${files++}.journal`);

async function start(args: string[]): Promise<ServerChild> {
  const child = await startServerChild(args);
  children.push(child);
  return child;
}

/** Runs the server CLI with `args` to its end, which must come within 10 s. */
function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', '--host', '127.0.0.1', '--port', '0', '--quiet', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

const post = async (server: ServerChild, text: string): Promise<void> => {
  assert.equal(await requestOnce(server, 'POST', 3_000, Buffer.from(text)), 201);
};

describe('durable store (--data FILE)', { timeout: 40_000 }, () => {
  test('SIGKILL during a POST storm: after a restart every acknowledged message is there once, in order', async (t) => {
    const data = newPath();
    const server = await start(['--data', data]);
    const ledger = new Ledger();
    const target = { host: server.host, port: server.port };
    try {
      // First some history with DELETEs, which ends normally (no DELETE left unanswered)…
      await runStorm({ target, ledger, posters: 8, getters: 1, deleteEveryMs: 150, durationMs: 500, maxPipeline: 3, exchangeTimeoutMs: 5_000 });
      // …then a storm that the kill interrupts.
      const stop = new AbortController();
      const storm = runStorm({
        target,
        ledger,
        posters: 16,
        getters: 1,
        deleteEveryMs: 0,
        durationMs: 10_000,
        maxPipeline: 4,
        splitPosters: 4,
        splitGapMs: 2,
        exchangeTimeoutMs: 5_000,
        signal: stop.signal,
      });
      await sleep(400 + Math.random() * 300);
      server.kill('SIGKILL');
      const exit = await server.exited;
      stop.abort();
      await storm;
      ledger.settle();
      assert.equal(exit.signal, 'SIGKILL');

      const restarted = await start(['--data', data]);
      const audit = ledger.audit(await fetchListing(restarted, 5_000));
      t.diagnostic(
        `acknowledged ${ledger.count('acknowledged')} in all (${ledger.deleteCount} DELETEs), unanswered at the kill ${ledger.count('unknown')}; ` +
          `since the last DELETE: acknowledged ${audit.acknowledged}, recovered ${audit.found} (of which ${audit.foundUnanswered} written but not yet acknowledged)`,
      );
      assert.ok(audit.acknowledged > 50, `a real storm: ${audit.acknowledged} acknowledged since the last DELETE`);
      assert.ok(isClean(audit), audit.problems.join('; '));
      assert.equal(audit.found - audit.foundUnanswered, audit.acknowledged, 'acknowledged = recovered');
      assert.equal(restarted.stderr(), '', 'no torn record: each write finished or never began');

      // The journal goes on from where the replay ended.
      await post(restarted, 'after the crash');
      restarted.kill('SIGKILL');
      await restarted.exited;
      const again = await start(['--data', data]);
      const listing = await fetchListing(again, 5_000);
      assert.equal(listing.at(-1), 'after the crash');
      assert.equal(listing.length, audit.found + 1);
      await again.stop(3_000);
    } finally {
      server.kill('SIGKILL');
    }
  });

  test('a torn last record: one warning line, the messages before it restored, the file cut back', async () => {
    const data = newPath();
    const first = await start(['--data', data]);
    for (const text of ['one', '둘', 'three']) await post(first, text);
    assert.equal((await first.stop(3_000)).code, 0);
    const whole = readFileSync(data);
    // A crash in the middle of writing a fourth record (as after a power cut): only its first 11 bytes reached the disk.
    appendFileSync(data, encodeRecord(RECORD_APPEND, Buffer.from('four, never acknowledged')).subarray(0, 11));

    const second = await start(['--data', data]);
    assert.deepEqual(await fetchListing(second, 3_000), ['one', '둘', 'three']);
    const warning = second.stderr();
    assert.match(warning, /^wirecheck-server: warning: .*: dropped an unfinished last record at byte \d+ \(11 bytes\).*3 messages restored\n$/);
    assert.deepEqual(readFileSync(data), whole, 'cut back to the last whole record');
    await post(second, 'four');
    second.kill('SIGKILL');
    await second.exited;

    const third = await start(['--data', data]);
    assert.deepEqual(await fetchListing(third, 3_000), ['one', '둘', 'three', 'four']);
    assert.equal(third.stderr(), '', 'nothing torn this time');
    await third.stop(3_000);
  });

  test('DELETE is durable too, and compacts the file', async () => {
    const data = newPath();
    const server = await start(['--data', data]);
    await post(server, 'gone');
    assert.equal(await requestOnce(server, 'DELETE', 3_000), 200);
    assert.deepEqual(readFileSync(data), JOURNAL_MAGIC);
    await post(server, 'kept');
    server.kill('SIGKILL');
    await server.exited;
    const restarted = await start(['--data', data]);
    assert.deepEqual(await fetchListing(restarted, 3_000), ['kept']);
    await restarted.stop(3_000);
  });

  const unusable: Array<[string, () => string, RegExp]> = [
    [
      'a record that fails its checksum with records after it',
      () => {
        const path = newPath();
        const bad = encodeRecord(RECORD_APPEND, Buffer.from('flipped'));
        bad[7] ^= 0x01;
        writeFileSync(path, Buffer.concat([JOURNAL_MAGIC, encodeRecord(RECORD_APPEND, Buffer.from('a')), bad, encodeRecord(RECORD_APPEND, Buffer.from('c'))]));
        return path;
      },
      /is corrupt: the record at byte 18 fails its checksum/,
    ],
    [
      'a file that is not a journal',
      () => {
        const path = newPath();
        writeFileSync(path, 'my notes\n');
        return path;
      },
      /is not a wirecheck journal/,
    ],
    [
      'a directory',
      () => {
        const path = newPath();
        mkdirSync(path);
        return path;
      },
      /cannot use .* as the data file: it is a directory/,
    ],
    ['a file in a folder that does not exist', () => join(dir, 'no-such-folder', 'x.journal'), /no such directory/],
  ];
  for (const [what, make, message] of unusable) {
    test(`${what}: one line on stderr, exit 1, the file untouched`, async () => {
      const path = make();
      const before = statSync(path, { throwIfNoEntry: false });
      const content = before?.isFile() === true ? readFileSync(path) : undefined;
      const result = await runToEnd(['--data', path]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^wirecheck-server: [^\n]+\n$/);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '', 'never listened');
      if (content !== undefined) assert.deepEqual(readFileSync(path), content);
    });
  }

  test('a journal holding more than the store limits: one line, exit 1', async () => {
    const path = newPath();
    writeFileSync(path, Buffer.concat([JOURNAL_MAGIC, ...['a', 'b', 'c'].map((m) => encodeRecord(RECORD_APPEND, Buffer.from(m)))]));
    const result = await runToEnd(['--data', path, '--max-messages', '2']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^wirecheck-server: .* holds 3 messages \(3 bytes\), more than the store's limits \(2 messages, \d+ bytes\)\n$/);
  });
});
