import type { Limits } from '../http1/index.js';
import type { Random } from './prng.js';
import {
  bodyPayload,
  chunkPayload,
  generateExtension,
  generateTrailers,
  OTHER_METHODS,
  SERVED_METHODS,
  TARGETS,
  VERSIONS,
  type RequestDraft,
} from './request-draft.js';

/**
 * Mutations of the kind differential HTTP fuzzers apply: on the structure of a request (headers
 * duplicated, dropped, swapped, framing headers added with odd values, methods and versions
 * swapped, bodies re-chunked) and on its bytes (random and significant bytes inserted, deleted,
 * replaced). Each mutation returns a short name for the case's description.
 */
export type RequestMutator = (random: Random, draft: RequestDraft, limits: Limits) => string;

const FRAMING_NAMES = ['Content-Length', 'Transfer-Encoding', 'Connection', 'Host'];

/** A header index, biased towards the fields that decide framing and connection handling. */
function pickHeader(random: Random, draft: RequestDraft): number {
  const framing = draft.headers.map((h, i) => [h, i] as const).filter(([[name]]) => FRAMING_NAMES.includes(name));
  if (framing.length > 0 && random.chance(0.6)) return random.pick(framing)[1];
  return random.below(draft.headers.length);
}

const contentLengthValues = (payload: number): string[] => [
  String(payload),
  String(payload + 1),
  String(Math.max(0, payload - 1)),
  '0',
  '-1',
  `${payload}, ${payload}`,
  `${payload},${payload + 1}`,
  ` ${payload}`,
  `+${payload}`,
  `0x${payload.toString(16)}`,
  `${payload}.0`,
  '99999999999999999999',
  '',
  `${payload} ${payload}`,
];
const TRANSFER_ENCODINGS = ['chunked', 'chunked', 'CHUNKED', 'gzip, chunked', 'chunked, gzip', 'identity', 'gzip', 'chunked, chunked', ' chunked', 'chunked;q=1', ',', ''];
const CONNECTIONS = ['close', 'keep-alive', 'Close', 'KEEP-ALIVE', 'upgrade', 'close, keep-alive', 'te, close', ''];
const EXPECTS = ['100-continue', '100-Continue', '200-ok'];

const duplicateHeader: RequestMutator = (random, draft) => {
  if (draft.headers.length === 0) return 'duplicate (no header)';
  const [name, value] = draft.headers[pickHeader(random, draft)]!;
  draft.headers.splice(random.below(draft.headers.length + 1), 0, [random.chance(0.3) ? name.toLowerCase() : name, value]);
  return `duplicate ${name}`;
};

const dropHeader: RequestMutator = (random, draft) => {
  if (draft.headers.length === 0) return 'drop (no header)';
  const [[name]] = draft.headers.splice(pickHeader(random, draft), 1) as [[string, string]];
  return `drop ${name}`;
};

const swapHeaders: RequestMutator = (random, draft) => {
  if (draft.headers.length < 2) return 'swap (too few headers)';
  const a = random.below(draft.headers.length);
  const b = random.below(draft.headers.length);
  [draft.headers[a], draft.headers[b]] = [draft.headers[b]!, draft.headers[a]!];
  return 'swap headers';
};

const addFramingHeader: RequestMutator = (random, draft) => {
  const payload = bodyPayload(draft.body).length;
  const [name, value] = random.pick<[string, string]>([
    ['Content-Length', random.pick(contentLengthValues(payload))],
    ['Transfer-Encoding', random.pick(TRANSFER_ENCODINGS)],
    ['Connection', random.pick(CONNECTIONS)],
    ['Expect', random.pick(EXPECTS)],
    ['Host', random.pick(['h', '', 'a, b'])],
  ]);
  draft.headers.splice(random.below(draft.headers.length + 1), 0, [random.chance(0.2) ? name.toUpperCase() : name, value]);
  return `add ${name}: ${JSON.stringify(value)}`;
};

