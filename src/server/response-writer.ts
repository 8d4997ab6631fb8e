import { reasonPhrase } from '../http1/index.js';
import type { HttpDateClock } from './http-date-clock.js';

/** What a response says before HTTP framing: a route's result has this shape. */
export interface ResponseContent {
  readonly status: number;
  /** Never changed once handed over: serialized responses are reused by its identity. */
  readonly body: Buffer;
  readonly allow?: string;
}

export interface OutgoingResponse extends ResponseContent {
  readonly keepAlive: boolean;
  /** HEAD: announce the body's length but send no body. */
  readonly omitBody?: boolean;
}

const SERVER_NAME = 'wirecheck/0.1';
const FIXED_HEADERS = `Server: ${SERVER_NAME}\r\nContent-Type: text/plain; charset=utf-8\r\n`;

/** Where serialized responses go: a ResponseBatch, or any array of buffers. */
export interface ResponseSink {
  push(buffer: Buffer, second?: Buffer): unknown;
}

export const CONTINUE_BYTES = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

/** Heads kept per Date second (distinct status, length and Connection): past this, start over. */
const MAX_CACHED_HEADS = 256;
/**
 * Responses up to this size are one buffer, head and body copied together, and kept for reuse
 * within their Date second. A larger body is not copied: it goes out beside its head.
 */
const MAX_JOINED_RESPONSE_BYTES = 16 * 1024;

interface ReusedResponse {
  body: Buffer;
  bytes: Buffer;
}

/**
 * What is serialized within one Date second, kept for the rest of it. Within a second a head
 * depends only on its status, Content-Length and Connection (Allow is sent on 405s only, which
 * are not cached), and a whole response also on its body, by identity: `GET /` answers the
 * same buffer until the store changes, so a kept-alive `GET /` costs one lookup and no copy.
 */
class SecondCache {
  /** The Date value everything below carries; compared by identity (HttpDateClock keeps one string a second). */
  private date = '';
  private readonly heads = new Map<number, Buffer>();
  /** By status, Connection and HEAD-or-not: the last response made, with the body it was made of. */
  private readonly responses = new Map<number, ReusedResponse>();

  /** Appends the response to `out`: one buffer, or a head and then a large body as it is. Returns its size. */
  push(out: ResponseSink, content: ResponseContent, keepAlive: boolean, omitBody: boolean, date: string): number {
    if (date !== this.date) {
      this.date = date;
      this.heads.clear();
      this.responses.clear();
    }
    const { status, body, allow } = content;
    const sent = omitBody ? undefined : body;
    if (allow !== undefined) return pushJoined(out, Buffer.from(headText(status, body.length, keepAlive, allow, date), 'latin1'), sent);
    const head = this.head(status, body.length, keepAlive, date);
    if (sent !== undefined && head.length + sent.length > MAX_JOINED_RESPONSE_BYTES) {
      out.push(head, sent);
      return head.length + sent.length;
    }
    const key = status * 4 + (keepAlive ? 2 : 0) + (omitBody ? 1 : 0);
    const reused = this.responses.get(key);
    if (reused !== undefined && reused.body === body) {
      out.push(reused.bytes);
      return reused.bytes.length;
    }
    const bytes = join(head, sent);
    if (reused === undefined) this.responses.set(key, { body, bytes });
    else {
      reused.body = body;
      reused.bytes = bytes;
    }
    out.push(bytes);
    return bytes.length;
  }

  private head(status: number, length: number, keepAlive: boolean, date: string): Buffer {
    const key = (length * 1024 + status) * 2 + (keepAlive ? 1 : 0);
    let head = this.heads.get(key);
    if (head === undefined) {
      if (this.heads.size >= MAX_CACHED_HEADS) this.heads.clear();
      head = Buffer.from(headText(status, length, keepAlive, undefined, date), 'latin1');
      this.heads.set(key, head);
    }
    return head;
  }
}

function headText(status: number, length: number, keepAlive: boolean, allow: string | undefined, date: string): string {
  return (
    `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n${FIXED_HEADERS}Date: ${date}\r\nContent-Length: ${length}\r\n` +
    (allow === undefined ? '' : `Allow: ${allow}\r\n`) +
    (keepAlive ? 'Connection: keep-alive\r\n\r\n' : 'Connection: close\r\n\r\n')
  );
}

function pushJoined(out: ResponseSink, head: Buffer, body: Buffer | undefined): number {
  const bytes = join(head, body);
  out.push(bytes);
  return bytes.length;
}

/** The head and the body in one new buffer. */
function join(head: Buffer, body: Buffer | undefined): Buffer {
  const out = Buffer.allocUnsafe(head.length + (body === undefined ? 0 : body.length));
  head.copy(out, 0);
  if (body !== undefined && body.length > 0) body.copy(out, head.length);
  return out;
}

/** One for the process: keyed by the Date value and body identity, it is right for any clock or store. */
const cache = new SecondCache();

/**
 * Serializes a response onto `out`, the buffers that go out in the next write, and returns its
 * size in bytes. Every response has Server, Date, Content-Type, Content-Length and Connection
 * (SPEC §1, §2.1). `date` is the Date value, as HttpDateClock gives it. Up to 16 KiB the response
 * is one buffer, which may be shared; a larger body is pushed after its head, not copied. Never
 * change what is pushed.
 */
export function pushResponse(out: ResponseSink, content: ResponseContent, keepAlive: boolean, omitBody: boolean, date: string): number {
  return cache.push(out, content, keepAlive, omitBody, date);
}

/** The same as one buffer. */
export function responseBytes(response: OutgoingResponse, clock: HttpDateClock): Buffer {
  const out: Buffer[] = [];
  pushResponse(out, response, response.keepAlive, response.omitBody === true, clock.now());
  return out.length === 1 ? out[0]! : Buffer.concat(out);
}
