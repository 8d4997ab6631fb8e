import { encodeChunked, serializeRequest, type Limits } from '../http1/index.js';
import type { Random } from './prng.js';

/**
 * A request before it becomes bytes: every part a plain string or buffer, so that mutators can
 * break any of them (a method with a space, a version that is not one, a header name with a
 * colon) and the encoder writes exactly what is there.
 */
export interface RequestDraft {
  method: string;
  target: string;
  version: string;
  headers: Array<[name: string, value: string]>;
  body: BodyDraft;
}

export interface ChunkDraft {
  readonly data: Buffer;
  /** Written after the size, e.g. `;name=value`; empty for none. */
  readonly extension: string;
}

export type BodyDraft =
  | { readonly kind: 'none' }
  /** Bytes written as they are; a Content-Length header (or none) says how many there are. */
  | { readonly kind: 'raw'; readonly bytes: Buffer }
  | { readonly kind: 'chunked'; readonly chunks: ChunkDraft[]; readonly lastExtension: string; readonly trailers: Array<[string, string]> };

/** Writes a draft as the bytes of an HTTP/1.1 request, every part as it is; strings are latin1, one byte a character. */
export function encodeRequest(draft: RequestDraft): Buffer {
  return serializeRequest({ method: draft.method, target: draft.target, version: draft.version, headers: draft.headers, body: encodeBody(draft.body) });
}

function encodeBody(body: BodyDraft): Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'raw':
      return body.bytes;
    case 'chunked':
      return encodeChunked(body.chunks, { extension: body.lastExtension, trailers: body.trailers });
  }
}

/** The payload a body carries, whatever its framing. */
export function bodyPayload(body: BodyDraft): Buffer {
  if (body.kind === 'none') return Buffer.alloc(0);
  if (body.kind === 'raw') return body.bytes;
  return Buffer.concat(body.chunks.map((chunk) => chunk.data));
}

export const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'DELETE'] as const;
export const OTHER_METHODS = ['PUT', 'OPTIONS', 'PATCH', 'get', 'Post', 'CONNECT', 'TRACE', 'BREW', 'M-SEARCH', 'G(T', 'GE T', '', 'GET\0'];
export const TARGETS = ['/', '/', '/', '/?q=1', '/?', '/wrong/', '/a/b', 'http://127.0.0.1/', 'http://127.0.0.1:8080/?x=1', 'http://h', '*', '127.0.0.1:80', '//', '/%2e%2e/', 'wrong', '/\x7f', '/é'];
export const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/1.2', 'HTTP/1.9', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/3.0', 'HTTP/1', 'HTTP/1.1.1', 'http/1.1', 'HTTP/11', 'HTTP/1.a', 'HTTP /1.1', 'HTTP/1.1 '];

const WORDS = ['hello', 'wirecheck', 'message', '안녕하세요', '세계', 'こんにちは', '🙂', 'a', 'x y z', '\t', '\r\n', '\n', 'GET / HTTP/1.1', 'Content-Length: 5', '0\r\n\r\n'];

/** A message body: text, Korean, binary, a request hidden inside, empty, or just past the body limit. */
export function generateMessage(random: Random, limits: Limits): Buffer {
  switch (random.weighted<string>([['words', 5], ['binary', 2], ['empty', 1], ['smuggle', 1], ['large', 1], ['over-limit', 1]])) {
    case 'words': {
      const count = random.between(1, 12);
      return Buffer.from(Array.from({ length: count }, () => random.pick(WORDS)).join(random.pick([' ', '', '\n'])), 'utf8');
    }
    case 'binary':
      return random.bytes(random.between(1, 200));
    case 'empty':
      return Buffer.alloc(0);
    case 'smuggle':
      return Buffer.from(`x\r\n\r\nPOST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nevil`, 'latin1');
    case 'large':
      return Buffer.alloc(random.between(200, Math.max(200, limits.maxBodyBytes)), random.pick([0x61, 0x7a, 0x30]));
    default:
      return Buffer.alloc(limits.maxBodyBytes + random.between(1, 64), 0x62);
  }
}

