import { requestFraming } from './framing.js';
import type { FramingFields } from './framing-fields.js';
import type { HeaderField } from './headers.js';
import { MessageParser, type MessageRole, type ParseEvent, type ParserOptions } from './message-parser.js';
import type { RequestHead } from './messages.js';
import { isPersistent } from './persistence.js';
import { ProtocolError } from './protocol-error.js';
import { parseRequestLine, type RequestLine } from './request-line.js';
import { IP_LITERAL_BYTE, REG_NAME_BYTE } from './tokens.js';
import { isHttp11OrLater } from './version.js';

export type RequestEvent = ParseEvent<RequestHead>;

const REQUEST_ROLE: MessageRole<RequestLine, RequestHead> = {
  startLineTooLong: 'REQUEST_LINE_TOO_LONG',
  parseStartLine: parseRequestLine,
  makeHead: makeRequestHead,
  framing: (head, fields) => requestFraming(head.version, fields),
  isLast: (head) => !head.keepAlive,
};

/** Parses the requests of one connection, in order: the server's half of the message layer. */
export class RequestParser extends MessageParser<RequestLine, RequestHead> {
  constructor(options?: ParserOptions) {
    super(REQUEST_ROLE, options);
  }
}

/**
 * uri-host [ ":" port ] (RFC 9112 §3.2, RFC 3986 §3.2.2): an IP literal in brackets, or a
 * reg-name (percent-encoded octets are not decoded, so `%` passes as a character); empty is
 * allowed for a URI without authority.
 */
function isHostAndPort(value: string): boolean {
  const n = value.length;
  let i = 0;
  if (n > 0 && value.charCodeAt(0) === 0x5b /* [ */) {
    i = 1;
    while (i < n && isByteIn(IP_LITERAL_BYTE, value.charCodeAt(i))) i++;
    if (i === 1 || i === n || value.charCodeAt(i) !== 0x5d /* ] */) return false;
    i++;
  } else {
    while (i < n && isByteIn(REG_NAME_BYTE, value.charCodeAt(i))) i++;
  }
  if (i === n) return true;
  if (value.charCodeAt(i) !== 0x3a /* : */) return false;
  for (i++; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `c` is a char code of a latin1 string: one byte. */
const isByteIn = (table: Uint8Array, c: number): boolean => c < 256 && table[c] === 1;

function makeRequestHead(line: RequestLine, headers: HeaderField[], fields: FramingFields): RequestHead {
  const http11 = isHttp11OrLater(line.version);
  // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host with a valid value; more than one is never valid.
  if (fields.hostCount > 1) throw new ProtocolError('DUPLICATE_HOST', 'More than one Host field');
  if (fields.hostCount === 0 && http11) throw new ProtocolError('MISSING_HOST', 'HTTP/1.1 request without Host');
  if (fields.hostCount === 1 && !isHostAndPort(fields.host)) throw new ProtocolError('INVALID_HOST', `Host ${JSON.stringify(fields.host)} is not a host and optional port`);
  return {
    method: line.method,
    target: line.target,
    version: line.version,
    headers,
    // RFC 9110 §10.1.1: a server may ignore 100-continue from an HTTP/1.0 client.
    expectContinue: http11 && fields.expect?.toLowerCase() === '100-continue',
    // The Connection options were noted as the fields were read.
    keepAlive: isPersistent(line.version, fields),
  };
}