const setFramingValue: RequestMutator = (random, draft, limits) => {
  const index = draft.headers.findIndex(([name]) => /^(content-length|transfer-encoding|connection)$/i.test(name));
  if (index === -1) return addFramingHeader(random, draft, limits);
  const [name] = draft.headers[index]!;
  const lower = name.toLowerCase();
  const value =
    lower === 'content-length' ? random.pick(contentLengthValues(bodyPayload(draft.body).length)) : lower === 'transfer-encoding' ? random.pick(TRANSFER_ENCODINGS) : random.pick(CONNECTIONS);
  draft.headers[index] = [name, value];
  return `set ${name}: ${JSON.stringify(value)}`;
};

const setMethod: RequestMutator = (random, draft) => {
  draft.method = random.chance(0.5) ? random.pick(SERVED_METHODS) : random.pick(OTHER_METHODS);
  return `method ${JSON.stringify(draft.method)}`;
};

const setVersion: RequestMutator = (random, draft) => {
  draft.version = random.pick(VERSIONS);
  return `version ${JSON.stringify(draft.version)}`;
};

const setTarget: RequestMutator = (random, draft, limits) => {
  draft.target = random.chance(0.2) ? `/${'a'.repeat(limits.maxStartLineBytes + random.between(-20, 20))}` : random.pick(TARGETS);
  return `target ${JSON.stringify(draft.target.slice(0, 30))}`;
};

/** Re-frames the body: Content-Length ↔ chunked, or re-chunked at new sizes with extensions and trailers. */
const rechunk: RequestMutator = (random, draft) => {
  const payload = bodyPayload(draft.body);
  const toChunked = draft.body.kind !== 'chunked' || random.chance(0.7);
  draft.headers = draft.headers.filter(([name]) => !/^(content-length|transfer-encoding)$/i.test(name));
  if (toChunked) {
    draft.headers.push(['Transfer-Encoding', 'chunked']);
    draft.body = { kind: 'chunked', chunks: chunkPayload(random, payload), lastExtension: generateExtension(random), trailers: generateTrailers(random) };
    return 're-chunk';
  }
  draft.headers.push(['Content-Length', String(payload.length)]);
  draft.body = { kind: 'raw', bytes: payload };
  return 'un-chunk';
};

/** Many fields, or one large one, around the header limits (431). */
const bloatHeaders: RequestMutator = (random, draft, limits) => {
  if (random.chance(0.5)) {
    const count = limits.maxHeaderCount + random.between(-2, 2) - draft.headers.length;
    for (let i = 0; i < count; i++) draft.headers.push([`X-Fill-${i}`, String(i)]);
    return `fill to ${draft.headers.length} headers`;
  }
  draft.headers.push(['X-Large', 'v'.repeat(Math.max(1, limits.maxHeaderBytes + random.between(-40, 20)))]);
  return 'one large header';
};

/** Malformed field lines: obs-fold, whitespace before the colon, no colon, control bytes. */
const breakFieldLine: RequestMutator = (random, draft) => {
  const [name, value] = random.pick<[string, string]>([
    ['X-Fold', 'a\r\n b'],
    ['Host ', 'h'],
    ['Content-Length ', '1'],
    ['X-NoColon\r\nY', 'z'],
    ['X-Nul', 'a\0b'],
    ['X-CR', 'a\rb'],
    ['X-LF', 'a\nb'],
    ['', 'empty name'],
    ['X-Del', 'a\x7fb'],
    ['Transfer-Encoding\t', 'chunked'],
  ]);
  draft.headers.splice(random.below(draft.headers.length + 1), 0, [name, value]);
  return `field ${JSON.stringify(`${name}: ${value}`)}`;
};

export const REQUEST_MUTATORS: readonly (readonly [RequestMutator, number])[] = [
  [duplicateHeader, 3],
  [dropHeader, 3],
  [swapHeaders, 2],
  [addFramingHeader, 4],
  [setFramingValue, 3],
  [setMethod, 2],
  [setVersion, 2],
  [setTarget, 2],
  [rechunk, 3],
  [bloatHeaders, 1],
  [breakFieldLine, 2],
];

