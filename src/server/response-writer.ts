import { serializeResponse, type HeaderField } from '../http1/index.js';

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
const SERVER: HeaderField = ['Server', SERVER_NAME];
const CONTENT_TYPE: HeaderField = ['Content-Type', 'text/plain; charset=utf-8'];
const KEEP_ALIVE: HeaderField = ['Connection', 'keep-alive'];
const CLOSE: HeaderField = ['Connection', 'close'];

/** Where serialized responses go: a ResponseBatch, or any array of buffers. */
export interface ResponseSink {
  push(buffer: Buffer, second?: Buffer): unknown;
}

export const CONTINUE_BYTES = serializeResponse({ status: 100, headers: [] });

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
 * Serializes a server's responses, and keeps what it serialized within one Date second for the
 * rest of it: one writer per server, so that what it keeps lives and dies with the server.
 * Within a second a head depends only on its status, Content-Length and Connection (Allow is
 * sent on 405s only, which are not cached), and a whole response also on its body, by identity:
 * `GET /` answers the same buffer until the store changes, so a kept-alive `GET /` costs one
 * lookup and no copy.
 */
export class ResponseWriter {
  /** The Date value everything below carries; compared by identity (HttpDateClock keeps one string a second). */
  private date = '';
  private readonly heads = new Map<number, Buffer>();
  /** By status, Connection and HEAD-or-not: the last response made, with the body it was made of. */
  private readonly responses = new Map<number, ReusedResponse>();

  /**
   * Appends a response to `out`, the buffers that go out in the next write, and returns its size
   * in bytes. Every response has Server, Date, Content-Type, Content-Length and Connection
   * (SPEC §1, §2.1). `date` is the Date value, as HttpDateClock gives it. Up to 16 KiB the
   * response is one buffer, which may be shared; a larger body is pushed after its head, not
   * copied. Never change what is pushed.
   */
  push(out: ResponseSink, content: ResponseContent, keepAlive: boolean, omitBody: boolean, date: string): number {
    if (date !== this.date) {
      this.date = date;
      this.heads.clear();
      this.responses.clear();
    }
    const { status, body, allow } = content;
    const sent = omitBody ? undefined : body;
    if (allow !== undefined) return pushJoined(out, responseHead(status, body.length, keepAlive, allow, date), sent);
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

  /** The same as one buffer. */
  bytes(response: OutgoingResponse, date: string): Buffer {
    const out: Buffer[] = [];
    this.push(out, response, response.keepAlive, response.omitBody === true, date);
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  private head(status: number, length: number, keepAlive: boolean, date: string): Buffer {
    const key = (length * 1024 + status) * 2 + (keepAlive ? 1 : 0);
    let head = this.heads.get(key);
    if (head === undefined) {
      if (this.heads.size >= MAX_CACHED_HEADS) this.heads.clear();
      head = responseHead(status, length, keepAlive, undefined, date);
      this.heads.set(key, head);
    }
    return head;
  }
}

/** The head every response has, as http1 writes it; Allow on 405s only. */
function responseHead(status: number, length: number, keepAlive: boolean, allow: string | undefined, date: string): Buffer {
  const headers: HeaderField[] = [SERVER, CONTENT_TYPE, ['Date', date], ['Content-Length', String(length)]];
  if (allow !== undefined) headers.push(['Allow', allow]);
  headers.push(keepAlive ? KEEP_ALIVE : CLOSE);
  return serializeResponse({ status, headers });
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
