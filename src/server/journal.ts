/**
 * The durable store's append-only journal (`--data FILE`): one record per stored POST or per
 * DELETE, each written and synced to disk before the store changes and before the response is
 * sent, and replayed when the server starts.
 *
 * The file is an 8-byte magic, `WCJRNL2\n` (the digit is the format), then records:
 *
 *     length   uint32 BE   bytes of payload
 *     kind     uint8       1 = append (the payload is the message), 2 = clear (no payload)
 *     number   uint32 BE   1 for the first record after the magic, then one more each
 *     head     uint32 BE   CRC-32 (IEEE) of length, kind and number
 *     payload  length bytes
 *     crc32    uint32 BE   CRC-32 of everything before it in the record
 *
 * The head's own checksum lets the length be trusted before it is used, and the numbers show a
 * record deleted or repeated. Format 1 (`WCJRNL1\n`: length, kind, payload, crc32) is still read,
 * and rewritten as format 2 when opened.
 *
 * Everything here is synchronous (`writeSync` then `fdatasyncSync`): the server answers a request
 * in one turn of the event loop, so the order of the records is the order of the responses.
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

export const JOURNAL_MAGIC = Buffer.from('WCJRNL2\n', 'latin1');
/** Any format's magic: the format is the digit. */
const MAGIC = /^WCJRNL(\d)\n$/;
/** length, kind, number and head before the payload. */
export const RECORD_HEAD = 13;
/** The head and the crc32 after the payload: the size of a clear record. */
export const RECORD_OVERHEAD = RECORD_HEAD + 4;
export const RECORD_APPEND = 1;
export const RECORD_CLEAR = 2;
const MAX_PAYLOAD = 0xffff_ffff;

export type JournalErrorCode =
  /** The file cannot be opened, read or created (missing folder, permissions, a directory). */
  | 'UNREADABLE'
  /** The file exists but does not start with the journal's magic: it is not ours to overwrite. */
  | 'NOT_A_JOURNAL'
  /** A journal of a format this version does not know (a newer one). */
  | 'UNKNOWN_FORMAT'
  /** Bytes after the valid records that are not a torn last record (see `scanJournal`). */
  | 'CORRUPT'
  /** The journal holds more than the store's limits allow. */
  | 'OVER_LIMITS';

/** The data file cannot be used; the server does not start (the CLI prints the message, exit 1). */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    readonly code: JournalErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The file-system calls the journal makes; tests swap some for ones that fail. */
export type JournalFileSystem = Pick<
  typeof nodeFs,
  'openSync' | 'closeSync' | 'fstatSync' | 'readSync' | 'writeSync' | 'fdatasyncSync' | 'fsyncSync' | 'ftruncateSync' | 'renameSync'
>;

export interface JournalOpenOptions {
  /** Where the one-line warnings go (a torn last record dropped, a recovery, a write that failed). */
  readonly warn?: (line: string) => void;
  /**
   * On corruption, keep the valid records and move the rest of the file to a side file
   * (`--data-recover`) instead of refusing the file.
   */
  readonly recover?: boolean;
  readonly fs?: JournalFileSystem;
}

/** What follows the valid records of a file, when anything does. */
export interface JournalTail {
  /** Where it starts: the length of the valid part. */
  readonly offset: number;
  readonly bytes: number;
  /** The number the record there should have: the valid records before it, plus one. */
  readonly record: number;
  /** True for what a crash can leave: the last record unfinished, and no whole record lost. */
  readonly torn: boolean;
  /** What is wrong with it, for the one line that says so. */
  readonly problem: string;
}

export interface OpenedJournal {
  readonly journal: Journal;
  /** The messages stored since the last clear, in order, to load into the store. */
  readonly messages: Buffer[];
  readonly records: number;
  /** A torn last record, cut off; or, with `recover`, the corrupt part, moved to `sideFile`. */
  readonly dropped: (JournalTail & { readonly sideFile?: string }) | undefined;
}

