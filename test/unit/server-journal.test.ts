/**
 * The durable store's journal: the record format and its CRC-32, replay, the torn last record
 * (cut at every byte), corruption that is not a torn record, failed writes, and the store on top.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { after, describe, test } from 'node:test';
import {
  crc32,
  encodeRecord,
  Journal,
  JOURNAL_MAGIC,
  JournalError,
  RECORD_APPEND,
  RECORD_CLEAR,
  RECORD_OVERHEAD,
  scanJournal,
  type JournalFileSystem,
} from '../../src/server/journal.js';
import { MessageStore } from '../../src/server/message-store.js';

const dir = mkdtempSync(join(tmpdir(), 'wirecheck-journal-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (): string => join(dir, `j${files++}.journal`);

const append = (text: string | Buffer): Buffer => encodeRecord(RECORD_APPEND, Buffer.from(text));
const clear = (): Buffer => encodeRecord(RECORD_CLEAR);
const journalBytes = (...records: Buffer[]): Buffer => Buffer.concat([JOURNAL_MAGIC, ...records]);
const texts = (messages: readonly Buffer[]): string[] => messages.map((m) => m.toString('utf8'));
const LIMITS = { maxMessages: 100, maxBytes: 1024 * 1024 };

/** Opens `path`, collecting the warnings. */
function open(path: string, fsOverride?: Partial<JournalFileSystem>) {
  const warnings: string[] = [];
  const opened = Journal.open(path, { warn: (line) => warnings.push(line), ...(fsOverride === undefined ? {} : { fs: { ...fs, ...fsOverride } }) });
  return { ...opened, warnings };
}

describe('crc32', () => {
  test('the standard check value, the empty input, and agreement with zlib on random data', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));
    assert.equal(crc32(random), zlibCrc32(random));
    assert.equal(crc32(random, 100, 300), zlibCrc32(random.subarray(100, 300)));
  });
});

describe('record format', () => {
  test('length, kind, payload, CRC-32 of all three (big-endian)', () => {
    const record = append('hi');
    assert.equal(record.length, RECORD_OVERHEAD + 2);
    assert.equal(record.readUInt32BE(0), 2);
    assert.equal(record[4], RECORD_APPEND);
    assert.equal(record.subarray(5, 7).toString(), 'hi');
    assert.equal(record.readUInt32BE(7), crc32(record.subarray(0, 7)));
    assert.deepEqual(clear().subarray(0, 5), Buffer.from([0, 0, 0, 0, RECORD_CLEAR]));
  });
});

describe('scanJournal', () => {
  test('appends in order, a clear forgets what came before it', () => {
    const scan = scanJournal(journalBytes(append('a'), append('b'), clear(), append('c'), append('안녕')));
    assert.deepEqual(texts(scan.messages), ['c', '안녕']);
    assert.equal(scan.records, 5);
    assert.equal(scan.torn, undefined);
  });

  test('binary messages (every byte value) replay unchanged', () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(scanJournal(journalBytes(append(everyByte))).messages, [everyByte]);
  });

  test('the last record cut at every byte: the records before it replay, the rest is a torn tail', () => {
    const whole = [append('first'), append('second message'), clear(), append('third')];
    for (let last = 0; last < whole.length; last++) {
      const before = journalBytes(...whole.slice(0, last));
      const expected = texts(scanJournal(before).messages);
      const record = whole[last]!;
      for (let cut = 1; cut < record.length; cut++) {
        const scan = scanJournal(Buffer.concat([before, record.subarray(0, cut)]));
        assert.deepEqual(texts(scan.messages), expected, `record ${last} cut after ${cut} bytes`);
        assert.deepEqual(scan.torn, { offset: before.length, bytes: cut });
        assert.equal(scan.validBytes, before.length);
      }
    }
  });

  test('a last record whose bytes were garbled (whole length, wrong checksum) is torn', () => {
    const garbled = append('garbled');
    garbled[7] ^= 0x20;
    const scan = scanJournal(journalBytes(append('kept'), garbled));
    assert.deepEqual(texts(scan.messages), ['kept']);
    assert.equal(scan.torn?.bytes, garbled.length);
  });

  test('a tail of zero bytes (a file extended but never written) is torn, however long', () => {
    const scan = scanJournal(journalBytes(append('kept'), Buffer.alloc(5_000)));
    assert.deepEqual(texts(scan.messages), ['kept']);
    assert.equal(scan.torn?.bytes, 5_000);
  });

  test('a length that runs past the end of the file is torn, not a reason to read further', () => {
    const record = append('x');
    record.writeUInt32BE(0xffff_fff0, 0);
    assert.equal(scanJournal(journalBytes(append('kept'), record)).torn?.bytes, record.length);
  });

  test('a bad record with good records after it is corruption, not a torn tail', () => {
    const bad = append('flipped');
    bad[6] ^= 0x01;
    assert.throws(
      () => scanJournal(journalBytes(append('a'), bad, append('acknowledged later')), 'data.journal'),
      (error: unknown) => error instanceof JournalError && error.code === 'CORRUPT' && /data\.journal.*byte 18/.test(error.message),
    );
  });

  test('a checked record of an unknown kind, or a clear with a payload, is corruption', () => {
    assert.throws(() => scanJournal(journalBytes(encodeRecord(7, Buffer.from('?')))), { code: 'CORRUPT' });
    assert.throws(() => scanJournal(journalBytes(encodeRecord(RECORD_CLEAR, Buffer.from('?')))), { code: 'CORRUPT' });
    assert.throws(() => scanJournal(journalBytes(encodeRecord(RECORD_APPEND))), { code: 'CORRUPT' });
  });

  test('anything that does not start with the magic is not a journal', () => {
    for (const bytes of [Buffer.from('hello world\n'), Buffer.from('WCJRNL2\n'), Buffer.from('WCJ')]) {
      assert.throws(() => scanJournal(bytes), { code: 'NOT_A_JOURNAL' });
    }
  });
});

