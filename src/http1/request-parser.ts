import { requestFraming } from './framing.js';
import type { FramingFields } from './framing-fields.js';
import type { HeaderField } from './headers.js';
import { MessageParser, type MessageRole, type ParseEvent, type ParserOptions } from './message-parser.js';
import type { RequestHead } from './messages.js';
import { isPersistent } from './persistence.js';
import { ProtocolError } from './protocol-error.js';
import { parseRequestLine, refuseLongMethod, type RequestLine } from './request-line.js';
import { splitHostAndPort } from './request-target.js';
import { isHttp11OrLater } from './version.js';

export type RequestEvent = ParseEvent<RequestHead>;

const REQUEST_ROLE: MessageRole<RequestLine, RequestHead> = {
  startLineTooLong: 'REQUEST_LINE_TOO_LONG',
  checkStartLineStart: refuseLongMethod,
  parseStartLine: parseRequestLine,
  makeHead: makeRequestHead,
  framing: (head, fields) => requestFraming(head.version, fields),
  // A server that took LF alone where a front end did not would find a body's end elsewhere: a smuggled request.
  bareLfInChunks: false,
  isLast: (head) => !head.keepAlive,
};

/** Parses the requests of one connection, in order: the server's half of the message layer. */
export class RequestParser extends MessageParser<RequestLine, RequestHead> {
  constructor(options?: ParserOptions) {
    super(REQUEST_ROLE, options);
  }
}

function makeRequestHead(line: RequestLine, headers: HeaderField[], fields: FramingFields): RequestHead {
  const http11 = isHttp11OrLater(line.version);
  // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host with a valid value; more than one is never valid.
  if (fields.hostCount > 1) throw new ProtocolError('DUPLICATE_HOST', 'More than one Host field');
  if (fields.hostCount === 0 && http11) throw new ProtocolError('MISSING_HOST', 'HTTP/1.1 request without Host');
  if (fields.hostCount === 1 && splitHostAndPort(fields.host) === undefined) throw new ProtocolError('INVALID_HOST', `Host ${JSON.stringify(fields.host)} is not a host and optional port`);
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