/** What a scan of the file's bytes found. Pure: used by `Journal.open` and by the tests. */
export interface JournalScan {
  readonly format: 1 | 2;
  readonly messages: Buffer[];
  readonly records: number;
  /** Length of the valid part: the magic and every whole, checked record. */
  readonly validBytes: number;
  readonly tail: JournalTail | undefined;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib and PNG): `crc32(Buffer.from('123456789')) === 0xcbf43926`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = -1;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** One record's bytes; `number` is its place in the file, from 1. */
export function encodeRecord(kind: number, number: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const record = Buffer.allocUnsafe(RECORD_OVERHEAD + payload.length);
  record.writeUInt32BE(payload.length, 0);
  record.writeUInt8(kind, 4);
  record.writeUInt32BE(number >>> 0, 5);
  record.writeUInt32BE(crc32(record, 0, 9), 9);
  record.set(payload, RECORD_HEAD);
  record.writeUInt32BE(crc32(record, 0, RECORD_HEAD + payload.length), RECORD_HEAD + payload.length);
  return record;
}

/** A record that checked out: where its payload is and where the next record starts. */
interface WholeRecord {
  readonly kind: number;
  readonly payload: number;
  readonly end: number;
}
type Problem = { readonly torn: boolean; readonly problem: string };

/**
 * Reads a journal's bytes (magic included). Each record is synced before the next is written,
 * so a crash leaves at most the last record unfinished, and nothing after it. A bad record is
 * therefore *torn*, and dropped, only when no whole record can be lost with it:
 * - fewer bytes remain than the smallest record;
 * - its head checks (length, kind and number right) and its payload runs past the end of the file;
 * - it ends exactly at the end of the file and fails its checksum.
 * Anything else is corruption and is reported, never guessed at (`tail.torn` false): a head that
 * fails its checksum (a flipped length, zeros from there on), a number out of sequence (a record
 * deleted or repeated), a bad checksum with more bytes after it. A head that a crash garbled is
 * among these: it cannot be told from a corrupt one. In format 1 a length past the end is
 * corruption too, since nothing checks it.
 */
export function scanJournal(bytes: Buffer, name = 'the journal'): JournalScan {
  const format = journalFormat(bytes, name);
  const read = format === 1 ? readFormat1Record : readRecord;
  let messages: Buffer[] = [];
  let records = 0;
  let offset = JOURNAL_MAGIC.length;
  while (offset < bytes.length) {
    const record = read(bytes, offset, records + 1);
    if ('problem' in record) {
      const tail = { offset, bytes: bytes.length - offset, record: records + 1, ...record };
      return { format, messages, records, validBytes: offset, tail };
    }
    if (record.kind === RECORD_APPEND) messages.push(bytes.subarray(record.payload, record.end - 4));
    else messages = [];
    records++;
    offset = record.end;
  }
  return { format, messages, records, validBytes: offset, tail: undefined };
}

function journalFormat(bytes: Buffer, name: string): 1 | 2 {
  const magic = MAGIC.exec(bytes.subarray(0, JOURNAL_MAGIC.length).toString('latin1'));
  if (magic === null) {
    throw new JournalError('NOT_A_JOURNAL', `${name} is not a wirecheck journal (it does not start with ${JSON.stringify(JOURNAL_MAGIC.toString('latin1'))})`);
  }
  if (magic[1] === '1' || magic[1] === '2') return Number(magic[1]) as 1 | 2;
  throw new JournalError('UNKNOWN_FORMAT', `${name} is a wirecheck journal of format ${magic[1]}, which this version does not read (formats 1 and 2)`);
}

