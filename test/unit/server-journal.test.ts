/**
 * The durable store's journal: the record format and its CRC-32, replay, the torn last record
 * (cut at every byte), corruption that is not a torn record (a flipped length, zeros, a record
 * deleted or repeated) refused or recovered, format 1 read and rewritten, failed writes, and the
 * store on top.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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
  RECORD_HEAD,
  RECORD_OVERHEAD,
  scanJournal,
  type JournalFileSystem,
} from '../../src/server/journal.js';
import { MessageStore } from '../../src/server/message-store.js';

const dir = mkdtempSync(join(tmpdir(), 'wirecheck-journal-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (): string => join(dir, `j${files++}.journal`);

const CLEAR = null;
/** Records numbered from `first`: a text or bytes is an append, CLEAR a clear. */
function numbered(items: ReadonlyArray<string | Buffer | null>, first = 1): Buffer[] {
  return items.map((item, i) => (item === CLEAR ? encodeRecord(RECORD_CLEAR, first + i) : encodeRecord(RECORD_APPEND, first + i, Buffer.from(item))));
}
const journalBytes = (...records: Buffer[]): Buffer => Buffer.concat([JOURNAL_MAGIC, ...records]);
const journalOf = (...items: Array<string | Buffer | null>): Buffer => journalBytes(...numbered(items));
const texts = (messages: readonly Buffer[]): string[] => messages.map((m) => m.toString('utf8'));
/** `count` appends, `message 1`…, and where each record starts. */
function manyRecords(count: number): { bytes: Buffer; offsets: number[] } {
  const records = numbered(Array.from({ length: count }, (_, i) => `message ${i + 1}`));
  const offsets = records.map((_, i) => JOURNAL_MAGIC.length + records.slice(0, i).reduce((n, r) => n + r.length, 0));
  return { bytes: journalBytes(...records), offsets };
}
/** The scan's tail, which must be there. */
function tailOf(bytes: Buffer) {
  const { tail } = scanJournal(bytes);
  assert.ok(tail !== undefined, 'a tail');
  return tail;
}

/** Format 1, as the server wrote it before: `WCJRNL1\n`, then length, kind, payload, crc32. */
function format1(...items: Array<string | null>): Buffer {
  const records = items.map((item) => {
    const payload = Buffer.from(item ?? '');
    const record = Buffer.alloc(9 + payload.length);
    record.writeUInt32BE(payload.length, 0);
    record[4] = item === CLEAR ? RECORD_CLEAR : RECORD_APPEND;
    payload.copy(record, 5);
    record.writeUInt32BE(crc32(record, 0, 5 + payload.length), 5 + payload.length);
    return record;
  });
  return Buffer.concat([Buffer.from('WCJRNL1\n'), ...records]);
}
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
  test('length, kind, number, CRC-32 of those, payload, CRC-32 of all before it (big-endian)', () => {
    const record = encodeRecord(RECORD_APPEND, 7, Buffer.from('hi'));
    assert.equal(record.length, RECORD_OVERHEAD + 2);
    assert.equal(record.readUInt32BE(0), 2);
    assert.equal(record[4], RECORD_APPEND);
    assert.equal(record.readUInt32BE(5), 7);
    assert.equal(record.readUInt32BE(9), crc32(record.subarray(0, 9)));
    assert.equal(record.subarray(RECORD_HEAD, RECORD_HEAD + 2).toString(), 'hi');
    assert.equal(record.readUInt32BE(RECORD_HEAD + 2), crc32(record.subarray(0, RECORD_HEAD + 2)));
    assert.deepEqual(encodeRecord(RECORD_CLEAR, 1).subarray(0, 9), Buffer.from([0, 0, 0, 0, RECORD_CLEAR, 0, 0, 0, 1]));
    assert.equal(encodeRecord(RECORD_CLEAR, 1).length, RECORD_OVERHEAD);
  });
});

