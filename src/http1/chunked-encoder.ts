import type { Headers } from './headers.js';
import { fieldLines } from './serializer.js';

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * The chunked transfer coding written (RFC 9112 §7.1), the mirror of ChunkedDecoder. Extensions
 * and trailers are written as given, unchecked, so that a fuzzer can send odd ones on purpose.
 */

/** One chunk: its data, and what follows the size on its line (`;name=value`, or nothing). */
export interface ChunkSpec {
  readonly data: Buffer;
  readonly extension?: string;
}

/** What ends a chunked body: the last chunk's extension and the trailer fields. */
export interface LastChunkSpec {
  readonly extension?: string;
  readonly trailers?: Headers;
}

/** chunk-size [ chunk-ext ] CRLF: the size in hexadecimal. */
export function chunkSizeLine(size: number, extension = ''): string {
  return `${size.toString(16)}${extension}\r\n`;
}

/** last-chunk trailer-section CRLF: `0`, the extension, the trailer fields and the empty line. */
export function lastChunk(last: LastChunkSpec = {}): string {
  return `${chunkSizeLine(0, last.extension)}${fieldLines(last.trailers ?? [])}\r\n`;
}

/**
 * A whole chunked body: each chunk as given, then the last chunk. A chunk of no data is written
 * too, and reads as the last chunk: that is the caller's choice.
 */
export function encodeChunked(chunks: readonly ChunkSpec[], last: LastChunkSpec = {}): Buffer {
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(Buffer.from(chunkSizeLine(chunk.data.length, chunk.extension), 'latin1'), chunk.data, CRLF);
  parts.push(Buffer.from(lastChunk(last), 'latin1'));
  return Buffer.concat(parts);
}
