import { requestFraming } from './framing.js';
import { hasToken, headerValues, maybeHeader, type HeaderField } from './headers.js';
import { MessageParser, type MessageRole, type ParseEvent, type ParserOptions } from './message-parser.js';
import type { RequestHead } from './messages.js';
import { ProtocolError } from './protocol-error.js';
import { parseRequestLine, type RequestLine } from './request-line.js';
import { isHttp11OrLater } from './version.js';

export type RequestEvent = ParseEvent<RequestHead>;

const REQUEST_ROLE: MessageRole<RequestLine, RequestHead> = {
  startLineTooLong: 'REQUEST_LINE_TOO_LONG',
  parseStartLine: parseRequestLine,
  makeHead: makeRequestHead,
  framing: (head) => requestFraming(head.version, head.headers),
};

/** Parses the requests of one connection, in order: the server's half of the message layer. */
export class RequestParser extends MessageParser<RequestLine, RequestHead> {
  constructor(options?: ParserOptions) {
    super(REQUEST_ROLE, options);
  }
}

/** uri-host [ ":" port ] (RFC 9112 §3.2, RFC 3986 §3.2.2); empty is allowed for a URI without authority. */
const VALID_HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]*)(?::[0-9]*)?$/;

function makeRequestHead(line: RequestLine, headers: HeaderField[]): RequestHead {
  const http11 = isHttp11OrLater(line.version);
  // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host with a valid value; more than one is never valid.
  const hosts = headerValues(headers, 'host');
  if (hosts.length > 1) throw new ProtocolError('DUPLICATE_HOST', 'More than one Host field');
  if (hosts.length === 0 && http11) throw new ProtocolError('MISSING_HOST', 'HTTP/1.1 request without Host');
  if (hosts.length === 1 && !VALID_HOST.test(hosts[0]!)) throw new ProtocolError('INVALID_HOST', `Host ${JSON.stringify(hosts[0])} is not a host and optional port`);
  return {
    method: line.method,
    target: line.target,
    version: line.version,
    headers,
    // RFC 9110 §10.1.1: a server may ignore 100-continue from an HTTP/1.0 client.
    expectContinue: http11 && maybeHeader(headers, 'expect')?.toLowerCase() === '100-continue',
    // RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 persists only with "keep-alive".
    keepAlive: hasToken(headers, 'connection', 'close') ? false : http11 || hasToken(headers, 'connection', 'keep-alive'),
  };
}
