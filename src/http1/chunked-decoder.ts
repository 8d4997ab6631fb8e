import { BodyBuffer } from './body-buffer.js';
import { parseFieldLine } from './field-line.js';
import type { Limits } from './limits.js';
import { maybeLine } from './line-splitter.js';
import { ProtocolError } from './protocol-error.js';
import { BACKSLASH, CR, DQUOTE, EQUALS, FIELD_VALUE_BYTE, hexValue, HTAB, LF, QDTEXT, SEMICOLON, SP, TCHAR } from './tokens.js';

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
 * Its lines (chunk-size lines, the CRLF after chunk data, the last chunk, trailers and the final
 * empty line) end in CRLF, unless `allowBareLf`. Chunk extensions are checked against their
 * grammar and ignored; trailer fields are parsed like header fields (so malformed ones are
 * rejected) and then dropped. The chunk data is copied into one body, so a body of many small
 * chunks costs no more than one of a single chunk.
 */
export class ChunkedDecoder {
  readonly body: BodyBuffer;
  /** The chunk sizes announced so far, checked against the body limit before their data is read. */
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
    this.body = new BodyBuffer(limits.maxBodyBytes);
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
        this.body.append(buf, pos, pos + take);
        pos += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'data-end') {
        const next = this.readDataEnd(buf, pos, offset);
        if (next === pos) return pos;
        pos = next;
        continue;
      }
      if (this.state === 'size') {
        const next = this.readPlainSizeLine(buf, pos, offset);
        if (next !== -1) {
          pos = next;
          continue;
        }
      }
      const line = maybeLine(buf, pos);
      if (line === undefined) {
        this.checkPartialLine(buf.length - pos, offset + pos);
        return pos;
      }
      if (line.bareLf && !this.allowBareLf) throw new ProtocolError('BARE_LF', 'Chunked framing line ends with LF alone', offset + line.end);
      if (this.state === 'size') this.readSizeLine(buf, line.start, line.end, offset + line.start);
      else this.readTrailerLine(buf, line.start, line.end, line.next - line.start, offset + line.start);
      pos = line.next;
    }
    return pos;
  }

  /**
   * The line end after chunk data, judged byte by byte, so a chunk longer than its size is
   * refused at its first extra byte. Returns where it stopped: `pos` while it waits for bytes.
   */
  private readDataEnd(buf: Buffer, pos: number, offset: number): number {
    if (pos === buf.length) return pos;
    const first = buf[pos];
    if (first === LF && this.allowBareLf) {
      this.state = 'size';
      return pos + 1;
    }
    if (first === LF) throw new ProtocolError('BARE_LF', 'Chunk data is followed by LF alone, not CRLF', offset + pos);
    if (first !== CR) throw new ProtocolError('INVALID_CHUNK', 'Chunk data is longer than its size', offset + pos);
    if (pos + 1 === buf.length) return pos;
    if (buf[pos + 1] !== LF) throw new ProtocolError('INVALID_CHUNK', 'Chunk data is followed by CR without LF', offset + pos);
    this.state = 'size';
    return pos + 2;
  }

  private checkPartialLine(pending: number, offset: number): void {
    // The pending bytes may end with the CR of a line that is just within the limit.
    if (this.state === 'size' && pending > this.maxLineBytes + 1) {
      throw new ProtocolError('INVALID_CHUNK', 'Chunk-size line is too long', offset);
    }
    if (this.state === 'trailers' && this.trailerBytes + pending > this.limits.maxHeaderBytes) {
      throw new ProtocolError('HEADERS_TOO_LARGE', 'Trailer section is too large', offset);
    }
  }

  /**
   * The common chunk-size line, hex digits and CRLF, read where it stands: a body of many small
   * chunks is read at the pace of its bytes. Returns where the line ends, or -1 for any other
   * line (an extension, LF alone, a size too large, one not whole yet): readSizeLine judges those.
   */
  private readPlainSizeLine(buf: Buffer, start: number, offset: number): number {
    let size = 0;
    let i = start;
    // A line longer than the limit is readSizeLine's to refuse: no need to scan past it.
    const stop = Math.min(buf.length, start + this.maxLineBytes + 1);
    for (; i < stop; i++) {
      const digit = hexValue(buf[i]!);
      if (digit === -1) break;
      size = size * 16 + digit;
    }
    if (i === start || i - start > this.maxLineBytes || size > MAX_CHUNK_SIZE || buf[i] !== CR || buf[i + 1] !== LF) return -1;
    this.startChunk(size, offset + start);
    return i + 2;
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
    checkExtensions(buf, i, end, offset - start);
    this.startChunk(size, offset);
  }

  private startChunk(size: number, offset: number): void {
    if (this.bodyBytes + size > this.limits.maxBodyBytes) {
      throw new ProtocolError('BODY_TOO_LARGE', `Chunked body exceeds ${this.limits.maxBodyBytes} bytes`, offset);
    }
    this.bodyBytes += size;
    this.remaining = size;
    this.state = size === 0 ? 'trailers' : 'data';
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

/**
 * chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), a name being a token
 * and a value a token or a quoted-string (RFC 9112 §7.1.1). Checked whole, though ignored: a
 * chunk line that does not match is a malformed chunk. `base` is the stream position of buf[0].
 */
function checkExtensions(buf: Buffer, start: number, end: number, base: number): void {
  let i = start;
  for (;;) {
    const semicolon = skipWhitespace(buf, i, end);
    if (semicolon === end) {
      if (semicolon !== i) throw malformed('Whitespace at the end of a chunk-size line', base + i);
      return;
    }
    if (buf[semicolon] !== SEMICOLON) throw malformed(`${i === start ? 'Chunk-size' : 'A chunk extension'} is followed by something other than ";"`, base + semicolon);
    const name = skipWhitespace(buf, semicolon + 1, end);
    i = skipToken(buf, name, end);
    if (i === name) throw malformed('Chunk extension has no name (a token)', base + name);
    const equals = skipWhitespace(buf, i, end);
    if (equals === end || buf[equals] !== EQUALS) continue;
    const value = skipWhitespace(buf, equals + 1, end);
    i = value < end && buf[value] === DQUOTE ? skipQuotedString(buf, value, end, base) : skipToken(buf, value, end);
    if (i === value) throw malformed('Chunk extension value is neither a token nor a quoted-string', base + value);
  }
}

/** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4), from the DQUOTE at `start`. */
function skipQuotedString(buf: Buffer, start: number, end: number, base: number): number {
  for (let i = start + 1; i < end; i++) {
    const byte = buf[i]!;
    if (byte === DQUOTE) return i + 1;
    if (byte === BACKSLASH) {
      i++;
      // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ): the bytes of a field value.
      if (i === end || FIELD_VALUE_BYTE[buf[i]!] !== 1) throw malformed('A quoted-pair in a chunk extension escapes no valid byte', base + i);
    } else if (QDTEXT[byte] !== 1) {
      throw malformed('Control byte in a quoted chunk extension value', base + i);
    }
  }
  throw malformed('Quoted chunk extension value has no closing quote', base + start);
}

/** Made only once a line is refused: no closure per chunk line on the path every chunk takes. */
function malformed(reason: string, offset: number): ProtocolError {
  return new ProtocolError('INVALID_CHUNK', reason, offset);
}

function skipWhitespace(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++;
  return i;
}

function skipToken(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && TCHAR[buf[i]!] === 1) i++;
  return i;
}
