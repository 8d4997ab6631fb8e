/**
 * The durable store (`--data FILE`) as a user meets it: the server as a child process, killed
 * with SIGKILL in the middle of a POST storm and restarted on the same file; a torn last record;
 * files it must refuse to use, corrupt ones among them, and `--data-recover` on those.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32, encodeRecord, JOURNAL_MAGIC, RECORD_APPEND } from '../../src/server/journal.js';
import { isClean, Ledger } from '../../src/stress/ledger.js';
import { REPO_ROOT, startServerChild, type ServerChild } from '../../src/stress/server-child.js';
import { fetchListing, requestOnce, runStorm, sleep } from '../../src/stress/storm.js';
import { cli, compileClis } from './compiled-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wirecheck-journal-'));
const children: ServerChild[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
let files = 0;
const newPath = (): string => join(dir, `messages-${files++}.journal`);

async function start(args: string[]): Promise<ServerChild> {
  const child = await startServerChild(args, { plainJavaScript: true });
  children.push(child);
  return child;
}

before(() => compileClis('src/server/cli.ts'));

/** Runs the server CLI with `args` to its end, which must come within 10 s. */
function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, cli('src/server/cli.ts', '--host', '127.0.0.1', '--port', '0', '--quiet', ...args), {
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

/** A format-2 journal of appends numbered from 1. */
const journalOf = (...texts: string[]): Buffer =>
  Buffer.concat([JOURNAL_MAGIC, ...texts.map((text, i) => encodeRecord(RECORD_APPEND, i + 1, Buffer.from(text)))]);
const messages = (count: number): string[] => Array.from({ length: count }, (_, i) => `message ${i + 1}`);
/** Where record `n` (from 1) of `journalOf(...texts)` starts. */
const offsetOf = (texts: readonly string[], n: number): number =>
  journalOf(...texts.slice(0, n - 1)).length;

const post = async (server: ServerChild, text: string): Promise<void> => {
  assert.equal(await requestOnce(server, 'POST', 3_000, Buffer.from(text)), 201);
};

// Zeros, repeated records and the rest of the damage are the unit tests' (server-journal.test.ts).
describe('durable store (--data FILE)', { timeout: 60_000 }, () => {
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
    // A crash in the middle of writing a fourth record (as after a power cut): only its first 20 bytes reached the disk.
    appendFileSync(data, encodeRecord(RECORD_APPEND, 4, Buffer.from('four, never acknowledged')).subarray(0, 20));

    const second = await start(['--data', data]);
    assert.deepEqual(await fetchListing(second, 3_000), ['one', '둘', 'three']);
    const warning = second.stderr();
    assert.match(warning, /^wirecheck-server: warning: .*: dropped an unfinished last record at byte \d+ \(20 bytes\).*3 messages restored\n$/);
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

  /** A new data file holding `bytes`. */
  const fileOf = (bytes: Buffer): string => {
    const path = newPath();
    writeFileSync(path, bytes);
    return path;
  };
  const hundred = messages(100);
  const unusable: Array<[string, () => string, RegExp]> = [
    [
      // Issue 14: this was taken for a torn last record, and the file cut to the 99 before it.
      'a flipped bit in a middle record\'s length, pointing past the end of the file',
      () => {
        const bytes = journalOf(...hundred);
        bytes[offsetOf(hundred, 50)]! ^= 0x80;
        return fileOf(bytes);
      },
      new RegExp(`is corrupt at byte ${offsetOf(hundred, 50)}, record 50: its head fails its checksum; the file is left as it is \\(--data-recover keeps the 49 records before it`),
    ],
    [
      'a deleted record',
      () => {
        const bytes = journalOf(...hundred);
        return fileOf(Buffer.concat([bytes.subarray(0, offsetOf(hundred, 50)), bytes.subarray(offsetOf(hundred, 51))]));
      },
      /record 50: it is numbered 51: 1 record is missing before it/,
    ],
    [
      'a record that fails its checksum with records after it',
      () => {
        const bytes = journalOf('a', 'flipped', 'c');
        bytes[offsetOf(['a'], 2) + 14]! ^= 0x01;
        return fileOf(bytes);
      },
      /is corrupt at byte 26, record 2: it fails its checksum and 18 bytes follow it/,
    ],
    [
      // The same flip in a journal of the format before: its records have no head checksum.
      'a flipped length in a format-1 journal',
      () => {
        const records = hundred.map((text) => {
          const record = Buffer.alloc(9 + text.length);
          record.writeUInt32BE(text.length, 0);
          record[4] = RECORD_APPEND;
          record.write(text, 5);
          record.writeUInt32BE(crc32(record, 0, 5 + text.length), 5 + text.length);
          return record;
        });
        records[49]![0]! ^= 0x80;
        return fileOf(Buffer.concat([Buffer.from('WCJRNL1\n'), ...records]));
      },
      /is corrupt at byte \d+, record 50: its \d+ bytes of payload run past the end of the file/,
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
      assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith(`${basename(path)}.`)), [], 'no side file');
    });
  }

  test('--data-recover on a corrupt file: one line, the valid records served, the rest kept in a side file; then as usual', async () => {
    const bytes = journalOf(...hundred);
    const at = offsetOf(hundred, 50);
    bytes[at]! ^= 0x80;
    const data = fileOf(bytes);
    const server = await start(['--data', data, '--data-recover']);
    assert.deepEqual(await fetchListing(server, 3_000), hundred.slice(0, 49));
    const sideFiles = readdirSync(dir).filter((name) => name.startsWith(`${basename(data)}.corrupt-`));
    assert.equal(sideFiles.length, 1, 'one side file');
    const sideFile = join(dir, sideFiles[0]!);
    assert.equal(
      server.stderr(),
      `wirecheck-server: warning: ${data}: corrupt at byte ${at}, record 50 (its head fails its checksum); kept the 49 records before it, 49 messages restored, and moved the ${bytes.length - at} bytes from there to ${sideFile}\n`,
    );
    assert.deepEqual(readFileSync(sideFile), bytes.subarray(at), 'the bad part, byte for byte');
    assert.deepEqual(readFileSync(data), bytes.subarray(0, at));
    await post(server, 'after the recovery');
    server.kill('SIGKILL');
    await server.exited;

    const restarted = await start(['--data', data]);
    assert.deepEqual(await fetchListing(restarted, 3_000), [...hundred.slice(0, 49), 'after the recovery']);
    assert.equal(restarted.stderr(), '', 'a healthy file again');
    await restarted.stop(3_000);
  });

  test('--data-recover without --data: a usage error, one line, exit 1', async () => {
    const result = await runToEnd(['--data-recover']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^wirecheck-server: --data-recover needs --data FILE[^\n]*\n$/);
  });

  test('a journal holding more than the store limits: one line, exit 1', async () => {
    const path = newPath();
    writeFileSync(path, journalOf('a', 'b', 'c'));
    const result = await runToEnd(['--data', path, '--max-messages', '2']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^wirecheck-server: .* holds 3 messages \(3 bytes\), more than the store's limits \(2 messages, \d+ bytes\)\n$/);
  });
});
