/**
 * fast-check arbitraries for the message layer's properties: requests that the serializer can
 * produce (with the values the parser must give back), pipelines of them cut into random chunks,
 * byte-level mutations of valid input, and small limits that make every limit reachable.
 */
import fc from 'fast-check';
import { serializeRequest, type HeaderField, type HttpVersion, type Limits } from '../../src/http1/index.js';
import { MAX_METHOD_BYTES } from '../../src/http1/request-line.js';

/** A request as the parser must report it, and the bytes that carry it. */
export interface WireRequest {
  readonly method: string;
  readonly target: string;
  readonly version: HttpVersion;
  readonly headers: HeaderField[];
  readonly body: Buffer;
  readonly wire: Buffer;
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const ALPHANUM = [...range(0x30, 0x39), ...range(0x41, 0x5a), ...range(0x61, 0x7a)];
const TCHARS = [...ALPHANUM, ..."!#$%&'*+-.^_`|~"];
const VISIBLE = range(0x21, 0x7e);
/** Field-value bytes that may start or end a value: VCHAR and obs-text (RFC 9110 §5.5). */
const VALUE_EDGE = [...VISIBLE, ...range(0x80, 0xff)];
const VALUE_INNER = [...VALUE_EDGE, ' ', '\t'];

/** Names whose meaning the generator controls: framing and Host are placed on purpose. */
const RESERVED_NAMES = new Set(['host', 'content-length', 'transfer-encoding']);

const token = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength });

/** A method no longer than the longest the server implements (a longer one is 501, RFC 9112 §3). */
export const methodArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'PATCH'), token(MAX_METHOD_BYTES));