describe('Journal on a file', () => {
  test('a new file gets the magic; records are on disk when append returns; replay at the next open', () => {
    const path = newPath();
    const first = open(path);
    assert.deepEqual(first.messages, []);
    assert.deepEqual(readFileSync(path), JOURNAL_MAGIC);
    assert.equal(first.journal.append(Buffer.from('one')), true);
    assert.equal(first.journal.append(Buffer.from('둘')), true);
    assert.deepEqual(readFileSync(path), journalBytes(append('one'), append('둘')));
    assert.equal(first.journal.bytes, readFileSync(path).length);
    first.journal.close();
    const second = open(path);
    assert.deepEqual(texts(second.messages), ['one', '둘']);
    assert.equal(second.records, 2);
    assert.deepEqual(second.warnings, []);
    second.journal.close();
  });

  test('clear writes its record, then cuts the file back to the magic', () => {
    const path = newPath();
    const { journal } = open(path);
    journal.append(Buffer.from('gone'));
    assert.equal(journal.clear(), true);
    assert.deepEqual(readFileSync(path), JOURNAL_MAGIC);
    journal.append(Buffer.from('after'));
    journal.close();
    const reopened = open(path);
    assert.deepEqual(texts(reopened.messages), ['after']);
    reopened.journal.close();
  });

  test('an empty file, or one torn inside the magic, starts afresh', () => {
    for (const content of [Buffer.alloc(0), JOURNAL_MAGIC.subarray(0, 3)]) {
      const path = newPath();
      writeFileSync(path, content);
      const opened = open(path);
      assert.deepEqual(opened.messages, []);
      assert.deepEqual(readFileSync(path), JOURNAL_MAGIC);
      opened.journal.close();
    }
  });

  test('a torn last record: one warning line, the file is cut back, and appends follow the valid records', () => {
    const path = newPath();
    const valid = journalBytes(append('a'), append('b'));
    writeFileSync(path, Buffer.concat([valid, append('half-written').subarray(0, 10)]));
    const opened = open(path);
    assert.deepEqual(texts(opened.messages), ['a', 'b']);
    assert.deepEqual(opened.torn, { offset: valid.length, bytes: 10 });
    assert.equal(opened.warnings.length, 1);
    assert.match(opened.warnings[0]!, new RegExp(`^${path}: dropped an unfinished last record at byte ${valid.length} \\(10 bytes\\).*2 messages restored$`));
    assert.deepEqual(readFileSync(path), valid);
    opened.journal.append(Buffer.from('c'));
    opened.journal.close();
    const again = open(path);
    assert.deepEqual(texts(again.messages), ['a', 'b', 'c']);
    assert.deepEqual(again.warnings, []);
    again.journal.close();
  });

  test('a corrupt file, a file that is not a journal, a directory: JournalError, file untouched', () => {
    const corrupt = newPath();
    const bad = append('b');
    bad[5] ^= 0xff;
    const corruptBytes = journalBytes(append('a'), bad, append('c'));
    writeFileSync(corrupt, corruptBytes);
    assert.throws(() => open(corrupt), { code: 'CORRUPT' });
    assert.deepEqual(readFileSync(corrupt), corruptBytes);

    const notOurs = newPath();
    writeFileSync(notOurs, 'precious notes\n');
    assert.throws(() => open(notOurs), { code: 'NOT_A_JOURNAL' });
    assert.equal(readFileSync(notOurs, 'utf8'), 'precious notes\n');

    assert.throws(() => open(dir), (error: unknown) => error instanceof JournalError && error.code === 'UNREADABLE' && /directory/.test(error.message));
    assert.throws(() => open(join(dir, 'missing', 'x.journal')), { code: 'UNREADABLE' });
  });

  test('a write that fails: false, one warning, the partial record is cut off, and the journal stops', () => {
    const path = newPath();
    let failNext = false;
    const { journal, warnings } = open(path, {
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
        if (!failNext) return fs.writeSync(fd, buffer, offset, length);
        // Half the record reaches the file, then the disk is full.
        fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }) as JournalFileSystem['writeSync'],
    });
    assert.equal(journal.append(Buffer.from('stored')), true);
    failNext = true;
    assert.equal(journal.append(Buffer.from('not stored')), false);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /cannot write to the journal \(no space left on the device\)/);
    assert.deepEqual(readFileSync(path), journalBytes(append('stored')), 'the half record was cut off');
    failNext = false;
    assert.equal(journal.append(Buffer.from('later')), false, 'stopped: nothing more is acknowledged');
    assert.equal(journal.clear(), false);
    assert.equal(journal.failure?.message, 'ENOSPC: no space left on device');
    journal.close();
  });

  test('a compaction that fails after a clear: the clear stands, one warning, the journal goes on', () => {
    const path = newPath();
    let failing = false;
    const { journal, warnings } = open(path, {
      ftruncateSync: ((fd: number, length?: number) => {
        if (failing) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        fs.ftruncateSync(fd, length);
      }) as JournalFileSystem['ftruncateSync'],
    });
    journal.append(Buffer.from('gone'));
    failing = true;
    assert.equal(journal.clear(), true);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /cannot compact the journal after a clear \(EIO\)/);
    assert.equal(journal.failure, undefined);
    assert.equal(journal.append(Buffer.from('kept')), true);
    journal.close();
    assert.deepEqual(readFileSync(path), journalBytes(append('gone'), clear(), append('kept')));
    const reopened = open(path);
    assert.deepEqual(texts(reopened.messages), ['kept']);
    reopened.journal.close();
  });

  test('a sync that fails stops the journal too', () => {
    let failing = false;
    const { journal } = open(newPath(), {
      fdatasyncSync: ((fd: number) => {
        if (failing) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        fs.fdatasyncSync(fd);
      }) as JournalFileSystem['fdatasyncSync'],
    });
    failing = true;
    assert.equal(journal.append(Buffer.from('x')), false);
    assert.ok(journal.failure !== undefined);
    journal.close();
  });
});