describe('scanJournal', () => {
  test('appends in order, a clear forgets what came before it', () => {
    const scan = scanJournal(journalOf('a', 'b', CLEAR, 'c', '안녕'));
    assert.deepEqual(texts(scan.messages), ['c', '안녕']);
    assert.equal(scan.records, 5);
    assert.equal(scan.format, 2);
    assert.equal(scan.tail, undefined);
  });

  test('binary messages (every byte value) replay unchanged', () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(scanJournal(journalOf(everyByte)).messages, [everyByte]);
  });

  test('the last record cut at every byte: the records before it replay, the rest is a torn tail', () => {
    const whole = numbered(['first', 'second message', CLEAR, 'third']);
    for (let last = 0; last < whole.length; last++) {
      const before = journalBytes(...whole.slice(0, last));
      const expected = texts(scanJournal(before).messages);
      const record = whole[last]!;
      for (let cut = 1; cut < record.length; cut++) {
        const scan = scanJournal(Buffer.concat([before, record.subarray(0, cut)]));
        assert.deepEqual(texts(scan.messages), expected, `record ${last} cut after ${cut} bytes`);
        assert.deepEqual({ ...scan.tail, problem: undefined }, { offset: before.length, bytes: cut, record: last + 1, torn: true, problem: undefined });
        assert.equal(scan.validBytes, before.length);
      }
    }
  });

  test('a last record whose payload was garbled or zeroed (whole length, wrong checksum) is torn', () => {
    for (const damage of [(r: Buffer) => (r[RECORD_HEAD + 2]! ^= 0x20), (r: Buffer) => r.fill(0, RECORD_HEAD)]) {
      const [kept, garbled] = numbered(['kept', 'garbled']) as [Buffer, Buffer];
      damage(garbled);
      const scan = scanJournal(journalBytes(kept, garbled));
      assert.deepEqual(texts(scan.messages), ['kept']);
      assert.equal(scan.tail?.torn, true);
      assert.equal(scan.tail?.bytes, garbled.length);
    }
  });

  test('a flipped bit anywhere in a middle record\'s head is corruption, not a torn tail', () => {
    // Issue 14: one bit of record 100's length, pointing past the end, cut 81,885 records to 100.
    const { bytes, offsets } = manyRecords(300);
    const at = offsets[99]!;
    for (let bit = 0; bit < 9 * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[at + (bit >> 3)]! ^= 0x80 >> (bit & 7);
      const tail = tailOf(flipped);
      assert.deepEqual([tail.torn, tail.offset, tail.record], [false, at, 100], `bit ${bit}`);
      assert.match(tail.problem, /head fails its checksum/);
    }
    const pastTheEnd = Buffer.from(bytes);
    pastTheEnd[at]! ^= 0x80;
    assert.ok(pastTheEnd.readUInt32BE(at) > bytes.length, 'the length points past the end of the file');
    assert.equal(scanJournal(pastTheEnd).messages.length, 99, 'the valid prefix, for a recovery');
  });

  test('the last record\'s length flipped is corruption too: only a crash may be dropped silently', () => {
    const bytes = journalOf('a', 'b');
    bytes[JOURNAL_MAGIC.length + RECORD_OVERHEAD + 1 + 2]! ^= 0x01;
    assert.equal(tailOf(bytes).torn, false);
  });

  test('zeros from a middle record to the end are corruption, however they line up', () => {
    const { bytes, offsets } = manyRecords(50);
    for (const from of [offsets[20]!, offsets[20]! + 3, offsets[20]! + RECORD_HEAD, offsets[49]! - 1]) {
      const zeroed = Buffer.from(bytes).fill(0, from);
      const tail = tailOf(zeroed);
      assert.equal(tail.torn, false, `zeros from byte ${from}`);
      assert.ok(tail.offset <= from, 'the tail starts at or before the first zero');
    }
    // A tail of zeros after the last record, longer than a record, is not what a crash leaves.
    assert.equal(tailOf(journalBytes(...numbered(['kept']), Buffer.alloc(5_000))).torn, false);
    // Fewer zeros than the smallest record: no record can be lost in them.
    assert.equal(tailOf(journalBytes(...numbered(['kept']), Buffer.alloc(RECORD_OVERHEAD - 1))).torn, true);
  });

  test('a deleted record is corruption: the next one is out of sequence', () => {
    const records = numbered(['a', 'b', 'c', 'd']);
    const tail = tailOf(journalBytes(records[0]!, records[2]!, records[3]!));
    assert.deepEqual([tail.torn, tail.record, tail.offset], [false, 2, JOURNAL_MAGIC.length + records[0]!.length]);
    assert.match(tail.problem, /numbered 3: 1 record is missing before it/);
    assert.match(tailOf(journalBytes(...records.slice(1))).problem, /numbered 2: 1 record is missing/, 'the first one deleted');
    assert.match(tailOf(journalBytes(records[0]!, records[3]!)).problem, /2 records are missing/);
  });

  test('a repeated record, or two swapped, is corruption', () => {
    const records = numbered(['a', 'b', 'c']);
    const repeated = tailOf(journalBytes(records[0]!, records[1]!, records[1]!, records[2]!));
    assert.deepEqual([repeated.torn, repeated.record], [false, 3]);
    assert.match(repeated.problem, /numbered 2: a record repeats/);
    assert.equal(tailOf(journalBytes(records[0]!, records[2]!, records[1]!)).torn, false);
  });

  test('a bad checksum with more bytes after it is corruption', () => {
    const records = numbered(['a', 'flipped', 'acknowledged later']);
    records[1]![RECORD_HEAD + 1]! ^= 0x01;
    const tail = tailOf(journalBytes(...records));
    assert.deepEqual([tail.torn, tail.offset, tail.record], [false, JOURNAL_MAGIC.length + records[0]!.length, 2]);
    assert.match(tail.problem, /fails its checksum and \d+ bytes follow it/);
  });

  test('a checked record of an unknown kind, a clear with a payload, an empty append, is corruption', () => {
    for (const record of [encodeRecord(7, 1, Buffer.from('?')), encodeRecord(RECORD_CLEAR, 1, Buffer.from('?')), encodeRecord(RECORD_APPEND, 1)]) {
      assert.equal(tailOf(journalBytes(record)).torn, false);
      assert.equal(tailOf(journalBytes(record.subarray(0, RECORD_OVERHEAD))).torn, false, 'even cut short');
    }
  });

  test('anything that does not start with a magic is not a journal; an unknown format is said so', () => {
    for (const bytes of [Buffer.from('hello world\n'), Buffer.from('WCJRNL\n\n'), Buffer.from('WCJ')]) {
      assert.throws(() => scanJournal(bytes), { code: 'NOT_A_JOURNAL' });
    }
    assert.throws(() => scanJournal(Buffer.from('WCJRNL3\n'), 'x.journal'), { code: 'UNKNOWN_FORMAT', message: /x\.journal is a wirecheck journal of format 3/ });
  });
});

