/**
 * The durable store's append-only journal (`--data FILE`): one record per stored POST or per
 * DELETE, each written and synced to disk before the store changes and before the response is
 * sent, and replayed when the server starts.
 *
 * The file is an 8-byte magic, `WCJRNL1\n`, then records:
 *
 *     length   uint32 BE   bytes of payload
 *     kind     uint8       1 = append (the payload is the message), 2 = clear (no payload)
 *     payload  length bytes
 *     crc32    uint32 BE   CRC-32 (IEEE) of length, kind and payload
 *
 * Everything here is synchronous (`writeSync` then `fdatasyncSync`): the server answers a request
 * in one turn of the event loop, so the order of the records is the order of the responses.
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

export const JOURNAL_MAGIC = Buffer.from('WCJRNL1\n', 'latin1');
/** length + kind before the payload, crc32 after it. */
export const RECORD_OVERHEAD = 9;
export const RECORD_APPEND = 1;
export const RECORD_CLEAR = 2;
const MAX_PAYLOAD = 0xffff_ffff;

export type JournalErrorCode =
  /** The file cannot be opened, read or created (missing folder, permissions, a directory). */
  | 'UNREADABLE'
  /** The file exists but does not start with the journal's magic: it is not ours to overwrite. */
  | 'NOT_A_JOURNAL'
  /** A record fails its checksum or has an unknown kind, and is not the torn last record. */
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
  'openSync' | 'closeSync' | 'fstatSync' | 'readSync' | 'writeSync' | 'fdatasyncSync' | 'fsyncSync' | 'ftruncateSync'
>;

export interface JournalOpenOptions {
  /** Where the one-line warnings go (a torn last record dropped, a write that failed). */
  readonly warn?: (line: string) => void;
  readonly fs?: JournalFileSystem;
}

/** A record that a write did not finish, found at the end of the file and cut off. */
export interface TornTail {
  /** Where it starts: the file is truncated to this length. */
  readonly offset: number;
  readonly bytes: number;
}

export interface OpenedJournal {
  readonly journal: Journal;
  /** The messages stored since the last clear, in order, to load into the store. */
  readonly messages: Buffer[];
  readonly records: number;
  readonly torn: TornTail | undefined;
}

