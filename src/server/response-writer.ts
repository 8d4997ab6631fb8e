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

export const CONTINUE_BYTES = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

/** Heads kept per Date second (distinct status, length and Connection): past this, start over. */
const MAX_CACHED_HEADS = 256;
/** Whole responses up to this size are kept for reuse within their Date second. */
const MAX_REUSED_RESPONSE_BYTES = 16 * 1024;

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

  bytes(content: ResponseContent, keepAlive: boolean, omitBody: boolean, date: string): Buffer {
    if (date !== this.date) {
      this.date = date;
      this.heads.clear();
      this.responses.clear();
    }
    const { status, body, allow } = content;
    if (allow !== undefined) return join(Buffer.from(headText(status, body.length, keepAlive, allow, date), 'latin1'), omitBody ? undefined : body);
    const key = status * 4 + (keepAlive ? 2 : 0) + (omitBody ? 1 : 0);
    const reused = this.responses.get(key);
    if (reused !== undefined && reused.body === body) return reused.bytes;
    const bytes = join(this.head(status, body.length, keepAlive, date), omitBody ? undefined : body);
    if (bytes.length > MAX_REUSED_RESPONSE_BYTES) {
      if (reused !== undefined) this.responses.delete(key);
    } else if (reused === undefined) {
      this.responses.set(key, { body, bytes });
    } else {
      reused.body = body;
      reused.bytes = bytes;
    }
    return bytes;
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

/** The head and the body in one new buffer, so that the response goes out in one write. */
function join(head: Buffer, body: Buffer | undefined): Buffer {
  const out = Buffer.allocUnsafe(head.length + (body === undefined ? 0 : body.length));
  head.copy(out, 0);
  if (body !== undefined && body.length > 0) body.copy(out, head.length);
  return out;
}

/** One for the process: keyed by the Date value and body identity, it is right for any clock or store. */
const cache = new SecondCache();

/**
 * Serializes a response into one buffer, so it goes out in one write. Every response has
 * Server, Date, Content-Type, Content-Length and Connection (SPEC §1, §2.1). `date` is the
 * Date value, as HttpDateClock gives it. The buffer may be shared: never change it.
 */
export function contentBytes(content: ResponseContent, keepAlive: boolean, omitBody: boolean, date: string): Buffer {
  return cache.bytes(content, keepAlive, omitBody, date);
}

export function responseBytes(response: OutgoingResponse, clock: HttpDateClock): Buffer {
  return contentBytes(response, response.keepAlive, response.omitBody === true, clock.now());
}