function readRecord(bytes: Buffer, offset: number, number: number): WholeRecord | Problem {
  const left = bytes.length - offset;
  if (left < RECORD_OVERHEAD) return { torn: true, problem: `only ${left} bytes, less than a record` };
  if (bytes.readUInt32BE(offset + 9) !== crc32(bytes, offset, offset + 9)) return { torn: false, problem: 'its head fails its checksum' };
  const found = bytes.readUInt32BE(offset + 5);
  if (found !== number >>> 0) {
    const missing = found - number;
    const why = missing < 0 ? 'a record repeats or is out of place' : `${missing} record${missing === 1 ? ' is' : 's are'} missing before it`;
    return { torn: false, problem: `it is numbered ${found}: ${why}` };
  }
  const kind = bytes[offset + 4]!;
  const length = bytes.readUInt32BE(offset);
  return kindProblem(kind, length) ?? checkRecord(bytes, offset, kind, length, RECORD_HEAD, true);
}

/** Format 1: length, kind, payload, crc32. Nothing checks the length before it is used, nor the kind before the checksum. */
function readFormat1Record(bytes: Buffer, offset: number): WholeRecord | Problem {
  const left = bytes.length - offset;
  if (left < 9) return { torn: true, problem: `only ${left} bytes, less than a record` };
  const kind = bytes[offset + 4]!;
  const length = bytes.readUInt32BE(offset);
  const record = checkRecord(bytes, offset, kind, length, 5, false);
  return ('problem' in record ? undefined : kindProblem(kind, length)) ?? record;
}

function kindProblem(kind: number, length: number): Problem | undefined {
  const known = kind === RECORD_APPEND ? length > 0 : kind === RECORD_CLEAR && length === 0;
  return known ? undefined : { torn: false, problem: `it has kind ${kind} and ${length} bytes of payload` };
}

/** The payload's end and the checksum; `head` is the bytes before the payload. */
function checkRecord(bytes: Buffer, offset: number, kind: number, length: number, head: number, lengthChecked: boolean): WholeRecord | Problem {
  const end = offset + head + length + 4;
  if (end > bytes.length) return { torn: lengthChecked, problem: `its ${length} bytes of payload run past the end of the file` };
  if (bytes.readUInt32BE(end - 4) !== crc32(bytes, offset, end - 4)) {
    const after = bytes.length - end;
    return after === 0 ? { torn: true, problem: 'it fails its checksum' } : { torn: false, problem: `it fails its checksum and ${after} bytes follow it` };
  }
  return { kind, payload: offset + head, end };
}

/**
 * An open journal. Once a write or a sync fails the journal stops (`failure` is set): after a
 * failed fsync nobody knows what the disk holds, so nothing more is acknowledged as stored.
 */
