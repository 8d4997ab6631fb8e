import type { StructuredRequestSpec } from '../fixture/fixture.js';
import { encodeChunked } from '../http1/index.js';
import { HarnessError } from './harness-errors.js';

/**
 * Requests too large to write by hand (a 9 KiB request line, 101 fields, a 1 MiB body) are a
 * fixture's structured request grown to a size a step names. The fixture keeps the shape, the
 * expected response and the why; the step says how big. Padding is plain ASCII, so sizes in
 * characters are sizes in bytes.
 */
export type Padding =
  /** Append `a` to the target until the request line (`METHOD SP target SP version`) is this long. */
  | { readonly kind: 'request-line'; readonly bytes: number }
  /** Append `X-Pad-N: N` fields until the request has this many fields in all. */
  | { readonly kind: 'field-count'; readonly count: number }
  /** Append one `X-Pad` field so that the field lines, each with its CRLF, add up to this many bytes. */
  | { readonly kind: 'header-bytes'; readonly bytes: number }
  /** Append `a` to the body until it is this long; chunked in 16 KiB chunks if the request says chunked. */
  | { readonly kind: 'body'; readonly bytes: number };

const PAD = 'a';
const CHUNK_BYTES = 16 * 1024;
const PAD_FIELD = 'X-Pad';

export function describePadding(padding: Padding): string {
  switch (padding.kind) {
    case 'request-line':
      return `request line padded to ${padding.bytes} bytes`;
    case 'field-count':
      return `${padding.count} header fields in all`;
    case 'header-bytes':
      return `header section padded to ${padding.bytes} bytes`;
    case 'body':
      return `body padded to ${padding.bytes} bytes`;
  }
}

/** The request grown as `padding` says; throws when it is already larger than asked. */
export function padRequest(spec: StructuredRequestSpec, padding: Padding, label: string): StructuredRequestSpec {
  const tooLarge = (size: number, wanted: number, what: string): never => {
    throw new HarnessError(`${label}: its ${what} is already ${size} bytes, more than the ${wanted} asked for`);
  };
  switch (padding.kind) {
    case 'request-line': {
      const line = Buffer.byteLength(`${spec.method} ${spec.target} ${spec.version}`);
      if (line > padding.bytes) tooLarge(line, padding.bytes, 'request line');
      return { ...spec, target: spec.target + PAD.repeat(padding.bytes - line) };
    }
    case 'field-count': {
      if (spec.headers.length > padding.count) throw new HarnessError(`${label}: it already has ${spec.headers.length} fields, more than ${padding.count}`);
      const extra = Array.from({ length: padding.count - spec.headers.length }, (_, i) => [`${PAD_FIELD}-${i + 1}`, String(i + 1)] as const);
      return { ...spec, headers: [...spec.headers, ...extra] };
    }
    case 'header-bytes': {
      const size = spec.headers.reduce((sum, [name, value]) => sum + fieldLineBytes(name, value), 0);
      const room = padding.bytes - size - fieldLineBytes(PAD_FIELD, '');
      if (room < 0) tooLarge(size, padding.bytes, 'header section');
      return { ...spec, headers: [...spec.headers, [PAD_FIELD, PAD.repeat(room)]] };
    }
    case 'body': {
      const body = Buffer.byteLength(spec.body);
      if (body > padding.bytes) tooLarge(body, padding.bytes, 'body');
      const padded = spec.body + PAD.repeat(padding.bytes - body);
      return { ...spec, body: isChunked(spec) ? chunked(padded) : padded };
    }
  }
}

/** `Name: value CRLF`, as the request bytes write it. */
function fieldLineBytes(name: string, value: string): number {
  return Buffer.byteLength(`${name}: ${value}\r\n`);
}

function isChunked(spec: StructuredRequestSpec): boolean {
  return spec.headers.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && /(^|,)\s*chunked\s*$/i.test(value));
}

/** The chunked coding of an ASCII text: chunks of 16 KiB, the last chunk, no trailers (RFC 9112 §7.1), by http1's encoder. */
export function chunked(text: string): string {
  const chunks = [];
  for (let at = 0; at < text.length; at += CHUNK_BYTES) chunks.push({ data: Buffer.from(text.slice(at, at + CHUNK_BYTES), 'latin1') });
  return encodeChunked(chunks).toString('latin1');
}
