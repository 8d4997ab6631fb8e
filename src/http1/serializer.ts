import type { Headers } from './headers.js';
import type { HttpVersion } from './messages.js';
import { reasonPhrase } from './status-codes.js';
import { formatVersion, HTTP_1_1 } from './version.js';

/** A version as two digits, or text written as it is (`HTTP/1.a`), for a harness that sends malformed requests. */
export type VersionSpec = HttpVersion | string;

export interface RequestSpec {
  readonly method: string;
  readonly target: string;
  /** HTTP/1.1 when left out. */
  readonly version?: VersionSpec;
  readonly headers: Headers;
  readonly body?: Buffer | string;
}

export interface ResponseSpec {
  readonly status: number;
  /** The standard phrase when left out. */
  readonly reason?: string;
  /** HTTP/1.1 when left out. */
  readonly version?: VersionSpec;
  readonly headers: Headers;
  readonly body?: Buffer | string;
}

/*
 * The mirror of the parser. Every part is written exactly as given, in order, with nothing
 * added: framing headers are the caller's choice, because a harness must be able to send what
 * it likes. Heads are latin1, one byte a char, never UTF-8: a char above 0xff is the caller's error.
 */

/** `name: value CRLF` per field, in order: a header or a trailer section without its empty line. */
export function fieldLines(headers: Headers): string {
  let lines = '';
  for (const [name, value] of headers) lines += `${name}: ${value}\r\n`;
  return lines;
}

/** request-line = method SP request-target SP HTTP-version (RFC 9112 §3), without its CRLF. */
export function requestLine(method: string, target: string, version: VersionSpec = HTTP_1_1): string {
  return `${method} ${target} ${versionText(version)}`;
}

/** status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4), without its CRLF. */
export function statusLine(status: number, reason: string = reasonPhrase(status), version: VersionSpec = HTTP_1_1): string {
  return `${versionText(version)} ${status} ${reason}`;
}

/** A whole head as text: the start line, the field lines and the empty line that ends it. */
export function headText(startLine: string, headers: Headers): string {
  return `${startLine}\r\n${fieldLines(headers)}\r\n`;
}

export function serializeRequest(request: RequestSpec): Buffer {
  return withBody(headText(requestLine(request.method, request.target, request.version), request.headers), request.body);
}

export function serializeResponse(response: ResponseSpec): Buffer {
  return withBody(headText(statusLine(response.status, response.reason, response.version), response.headers), response.body);
}

/** A head's text (latin1) and a body (a string is UTF-8) in one buffer. */
function withBody(head: string, body: Buffer | string | undefined): Buffer {
  if (body === undefined || body.length === 0) return Buffer.from(head, 'latin1');
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headBytes = Buffer.byteLength(head, 'latin1');
  const out = Buffer.allocUnsafe(headBytes + bodyBytes.length);
  out.write(head, 0, 'latin1');
  bodyBytes.copy(out, headBytes);
  return out;
}

function versionText(version: VersionSpec): string {
  return typeof version === 'string' ? version : formatVersion(version);
}