export class Journal {
  private size: number;
  /** The number the next record gets. */
  private next: number;
  private failed: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    size: number,
    records: number,
    private readonly fs: JournalFileSystem,
    private readonly warn: (line: string) => void,
  ) {
    this.size = size;
    this.next = records + 1;
  }

  /**
   * Opens `path` (creating it if missing or empty), replays it, and cuts off a torn last record
   * with one warning. Throws JournalError when the file cannot be used, corrupt included unless
   * `recover` is set; the file is then left as it was.
   */
  static open(path: string, options: JournalOpenOptions = {}): OpenedJournal {
    const fs = options.fs ?? nodeFs;
    const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    let fd: number;
    try {
      // 'a+': read anywhere, every write goes to the end of the file (O_APPEND), created if missing.
      fd = fs.openSync(path, 'a+', 0o644);
    } catch (error) {
      throw unusable(path, error);
    }
    try {
      const bytes = Journal.load(path, fd, fs);
      const scan = scanJournal(bytes, path);
      const dropped = scan.tail === undefined ? undefined : Journal.cutTail(path, fd, fs, bytes, scan, options.recover === true, warn);
      let { records, validBytes: size } = scan;
      if (scan.format === 1) {
        ({ fd, size } = Journal.upgrade(path, fd, fs, scan.messages));
        records = scan.messages.length;
        warn(`${path}: rewrote the journal in format 2 (it was in format 1); ${records} messages restored`);
      }
      return { journal: new Journal(path, fd, size, records, fs, warn), messages: scan.messages, records, dropped };
    } catch (error) {
      fs.closeSync(fd);
      throw error instanceof JournalError ? error : unusable(path, error);
    }
  }

  /** Reads the whole file; a new or empty file gets its magic first. */
  private static load(path: string, fd: number, fs: JournalFileSystem): Buffer {
    const size = fs.fstatSync(fd).size;
    const head = readAt(fs, fd, 0, Math.min(size, JOURNAL_MAGIC.length));
    // Empty, or torn while the magic itself was written: start afresh.
    if (size < JOURNAL_MAGIC.length && head.equals(JOURNAL_MAGIC.subarray(0, size))) {
      if (size > 0) fs.ftruncateSync(fd, 0);
      writeAll(fs, fd, JOURNAL_MAGIC);
      fs.fdatasyncSync(fd);
      syncDirectory(fs, path);
      return JOURNAL_MAGIC;
    }
    // Check the magic before reading a file that may not be ours, and may be large.
    journalFormat(head, path);
    return readAt(fs, fd, 0, size);
  }

  /**
   * Cuts the file back to its valid records, with one line that says so: a torn tail always; a
   * corrupt one only to recover, once it is safe in a side file. Otherwise corruption throws.
   */
  private static cutTail(path: string, fd: number, fs: JournalFileSystem, bytes: Buffer, scan: JournalScan, recover: boolean, warn: (line: string) => void): OpenedJournal['dropped'] {
    const tail = scan.tail!;
    const at = `at byte ${tail.offset}, record ${tail.record}`;
    const kept = `the ${tail.record - 1} records before it`;
    if (!tail.torn && !recover) {
      throw new JournalError(
        'CORRUPT',
        `${path} is corrupt ${at}: ${tail.problem}; the file is left as it is (--data-recover keeps ${kept} and moves the ${tail.bytes} bytes from there to a side file)`,
      );
    }
    const sideFile = tail.torn ? undefined : keepAside(fs, path, bytes.subarray(tail.offset));
    fs.ftruncateSync(fd, tail.offset);
    fs.fdatasyncSync(fd);
    warn(
      sideFile === undefined
        ? `${path}: dropped an unfinished last record at byte ${tail.offset} (${tail.bytes} bytes), left by a write that did not complete; ${scan.messages.length} messages restored`
        : `${path}: corrupt ${at} (${tail.problem}); kept ${kept}, ${scan.messages.length} messages restored, and moved the ${tail.bytes} bytes from there to ${sideFile}`,
    );
    return sideFile === undefined ? tail : { ...tail, sideFile };
  }

  /**
   * Rewrites a format-1 journal as format 2, its messages numbered from 1: a new file renamed
   * over the old one, so that a crash leaves one or the other. Returns the new file, open.
   */
  private static upgrade(path: string, fd: number, fs: JournalFileSystem, messages: readonly Buffer[]): { fd: number; size: number } {
    const bytes = Buffer.concat([JOURNAL_MAGIC, ...messages.map((message, i) => encodeRecord(RECORD_APPEND, i + 1, message))]);
    const temporary = `${path}.upgrade`;
    writeNewFile(fs, temporary, 'w', bytes);
    fs.renameSync(temporary, path);
    syncDirectory(fs, path);
    const upgraded = fs.openSync(path, 'a+', 0o644);
    fs.closeSync(fd);
    return { fd: upgraded, size: bytes.length };
  }

  /** The write or sync error that stopped the journal, if one did. */
  get failure(): Error | undefined {
    return this.failed;
  }

  /** Bytes in the file: the magic and the records written. */
  get bytes(): number {
    return this.size;
  }

  /** Writes and syncs an append record; false (nothing recorded) when the journal has stopped or the write fails. */
  append(message: Uint8Array): boolean {
    if (message.length > MAX_PAYLOAD) return false;
    return this.write(encodeRecord(RECORD_APPEND, this.next, message));
  }

  /**
   * Writes and syncs a clear record, then compacts: the store is empty, so the file is cut back
   * to its magic. It never holds more than the messages since the last clear (and that clear).
   * A compaction that fails costs nothing but space: the clear record already says it all.
   */
  clear(): boolean {
    if (!this.write(encodeRecord(RECORD_CLEAR, this.next))) return false;
    try {
      this.fs.ftruncateSync(this.fd, JOURNAL_MAGIC.length);
      this.fs.fdatasyncSync(this.fd);
      this.size = JOURNAL_MAGIC.length;
      this.next = 1;
    } catch (error) {
      // Cut or not, the file replays to an empty store; appends go on at its end (O_APPEND).
      this.warn(`${this.path}: cannot compact the journal after a clear (${describe(error)}); it keeps its older records`);
      try {
        this.size = this.fs.fstatSync(this.fd).size;
        // Cut but not synced: numbering starts again where the file does.
        if (this.size === JOURNAL_MAGIC.length) this.next = 1;
      } catch (statError) {
        this.stop(statError, 'measure');
      }
    }
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fs.closeSync(this.fd);
  }

  private write(record: Buffer): boolean {
    if (this.failed !== undefined || this.closed) return false;
    try {
      writeAll(this.fs, this.fd, record);
      this.fs.fdatasyncSync(this.fd);
    } catch (error) {
      this.stop(error, 'write to');
      // Cut off whatever part of the record reached the file, so the next start does not see it.
      try {
        this.fs.ftruncateSync(this.fd, this.size);
      } catch {
        // The torn record is then dropped (with a warning) when the journal is next opened.
      }
      return false;
    }
    this.size += record.length;
    this.next++;
    return true;
  }

  private stop(error: unknown, doing: string): void {
    this.failed = error instanceof Error ? error : new Error(String(error));
    this.warn(`${this.path}: cannot ${doing} the journal (${describe(error)}); from now on nothing more is stored or cleared`);
  }
}