/** A chunk extension as RFC 9112 §7.1.1 allows it: `;name`, `;name=token`, `;name="quoted"`. */
export function generateExtension(random: Random): string {
  if (random.chance(0.6)) return '';
  const name = random.pick(['ext', 'a', 'x-foo', 'name']);
  const value = random.pick(['', '=1', '=token', '="quoted value"', '=""']);
  return `${random.pick(['', ' ', '\t'])};${name}${value}`;
}

export function generateTrailers(random: Random): Array<[string, string]> {
  const count = random.weighted([[0, 6], [1, 3], [2, 1]]);
  return Array.from({ length: count }, () => [random.pick(['X-Trailer', 'Expires', 'X-Checksum', 'Server-Timing']), random.pick(['1', 'abc', 'a b', ''])] as [string, string]);
}

/** Cuts `payload` into chunks of random sizes, each with an optional extension. */
export function chunkPayload(random: Random, payload: Buffer): ChunkDraft[] {
  const chunks: ChunkDraft[] = [];
  let at = 0;
  for (let i = 0; at < payload.length && i < 64; i++) {
    const size = i === 63 ? payload.length - at : random.between(1, Math.max(1, random.chance(0.5) ? 8 : payload.length - at));
    chunks.push({ data: payload.subarray(at, at + size), extension: generateExtension(random) });
    at += size;
  }
  return chunks;
}

/**
 * A well-formed request, mostly one the server serves (the assignment's client and Postman
 * shapes, SPEC §1), sometimes another method or target, with a Content-Length or chunked body.
 */
export function generateRequest(random: Random, limits: Limits): RequestDraft {
  const method = random.weighted<string>([['GET', 25], ['POST', 35], ['DELETE', 8], ['HEAD', 10], ['other', 7]]);
  const version = random.chance(0.85) ? 'HTTP/1.1' : 'HTTP/1.0';
  const headers: Array<[string, string]> = [];
  if (version === 'HTTP/1.1' || random.chance(0.5)) headers.push(['Host', random.pick(['127.0.0.1:8080', 'localhost', 'h'])]);
  if (random.chance(0.7)) headers.push(['Content-Type', 'text/plain']);
  if (random.chance(0.5)) headers.push(['User-Agent', random.pick(['wirecheck-fuzz', 'PostmanRuntime/7.29.0'])]);
  if (random.chance(0.3)) headers.push(['Accept', '*/*']);
  if (random.chance(0.15)) headers.push(['Postman-Token', '5f3c2a6e-1f2b-4c3d-9e8f-0a1b2c3d4e5f']);
  if (random.chance(0.6)) headers.push(['Connection', version === 'HTTP/1.0' ? 'keep-alive' : random.pick(['keep-alive', 'keep-alive', 'close'])]);
  const withBody = method === 'POST' || random.chance(0.15);
  let body: BodyDraft = { kind: 'none' };
  if (withBody) {
    const payload = generateMessage(random, limits);
    if (version === 'HTTP/1.1' && random.chance(0.3) && payload.length > 0) {
      headers.push(['Transfer-Encoding', 'chunked']);
      body = { kind: 'chunked', chunks: chunkPayload(random, payload), lastExtension: generateExtension(random), trailers: generateTrailers(random) };
    } else {
      headers.push(['Content-Length', String(payload.length)]);
      body = { kind: 'raw', bytes: payload };
    }
    if (random.chance(0.15)) headers.push(['Expect', '100-continue']);
  }
  return {
    method: method === 'other' ? random.pick(OTHER_METHODS.slice(0, 8)) : method,
    target: random.chance(0.8) ? '/' : random.pick(TARGETS),
    version,
    headers,
    body,
  };
}