/** origin-form: "/" then the path and query characters of RFC 3986, percent-encodings included. */
const PATH_CHARS = [...ALPHANUM, ..."-._~!$&'()*+,;=:@/?"];
const pctEncodedArb = fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`);
export const targetArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...PATH_CHARS), pctEncodedArb), { maxLength: 40 })
  .map((units) => `/${units.join('')}`);

/** A field value as it comes out of the parser: no leading or trailing whitespace. */
export const fieldValueArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...VALUE_EDGE),
  fc
    .tuple(fc.constantFrom(...VALUE_EDGE), fc.string({ unit: fc.constantFrom(...VALUE_INNER), maxLength: 40 }), fc.constantFrom(...VALUE_EDGE))
    .map(([first, middle, last]) => first + middle + last),
);

const fieldNameArb = fc.oneof(
  fc.constantFrom('Content-Type', 'User-Agent', 'Accept', 'Connection', 'Cache-Control', 'Postman-Token', 'X-Trace'),
  token(16),
).filter((name) => !RESERVED_NAMES.has(name.toLowerCase()));

export const fieldArb: fc.Arbitrary<HeaderField> = fc.tuple(fieldNameArb, fieldValueArb);

/** uri-host [":" port] (RFC 9112 §3.2): a reg-name, an IPv4 address or an IPv6 literal, maybe a port. */
const REG_NAME_CHARS = [...ALPHANUM, ..."-._~!$&'()*+,;="];
const hostArb = fc.tuple(
  fc.oneof(fc.constantFrom('127.0.0.1', 'localhost', '[::1]', ''), fc.string({ unit: fc.constantFrom(...REG_NAME_CHARS), maxLength: 30 })),
  fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
).map(([host, port]) => (port === undefined ? host : `${host}:${port}`));

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((text) => Buffer.from(text, 'utf8')),
  fc.constant(Buffer.from('안녕하세요, 세계!', 'utf8')),
);

/** chunk-ext: `;name`, `;name=token` or `;name="quoted"`, with optional whitespace before `;`. */
const chunkExtensionArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', ' ', '\t'), token(8), fc.oneof(fc.constant(''), token(8).map((v) => `=${v}`), fc.string({ unit: fc.constantFrom(...ALPHANUM, ' '), maxLength: 10 }).map((v) => `="${v}"`)))
  .map(([space, name, value]) => `${space};${name}${value}`);

/** A chunk-size in hex, either case, with a few leading zeros. */
const chunkSizeArb = (size: number): fc.Arbitrary<string> =>
  fc.tuple(fc.nat(3), fc.boolean()).map(([zeros, upper]) => '0'.repeat(zeros) + (upper ? size.toString(16).toUpperCase() : size.toString(16)));

/** The chunked coding of `body`, cut at random sizes, with optional extensions and trailer fields. */
export function chunkedBodyArb(body: Buffer): fc.Arbitrary<Buffer> {
  const cuts = fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, body.length - 1) }), { maxLength: Math.min(8, body.length - 1) });
  return cuts.chain((points) => {
    const edges = [0, ...points.filter((p) => p < body.length).sort((a, b) => a - b), body.length];
    const pieces = edges.slice(1).map((end, i) => body.subarray(edges[i], end));
    const chunkLines = pieces.map((piece) => fc.tuple(chunkSizeArb(piece.length), fc.option(chunkExtensionArb, { nil: undefined })));
    return fc
      .tuple(fc.tuple(...chunkLines), fc.option(chunkExtensionArb, { nil: undefined }), fc.array(fieldArb, { maxLength: 3 }))
      .map(([lines, lastExtension, trailers]) => {
        const parts: Buffer[] = [];
        lines.forEach(([size, extension], i) => {
          parts.push(Buffer.from(`${size}${extension ?? ''}\r\n`, 'latin1'), pieces[i]!, Buffer.from('\r\n', 'latin1'));
        });
        let tail = `0${lastExtension ?? ''}\r\n`;
        for (const [name, value] of trailers) tail += `${name}: ${value}\r\n`;
        parts.push(Buffer.from(`${tail}\r\n`, 'latin1'));
        return Buffer.concat(parts);
      });
  });
}

type Framing = 'none' | 'length' | 'chunked';

/** Inserts `field` into `fields` at `at` (taken modulo the possible positions). */
function insertAt(fields: readonly HeaderField[], at: number, field: HeaderField): HeaderField[] {
  const copy = [...fields];
  copy.splice(at % (copy.length + 1), 0, field);
  return copy;
}

/**
 * Any request the serializer can produce with a body the parser can frame: a token method, an
 * origin-form target, valid fields with exactly one Host, and a body framed by Content-Length
 * or by the chunked coding (re-chunked at random sizes, with extensions and trailers).
 */
export const wireRequestArb: fc.Arbitrary<WireRequest> = fc
  .record({
    method: methodArb,
    target: targetArb,
    minor: fc.constantFrom(1, 1, 0, 7),
    fields: fc.array(fieldArb, { maxLength: 8 }),
    host: hostArb,
    hostAt: fc.nat(),
    framing: fc.constantFrom<Framing>('none', 'length', 'chunked'),
    framingAt: fc.nat(),
    lengthName: fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH'),
    body: bodyArb,
  })
  .chain((r) => {
    const version: HttpVersion = { major: 1, minor: r.minor };
    // HTTP/1.0 has no transfer codings (RFC 9112 §6.1): its bodies use Content-Length.
    const framing: Framing = r.framing === 'chunked' && r.minor === 0 ? 'length' : r.framing;
    let headers = insertAt(r.fields, r.hostAt, ['Host', r.host]);
    const body = framing === 'none' ? Buffer.alloc(0) : r.body;
    if (framing === 'length') headers = insertAt(headers, r.framingAt, [r.lengthName, String(body.length)]);
    if (framing === 'chunked') headers = insertAt(headers, r.framingAt, ['Transfer-Encoding', 'chunked']);
    const encoded = framing === 'chunked' ? chunkedBodyArb(body) : fc.constant(body);
    return encoded.map((payload): WireRequest => {
      const wire = serializeRequest({ method: r.method, target: r.target, version, headers, body: payload });
      return { method: r.method, target: r.target, version, headers, body, wire };
    });
  });

/** Several requests, as a client pipelining them would send them. */
export const pipelineArb: fc.Arbitrary<WireRequest[]> = fc.array(wireRequestArb, { minLength: 1, maxLength: 4 });

/** Cuts `bytes` at the given points (any integers; taken modulo the length) into chunks. */
export function cutAt(bytes: Buffer, points: readonly number[]): Buffer[] {
  if (bytes.length === 0) return [bytes];
  const edges = [...new Set(points.map((p) => p % bytes.length))].filter((p) => p > 0).sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const edge of edges) {
    chunks.push(bytes.subarray(from, edge));
    from = edge;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

export const cutPointsArb: fc.Arbitrary<number[]> = fc.array(fc.nat(), { maxLength: 30 });

/** Bytes that break HTTP/1.1 framing when they land in the wrong place. */
const INTERESTING_BYTES = [0x0d, 0x0a, 0x00, 0x3a, 0x09, 0x20, 0x3b, 0x2c, 0x30, 0x7f, 0xff, 0x22];

/** One byte-level mutation; positions are taken modulo the input's length. */
export type ByteMutation =
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Buffer }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly byte: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number }
  /** Many copies of one byte: reaches the line and section limits. */
  | { readonly kind: 'flood'; readonly at: number; readonly byte: number; readonly length: number };

const byteArb = fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.integer({ min: 0, max: 255 }));

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { minLength: 1, maxLength: 4 }).map((b) => Buffer.from(b)) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flood' as const), at: fc.nat(), byte: fc.constantFrom(0x61, 0x3b, 0x20, 0x30, 0x0a), length: fc.integer({ min: 100, max: 20_000 }) }),
);

export function applyMutation(input: Buffer, mutation: ByteMutation): Buffer {
  const at = input.length === 0 ? 0 : mutation.at % (input.length + 1);
  switch (mutation.kind) {
    case 'insert':
      return Buffer.concat([input.subarray(0, at), mutation.bytes, input.subarray(at)]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + mutation.length)]);
    case 'replace':
      if (at >= input.length) return input;
      return Buffer.concat([input.subarray(0, at), Buffer.of(mutation.byte), input.subarray(at + 1)]);
    case 'duplicate':
      return Buffer.concat([input.subarray(0, at + mutation.length), input.subarray(at)]);
    case 'truncate':
      return input.subarray(0, at);
    case 'flood':
      return Buffer.concat([input.subarray(0, at), Buffer.alloc(mutation.length, mutation.byte), input.subarray(at)]);
  }
}

/** Valid pipelined requests with a few byte-level mutations applied. */
export const mutatedRequestsArb: fc.Arbitrary<Buffer> = fc
  .tuple(pipelineArb, fc.array(byteMutationArb, { minLength: 1, maxLength: 6 }))
  .map(([requests, mutations]) => mutations.reduce(applyMutation, Buffer.concat(requests.map((r) => r.wire))));

/** Any bytes at all, weighted towards the bytes that matter to HTTP/1.1. */
export const noiseArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  fc.array(fc.oneof(byteArb, fc.constantFrom(...Buffer.from('GET HTTP/1.1 Host: Content-Length Transfer-Encoding chunked 0123456789abcdef', 'latin1'))), { maxLength: 2000 }).map((b) => Buffer.from(b)),
);

/** Limits small enough that random input reaches each of them, or the defaults. */
export const limitsArb: fc.Arbitrary<Limits | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    maxStartLineBytes: fc.integer({ min: 16, max: 200 }),
    maxHeaderBytes: fc.integer({ min: 16, max: 400 }),
    maxHeaderCount: fc.integer({ min: 1, max: 10 }),
    maxBodyBytes: fc.integer({ min: 0, max: 400 }),
  }),
);
