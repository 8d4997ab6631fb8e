import type { Headers } from './headers.js';
import type { HttpVersion } from './messages.js';
import { reasonPhrase } from './status-codes.js';
import { formatVersion, HTTP_1_1 } from './version.js';

export interface RequestSpec {
  readonly method: string;
  readonly target: string;
  readonly version?: HttpVersion;
  readonly headers: Headers;
  readonly body?: Buffer | string;
}

export interface ResponseSpec {
  readonly status: number;
  readonly reason?: string;
  readonly headers: Headers;
  readonly body?: Buffer | string;
}

/**
 * The mirror of the parser: a head as CRLF-terminated lines, then the body. Headers are
 * written exactly as given, in order, with nothing added: framing headers are the caller's
 * choice, because a harness must be able to send what it likes. Latin1 keeps one byte a char.
 */
function serialize(startLine: string, headers: Headers, body: Buffer | string | undefined): Buffer {
  let head = `${startLine}\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  if (body === undefined || body.length === 0) return Buffer.from(head, 'latin1');
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headBytes = Buffer.byteLength(head, 'latin1');
  const out = Buffer.allocUnsafe(headBytes + bodyBytes.length);
  out.write(head, 0, 'latin1');
  bodyBytes.copy(out, headBytes);
  return out;
}

export function serializeRequest(request: RequestSpec): Buffer {
  const startLine = `${request.method} ${request.target} ${formatVersion(request.version ?? HTTP_1_1)}`;
  return serialize(startLine, request.headers, request.body);
}

export function serializeResponse(response: ResponseSpec): Buffer {
  const startLine = `HTTP/1.1 ${response.status} ${response.reason ?? reasonPhrase(response.status)}`;
  return serialize(startLine, response.headers, response.body);
}