describe('scanJournal, format 1', () => {
  test('replays; a last record cut short of its head or failing its checksum is torn', () => {
    const bytes = format1('a', CLEAR, 'b', 'c');
    const scan = scanJournal(bytes);
    assert.deepEqual([scan.format, texts(scan.messages), scan.records, scan.tail], [1, ['b', 'c'], 4, undefined]);
    assert.equal(tailOf(Buffer.concat([bytes, format1('d').subarray(8, 8 + 6)])).torn, true);
    const garbled = format1('a', 'b');
    garbled[garbled.length - 5]! ^= 0x01;
    assert.equal(tailOf(garbled).torn, true);
  });

  test('a length past the end of the file is corruption: nothing checks the length', () => {
    const bytes = format1(...Array.from({ length: 200 }, (_, i) => `message ${i + 1}`));
    const at = 8 + 9 * (9 + 9) + 90 * (9 + 10); // record 100: after 9 messages of one digit, 90 of two
    assert.equal(bytes.readUInt32BE(at), 'message 100'.length, 'record 100 starts there');
    bytes[at]! ^= 0x80;
    const tail = tailOf(bytes);
    assert.deepEqual([tail.torn, tail.offset, tail.record], [false, at, 100]);
    // Zeros from a middle record to the end are corruption too.
    assert.equal(tailOf(format1('a', 'b', 'c').fill(0, 8 + 10)).torn, false);
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
    assert.deepEqual(readFileSync(path), journalOf('one', '둘'));
    assert.equal(first.journal.bytes, readFileSync(path).length);
    first.journal.close();
    const second = open(path);
    assert.deepEqual(texts(second.messages), ['one', '둘']);
    assert.equal(second.records, 2);
    assert.deepEqual(second.warnings, []);
    second.journal.append(Buffer.from('three'));
    second.journal.close();
    assert.deepEqual(readFileSync(path), journalOf('one', '둘', 'three'), 'numbered on from the replay');
  });

  test('clear writes its record, then cuts the file back to the magic; numbering starts again', () => {
    const path = newPath();
    const { journal } = open(path);
    journal.append(Buffer.from('gone'));
    assert.equal(journal.clear(), true);
    assert.deepEqual(readFileSync(path), JOURNAL_MAGIC);
    journal.append(Buffer.from('after'));
    journal.close();
    assert.deepEqual(readFileSync(path), journalOf('after'));
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
    for (const cut of [10, RECORD_HEAD + 3]) {
      const path = newPath();
      const valid = journalOf('a', 'b');
      writeFileSync(path, Buffer.concat([valid, numbered(['half-written'], 3)[0]!.subarray(0, cut)]));
      const opened = open(path);
      assert.deepEqual(texts(opened.messages), ['a', 'b']);
      assert.deepEqual([opened.dropped?.offset, opened.dropped?.bytes, opened.dropped?.torn, opened.dropped?.sideFile], [valid.length, cut, true, undefined]);
      assert.equal(opened.warnings.length, 1);
      assert.match(opened.warnings[0]!, new RegExp(`^${path}: dropped an unfinished last record at byte ${valid.length} \\(${cut} bytes\\).*2 messages restored$`));
      assert.deepEqual(readFileSync(path), valid);
      opened.journal.append(Buffer.from('c'));
      opened.journal.close();
      const again = open(path);
      assert.deepEqual(texts(again.messages), ['a', 'b', 'c']);
      assert.deepEqual(again.warnings, []);
      again.journal.close();
    }
  });

  /** The issue's file in small: 1,000 records, one bit flipped in record 100's length. */
  function flippedLength(): { path: string; bytes: Buffer; at: number } {
    const { bytes, offsets } = manyRecords(1_000);
    const at = offsets[99]!;
    bytes[at]! ^= 0x40;
    const path = newPath();
    writeFileSync(path, bytes);
    return { path, bytes, at };
  }

  test('corruption: one line naming the file, the byte and the record; the file untouched, nothing warned', () => {
    const { path, bytes, at } = flippedLength();
    const warnings: string[] = [];
    assert.throws(
      () => Journal.open(path, { warn: (line) => warnings.push(line) }),
      (error: unknown) =>
        error instanceof JournalError &&
        error.code === 'CORRUPT' &&
        !error.message.includes('\n') &&
        error.message.startsWith(`${path} is corrupt at byte ${at}, record 100: its head fails its checksum;`) &&
        error.message.includes('--data-recover keeps the 99 records before it'),
    );
    assert.deepEqual(readFileSync(path), bytes);
    assert.deepEqual(warnings, []);
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith(`${basename(path)}.`)), [], 'no side file');
  });

  test('recover: the valid records kept, the rest moved to a side file byte for byte, one line; appends go on', () => {
    const { path, bytes, at } = flippedLength();
    const warnings: string[] = [];
    const opened = Journal.open(path, { recover: true, warn: (line) => warnings.push(line) });
    assert.equal(opened.messages.length, 99);
    assert.equal(opened.messages.at(-1)?.toString(), 'message 99');
    const sideFile = opened.dropped?.sideFile;
    assert.ok(sideFile !== undefined && sideFile.startsWith(`${path}.corrupt-`), String(sideFile));
    assert.deepEqual(readFileSync(sideFile), bytes.subarray(at));
    assert.deepEqual(readFileSync(path), bytes.subarray(0, at));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`^${path}: corrupt at byte ${at}, record 100 \\(its head fails its checksum\\); kept the 99 records before it, 99 messages restored, and moved the ${bytes.length - at} bytes from there to ${sideFile}$`));
    opened.journal.append(Buffer.from('after the recovery'));
    opened.journal.close();
    const again = open(path);
    assert.deepEqual(again.warnings, []);
    assert.equal(again.records, 100, 'numbered on from the kept records');
    assert.equal(again.messages.at(-1)?.toString(), 'after the recovery');
    again.journal.close();
  });

  test('recover on a healthy or torn file changes nothing more than without it', () => {
    const path = newPath();
    writeFileSync(path, Buffer.concat([journalOf('a'), Buffer.from([0, 0])]));
    const opened = Journal.open(path, { recover: true, warn: () => {} });
    assert.equal(opened.dropped?.torn, true);
    assert.equal(opened.dropped?.sideFile, undefined);
    opened.journal.close();
    assert.deepEqual(readFileSync(path), journalOf('a'));
  });

  test('a side file that cannot be written: JournalError, the journal untouched', () => {
    const { path, bytes } = flippedLength();
    const refuse = ((name: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
      if (String(name).includes('.corrupt-')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      return fs.openSync(name, flags, mode);
    }) as JournalFileSystem['openSync'];
    assert.throws(
      () => Journal.open(path, { recover: true, warn: () => {}, fs: { ...fs, openSync: refuse } }),
      (error: unknown) => error instanceof JournalError && /cannot move the corrupt part of .* no space left on the device; the file is left as it is$/.test(error.message),
    );
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('a format-1 journal is rewritten in format 2 (one line) and goes on numbered', () => {
    const path = newPath();
    writeFileSync(path, Buffer.concat([format1('old', CLEAR, 'one', 'two'), Buffer.from([0, 0, 0])]));
    const opened = open(path);
    assert.deepEqual(texts(opened.messages), ['one', 'two']);
    assert.equal(opened.warnings.length, 2, 'the torn tail, then the rewrite');
    assert.match(opened.warnings[1]!, /rewrote the journal in format 2 \(it was in format 1\); 2 messages restored$/);
    assert.deepEqual(readFileSync(path), journalOf('one', 'two'));
    opened.journal.append(Buffer.from('three'));
    opened.journal.close();
    assert.deepEqual(readFileSync(path), journalOf('one', 'two', 'three'));
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.upgrade')), [], 'no temporary file left');
  });

  test('a corrupt format-1 journal is refused like any other, untouched', () => {
    const path = newPath();
    const bytes = format1('a', 'b', 'c');
    bytes[8 + 10]! ^= 0x10; // record 2's length, now past the end
    writeFileSync(path, bytes);
    assert.throws(() => open(path), { code: 'CORRUPT', message: /at byte 18, record 2: its 268435457 bytes of payload run past the end of the file/ });
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('a file that is not a journal, a directory, a missing folder: JournalError, file untouched', () => {
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
    assert.deepEqual(readFileSync(path), journalOf('stored'), 'the half record was cut off');
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
    assert.deepEqual(readFileSync(path), journalOf('gone', CLEAR, 'kept'));
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
    writeFileSync(path, journalOf('old', 'older? no: newer'));
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
    assert.deepEqual(readFileSync(path), journalOf('fits'));
  });

  test('a journal holding more than the limits: JournalError OVER_LIMITS', () => {
    const path = newPath();
    writeFileSync(path, journalOf('1', '2', '3'));
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