/** What a scan of the file's bytes found. Pure: used by `Journal.open` and by the tests. */
export interface JournalScan {
  readonly messages: Buffer[];
  readonly records: number;
  /** Length of the valid part: the magic and every whole, checked record. */
  readonly validBytes: number;
  readonly torn: TornTail | undefined;
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

/** One record's bytes. */
export function encodeRecord(kind: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const record = Buffer.allocUnsafe(RECORD_OVERHEAD + payload.length);
  record.writeUInt32BE(payload.length, 0);
  record.writeUInt8(kind, 4);
  record.set(payload, 5);
  record.writeUInt32BE(crc32(record, 0, 5 + payload.length), 5 + payload.length);
  return record;
}

/**
 * Reads a journal's bytes (magic included). A crash can leave at most one record unfinished,
 * the last one, since each is synced before the next is written; so a bad record is *torn* when
 * it is the last thing in the file: it runs past the end, or it ends exactly at the end and
 * fails its checksum, or only zero bytes follow it (a file extended but never written). It is
 * dropped. A bad record with more data after it is corruption, and nothing is guessed:
 * `JournalError('CORRUPT')`.
 */
export function scanJournal(bytes: Buffer, name = 'the journal'): JournalScan {
  if (bytes.length < JOURNAL_MAGIC.length || !bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    throw new JournalError('NOT_A_JOURNAL', `${name} is not a wirecheck journal (it does not start with ${JSON.stringify(JOURNAL_MAGIC.toString('latin1'))})`);
  }
  let messages: Buffer[] = [];
  let records = 0;
  let offset = JOURNAL_MAGIC.length;
  while (offset < bytes.length) {
    const torn = { offset, bytes: bytes.length - offset };
    if (bytes.length - offset < RECORD_OVERHEAD) return { messages, records, validBytes: offset, torn };
    const length = bytes.readUInt32BE(offset);
    const end = offset + RECORD_OVERHEAD + length;
    if (end > bytes.length) return { messages, records, validBytes: offset, torn };
    const kind = bytes[offset + 4]!;
    const checked = bytes.readUInt32BE(end - 4) === crc32(bytes, offset, end - 4);
    if (!checked) {
      if (end === bytes.length || isAllZero(bytes, offset)) return { messages, records, validBytes: offset, torn };
      throw new JournalError('CORRUPT', `${name} is corrupt: the record at byte ${offset} fails its checksum and ${bytes.length - end} bytes follow it`);
    }
    if (kind === RECORD_APPEND && length > 0) messages.push(bytes.subarray(offset + 5, end - 4));
    else if (kind === RECORD_CLEAR && length === 0) messages = [];
    else throw new JournalError('CORRUPT', `${name} is corrupt: the record at byte ${offset} has kind ${kind} and ${length} bytes of payload`);
    records++;
    offset = end;
  }
  return { messages, records, validBytes: offset, torn: undefined };
}

function isAllZero(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * An open journal. Once a write or a sync fails the journal stops (`failure` is set): after a
 * failed fsync nobody knows what the disk holds, so nothing more is acknowledged as stored.
 */
export class Journal {
  private size: number;
  private failed: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    size: number,
    private readonly fs: JournalFileSystem,
    private readonly warn: (line: string) => void,
  ) {
    this.size = size;
  }

  /**
   * Opens `path` (creating it if missing or empty), replays it, and cuts off a torn last record
   * with one warning. Throws JournalError when the file cannot be used.
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
      const { scan, size } = Journal.load(path, fd, fs);
      if (scan.torn !== undefined) {
        fs.ftruncateSync(fd, scan.validBytes);
        fs.fdatasyncSync(fd);
        warn(
          `${path}: dropped an unfinished last record at byte ${scan.torn.offset} (${scan.torn.bytes} bytes), ` +
            `left by a write that did not complete; ${scan.messages.length} messages restored`,
        );
      }
      const journal = new Journal(path, fd, scan.torn === undefined ? size : scan.validBytes, fs, warn);
      return { journal, messages: scan.messages, records: scan.records, torn: scan.torn };
    } catch (error) {
      fs.closeSync(fd);
      throw error instanceof JournalError ? error : unusable(path, error);
    }
  }

  /** Reads the whole file and scans it; a new or empty file gets its magic first. */
  private static load(path: string, fd: number, fs: JournalFileSystem): { scan: JournalScan; size: number } {
    const size = fs.fstatSync(fd).size;
    const head = readAt(fs, fd, 0, Math.min(size, JOURNAL_MAGIC.length));
    // Empty, or torn while the magic itself was written: start afresh.
    if (size < JOURNAL_MAGIC.length && head.equals(JOURNAL_MAGIC.subarray(0, size))) {
      if (size > 0) fs.ftruncateSync(fd, 0);
      writeAll(fs, fd, JOURNAL_MAGIC);
      fs.fdatasyncSync(fd);
      syncDirectory(fs, path);
      return { scan: { messages: [], records: 0, validBytes: JOURNAL_MAGIC.length, torn: undefined }, size: JOURNAL_MAGIC.length };
    }
    // Check the magic before reading a file that may not be ours, and may be large.
    if (!head.equals(JOURNAL_MAGIC)) scanJournal(head, path);
    return { scan: scanJournal(readAt(fs, fd, 0, size), path), size };
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
    return this.write(encodeRecord(RECORD_APPEND, message));
  }

  /**
   * Writes and syncs a clear record, then compacts: the store is empty, so the file is cut back
   * to its magic. It never holds more than the messages since the last clear (and that clear).
   * A compaction that fails costs nothing but space: the clear record already says it all.
   */
  clear(): boolean {
    if (!this.write(encodeRecord(RECORD_CLEAR))) return false;
    try {
      this.fs.ftruncateSync(this.fd, JOURNAL_MAGIC.length);
      this.fs.fdatasyncSync(this.fd);
      this.size = JOURNAL_MAGIC.length;
    } catch (error) {
      // Cut or not, the file replays to an empty store; appends go on at its end (O_APPEND).
      this.warn(`${this.path}: cannot compact the journal after a clear (${describe(error)}); it keeps its older records`);
      try {
        this.size = this.fs.fstatSync(this.fd).size;
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
