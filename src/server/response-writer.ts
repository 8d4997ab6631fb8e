import { serializeResponse, type HeaderField, type Headers } from '../http1/index.js';

/** What a response says before HTTP framing: a route's result has this shape. */
export interface ResponseContent {
  readonly status: number;
  /**
   * Never changed once handed over: serialized responses are reused by its identity. A 304's is
   * what the 200 would carry: its length is announced, its bytes never sent (RFC 9110 §8.6).
   */
  readonly body: Buffer;
  /** Fields of the resource (Allow, validators, Content-Range), written after Content-Length; reused by identity too. */
  readonly fields?: Headers;
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

/** Statuses only the resources send, which http1's table of phrases lacks (RFC 9110 §15.3.7, §15.5.13, §15.5.17). */
const RESOURCE_REASONS: Readonly<Record<number, string>> = { 206: 'Partial Content', 412: 'Precondition Failed', 416: 'Range Not Satisfiable' };

/** Heads kept per Date second (distinct status, length and Connection): past this, start over. */
const MAX_CACHED_HEADS = 256;
/**
 * Responses up to this size are one buffer, head and body copied together, and kept for reuse
 * within their Date second. A larger body is not copied: it goes out beside its kept head.
 */
const MAX_JOINED_RESPONSE_BYTES = 16 * 1024;

interface ReusedResponse {
  body: Buffer;
  fields: Headers | undefined;
  head: Buffer;
  /** The head and the body sent, joined; undefined when the body is too large to copy. */
  bytes: Buffer | undefined;
}

/**
 * Serializes a server's responses, and keeps what it serialized within one Date second for the
 * rest of it: one writer per server, so that what it keeps lives and dies with the server.
 * Within a second a head depends only on its status, Content-Length, Connection and fields, and
 * a whole response also on its body, both by identity: `GET /` answers the same buffer and
 * fields until the store changes, so a kept-alive `GET /` costs one lookup and no copy.
 */
export class ResponseWriter {
  /** The Date value everything below carries; compared by identity (HttpDateClock keeps one string a second). */
  private date = '';
  private readonly heads = new Map<number, Buffer>();
  /** By status, Connection and HEAD-or-not: the last response made, with the body and fields it was made of. */
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
    const { status, body, fields } = content;
    // RFC 9112 §6.3: a 304 ends with its head, whatever its Content-Length says.
    const sent = omitBody || status === 304 ? undefined : body;
    const key = status * 4 + (keepAlive ? 2 : 0) + (omitBody ? 1 : 0);
    let reused = this.responses.get(key);
    if (reused === undefined || reused.body !== body || reused.fields !== fields) {
      const head = fields === undefined ? this.head(status, body.length, keepAlive, date) : responseHead(status, body.length, keepAlive, fields, date);
      const bytes = sent === undefined || head.length + sent.length <= MAX_JOINED_RESPONSE_BYTES ? join(head, sent) : undefined;
      if (reused === undefined) this.responses.set(key, (reused = { body, fields, head, bytes }));
      else {
        reused.body = body;
        reused.fields = fields;
        reused.head = head;
        reused.bytes = bytes;
      }
    }
    if (reused.bytes !== undefined) {
      out.push(reused.bytes);
      return reused.bytes.length;
    }
    // A large body is not copied: it goes out beside its head.
    out.push(reused.head, sent);
    return reused.head.length + sent!.length;
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

/** The head every response has, as http1 writes it, with the resource's fields before Connection. */
function responseHead(status: number, length: number, keepAlive: boolean, fields: Headers | undefined, date: string): Buffer {
  const headers: HeaderField[] = [SERVER, CONTENT_TYPE, ['Date', date], ['Content-Length', String(length)]];
  if (fields !== undefined) headers.push(...fields);
  headers.push(keepAlive ? KEEP_ALIVE : CLOSE);
  return serializeResponse({ status, reason: RESOURCE_REASONS[status], headers });
}

/** The head and the body in one new buffer. */
function join(head: Buffer, body: Buffer | undefined): Buffer {
  const out = Buffer.allocUnsafe(head.length + (body === undefined ? 0 : body.length));
  head.copy(out, 0);
  if (body !== undefined && body.length > 0) body.copy(out, head.length);
  return out;
}