function readAt(fs: JournalFileSystem, fd: number, position: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, out, done, length - done, position + done);
    if (n === 0) return out.subarray(0, done);
    done += n;
  }
  return out;
}

/** Creates `path` (`flag` 'wx' refuses an existing one) holding `bytes`, synced. */
function writeNewFile(fs: JournalFileSystem, path: string, flag: 'w' | 'wx', bytes: Buffer): void {
  const fd = fs.openSync(path, flag, 0o644);
  try {
    writeAll(fs, fd, bytes);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Keeps the corrupt part of `path` in a new file beside it, on disk before the journal is cut. */
function keepAside(fs: JournalFileSystem, path: string, bytes: Buffer): string {
  const sideFile = `${path}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  try {
    writeNewFile(fs, sideFile, 'wx', bytes);
  } catch (error) {
    throw new JournalError('UNREADABLE', `cannot move the corrupt part of ${path} to ${sideFile}: ${describe(error)}; the file is left as it is`);
  }
  syncDirectory(fs, sideFile);
  return sideFile;
}

function writeAll(fs: JournalFileSystem, fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Makes a newly created file's directory entry durable too (Linux; elsewhere a no-op if refused). */
function syncDirectory(fs: JournalFileSystem, path: string): void {
  let dir: number | undefined;
  try {
    dir = fs.openSync(dirname(path), 'r');
    fs.fsyncSync(dir);
  } catch {
    // Not supported for directories on this platform.
  } finally {
    if (dir !== undefined) fs.closeSync(dir);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return code ?? (error instanceof Error ? error.message : String(error));
}

function unusable(path: string, error: unknown): JournalError {
  return new JournalError('UNREADABLE', `cannot use ${path} as the data file: ${describe(error)}`);
}