describe('MessageStore with a journal', () => {
  test('replayed messages are loaded; appends and clears go to the journal first', () => {
    const path = newPath();
    writeFileSync(path, journalBytes(append('old'), append('older? no: newer')));
    const { journal, messages } = open(path);
    const store = new MessageStore(LIMITS, journal, messages);
    assert.equal(store.joined().toString(), 'old\nolder? no: newer');
    assert.equal(store.append(Buffer.from('three')), true);
    journal.close();
    assert.deepEqual(texts(open(path).messages), ['old', 'older? no: newer', 'three']);
  });

  test('a message refused for the store limits is not journaled', () => {
    const path = newPath();
    const { journal } = open(path);
    const store = new MessageStore({ maxMessages: 1, maxBytes: 100 }, journal);
    assert.equal(store.append(Buffer.from('fits')), true);
    assert.equal(store.append(Buffer.from('refused')), false);
    journal.close();
    assert.deepEqual(readFileSync(path), journalBytes(append('fits')));
  });

  test('a journal holding more than the limits: JournalError OVER_LIMITS', () => {
    const path = newPath();
    writeFileSync(path, journalBytes(append('1'), append('2'), append('3')));
    const { journal, messages } = open(path);
    assert.throws(() => new MessageStore({ maxMessages: 2, maxBytes: 100 }, journal, messages), { code: 'OVER_LIMITS' });
    journal.close();
  });

  test('after a journal failure, memory stays what a restart would replay', () => {
    let failing = false;
    const { journal } = open(newPath(), {
      fdatasyncSync: ((fd: number) => {
        if (failing) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        fs.fdatasyncSync(fd);
      }) as JournalFileSystem['fdatasyncSync'],
    });
    const store = new MessageStore(LIMITS, journal);
    store.append(Buffer.from('durable'));
    assert.equal(store.journalFailure?.message, undefined);
    failing = true;
    assert.equal(store.append(Buffer.from('lost')), false);
    store.clear();
    assert.equal(store.joined().toString(), 'durable', 'neither the append nor the clear happened');
    assert.match(String(store.journalFailure?.message), /EIO/);
    journal.close();
  });

  test('without a journal the store is as before: journalFailure is undefined', () => {
    const store = new MessageStore(LIMITS);
    store.append(Buffer.from('x'));
    store.clear();
    assert.equal(store.size, 0);
    assert.equal(store.journalFailure, undefined);
  });
});
