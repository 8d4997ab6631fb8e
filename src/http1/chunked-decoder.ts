import { parseFieldLine } from './field-line.js';
import type { Limits } from './limits.js';
import { maybeLine } from './line-splitter.js';
import { ProtocolError } from './protocol-error.js';
import { FIELD_VALUE_BYTE, HTAB, SP } from './tokens.js';

/**
 * Longest chunk-size line accepted, extensions included: generous, but bounded, and never more
 * than the header section limit, so a parser holds no more than its limits add up to.
 */
const MAX_CHUNK_LINE_BYTES = 4096;
/** Largest chunk size read: an exact integer, and far above any body limit. Leading zeros do not count. */
const MAX_CHUNK_SIZE = 2 ** 52;

type State = 'size' | 'data' | 'data-end' | 'trailers' | 'done';

/**
 * Decodes the chunked transfer coding (RFC 9112 §7.1) incrementally from a shared buffer.
 * Chunk extensions are checked for control bytes and otherwise ignored; trailer fields are
 * parsed like header fields (so malformed ones are rejected) and then dropped.
 */
export class ChunkedDecoder {
  readonly parts: Buffer[] = [];
  bodyBytes = 0;
  private state: State = 'size';
  private remaining = 0;
  private trailerBytes = 0;
  private readonly maxLineBytes: number;

  constructor(
    private readonly limits: Limits,
    private readonly allowBareLf: boolean,
  ) {
    this.maxLineBytes = Math.min(MAX_CHUNK_LINE_BYTES, limits.maxHeaderBytes);
  }

  /** Chunk data received so far; `bodyBytes` also counts what the current chunk's size announced. */
  get receivedBytes(): number {
    return this.bodyBytes - this.remaining;
  }

  get done(): boolean {
    return this.state === 'done';
  }

  /**
   * Consumes what it can of buf[start..] and returns the index it stopped at.
   * `offset` is the stream position of buf[0], for error positions.
   */
  read(buf: Buffer, start: number, offset: number): number {
    let pos = start;
    while (this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, buf.length - pos);
        if (take === 0) return pos;
        this.parts.push(buf.subarray(pos, pos + take));
        pos += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const line = maybeLine(buf, pos);
      if (line === undefined) {
        this.checkPartialLine(buf.length - pos, offset + pos);
        return pos;
      }
      if (line.bareLf && !this.allowBareLf) throw new ProtocolError('BARE_LF', 'Chunk line ends with LF alone', offset + line.end);
      if (this.state === 'size') this.readSizeLine(buf, line.start, line.end, offset + line.start);
      else if (this.state === 'data-end') this.readDataEnd(line.start, line.end, offset + line.start);
      else this.readTrailerLine(buf, line.start, line.end, line.next - line.start, offset + line.start);
      pos = line.next;
    }
    return pos;
  }

  private checkPartialLine(pending: number, offset: number): void {
    if (this.state === 'data-end' && pending >= 2) {
      throw new ProtocolError('INVALID_CHUNK', 'Chunk data is not followed by CRLF', offset);
    }
    // The pending bytes may end with the CR of a line that is just within the limit.
    if (this.state === 'size' && pending > this.maxLineBytes + 1) {
      throw new ProtocolError('INVALID_CHUNK', 'Chunk-size line is too long', offset);
    }
    if (this.state === 'trailers' && this.trailerBytes + pending > this.limits.maxHeaderBytes) {
      throw new ProtocolError('HEADERS_TOO_LARGE', 'Trailer section is too large', offset);
    }
  }

  // chunk = chunk-size [ chunk-ext ] CRLF; chunk-size = 1*HEXDIG
  private readSizeLine(buf: Buffer, start: number, end: number, offset: number): void {
    if (end - start > this.maxLineBytes) throw new ProtocolError('INVALID_CHUNK', 'Chunk-size line is too long', offset);
    let size = 0;
    let i = start;
    for (; i < end; i++) {
      const digit = hexValue(buf[i]!);
      if (digit === -1) break;
      size = size * 16 + digit;
      if (size > MAX_CHUNK_SIZE) throw new ProtocolError('BODY_TOO_LARGE', 'Chunk size is too large', offset);
    }
    if (i === start) throw new ProtocolError('INVALID_CHUNK', 'Chunk-size is not a hexadecimal number', offset);
    checkExtensions(buf, i, end, offset + i - start);
    if (this.bodyBytes + size > this.limits.maxBodyBytes) {
      throw new ProtocolError('BODY_TOO_LARGE', `Chunked body exceeds ${this.limits.maxBodyBytes} bytes`, offset);
    }
    this.bodyBytes += size;
    this.remaining = size;
    this.state = size === 0 ? 'trailers' : 'data';
  }

  private readDataEnd(start: number, end: number, offset: number): void {
    if (end !== start) throw new ProtocolError('INVALID_CHUNK', 'Chunk data is longer than its size', offset);
    this.state = 'size';
  }

  private readTrailerLine(buf: Buffer, start: number, end: number, lineBytes: number, offset: number): void {
    if (end === start) {
      this.state = 'done';
      return;
    }
    this.trailerBytes += lineBytes;
    if (this.trailerBytes > this.limits.maxHeaderBytes) throw new ProtocolError('HEADERS_TOO_LARGE', 'Trailer section is too large', offset);
    parseFieldLine(buf, start, end, offset);
  }
}

/** chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ): only `;` may follow the size. */
function checkExtensions(buf: Buffer, start: number, end: number, offset: number): void {
  let i = start;
  while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++;
  if (i === end) {
    if (i !== start) throw new ProtocolError('INVALID_CHUNK', 'Whitespace after chunk-size', offset);
    return;
  }
  if (buf[i] !== 0x3b) throw new ProtocolError('INVALID_CHUNK', 'Chunk-size is followed by something other than an extension', offset + i - start);
  for (; i < end; i++) {
    if (FIELD_VALUE_BYTE[buf[i]!] !== 1) throw new ProtocolError('INVALID_CHUNK', 'Control byte in chunk extension', offset + i - start);
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}