/** Bytes that change the meaning of HTTP/1.1 input when they land in the wrong place. */
const SIGNIFICANT_BYTES = [0x0d, 0x0a, 0x00, 0x3a, 0x09, 0x20];

/** Offsets just before and after each line end: where a stray byte does the most harm. */
function lineEdges(bytes: Buffer): number[] {
  const edges: number[] = [];
  for (let i = bytes.indexOf(0x0a); i !== -1 && edges.length < 200; i = bytes.indexOf(0x0a, i + 1)) edges.push(Math.max(0, i - 1), i + 1);
  return edges;
}

/** One byte-level mutation of the whole stream, in place of a copy; returns the new bytes and its name. */
export function mutateBytes(random: Random, bytes: Buffer): [Buffer, string] {
  const edges = lineEdges(bytes);
  const at = edges.length > 0 && random.chance(0.5) ? random.pick(edges) : random.below(bytes.length + 1);
  const insert = (inserted: Buffer): Buffer => Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
  switch (random.weighted<string>([['insert-significant', 5], ['insert-random', 2], ['delete', 3], ['replace', 3], ['strip-cr', 2], ['duplicate', 1], ['truncate', 1]])) {
    case 'insert-significant': {
      const byte = random.pick(SIGNIFICANT_BYTES);
      return [insert(Buffer.of(byte)), `insert 0x${byte.toString(16)} at ${at}`];
    }
    case 'insert-random':
      return [insert(random.bytes(random.between(1, 4))), `insert random at ${at}`];
    case 'delete': {
      const length = random.between(1, 4);
      return [Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)]), `delete ${length} at ${at}`];
    }
    case 'replace': {
      if (at >= bytes.length) return [bytes, 'replace (at end)'];
      const byte = random.chance(0.5) ? random.pick(SIGNIFICANT_BYTES) : random.below(256);
      const out = Buffer.from(bytes);
      out[at] = byte;
      return [out, `replace at ${at} with 0x${byte.toString(16)}`];
    }
    case 'strip-cr': {
      const cr = bytes.indexOf('\r\n', random.below(bytes.length));
      if (cr === -1) return [bytes, 'strip CR (none)'];
      return [Buffer.concat([bytes.subarray(0, cr), bytes.subarray(cr + 1)]), `bare LF at ${cr}`];
    }
    case 'duplicate': {
      const length = random.between(1, 40);
      return [Buffer.concat([bytes.subarray(0, at + length), bytes.subarray(at)]), `duplicate ${length} at ${at}`];
    }
    default:
      return [bytes.subarray(0, at), `truncate at ${at}`];
  }
}

/**
 * Where to cut the stream into separate writes: nowhere, a few random places, around every line
 * end, or at every byte (short inputs only). Offsets are strictly increasing, inside the stream.
 */
export function splitPoints(random: Random, bytes: Buffer): number[] {
  if (bytes.length < 2) return [];
  let points: number[];
  switch (random.weighted<string>([['whole', 3], ['few', 4], ['lines', 2], ['bytes', 1]])) {
    case 'whole':
      return [];
    case 'few':
      points = Array.from({ length: random.between(1, 6) }, () => random.between(1, bytes.length - 1));
      break;
    case 'lines':
      points = lineEdges(bytes).filter(() => random.chance(0.7));
      break;
    default:
      points = bytes.length <= 300 ? Array.from({ length: bytes.length - 1 }, (_, i) => i + 1) : Array.from({ length: 40 }, () => random.between(1, bytes.length - 1));
  }
  return [...new Set(points)].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
}

/** The writes a case's bytes are sent as. */
export function splitAt(bytes: Buffer, points: readonly number[]): Buffer[] {
  const writes: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    if (point <= from || point >= bytes.length) continue;
    writes.push(bytes.subarray(from, point));
    from = point;
  }
  writes.push(bytes.subarray(from));
  return writes;
}
