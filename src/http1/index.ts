/** The sans-I/O HTTP/1.1 message layer: bytes in, messages or typed errors out. */
export { ERROR_STATUS, type ErrorCode } from './error-codes.js';
export { chunkSizeLine, encodeChunked, lastChunk, type ChunkSpec, type LastChunkSpec } from './chunked-encoder.js';
export type { BodyFraming } from './framing.js';
export { hasToken, headerTokens, headerValues, maybeHeader, type HeaderField, type Headers } from './headers.js';
export { formatHttpDate } from './http-date.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { ParseEvent, ParserOptions } from './message-parser.js';
export type { HttpVersion, Request, RequestHead, Response, ResponseHead } from './messages.js';
export { isProtocolError, ProtocolError } from './protocol-error.js';
export { RequestParser, type RequestEvent } from './request-parser.js';
export { maybeRequestTarget, type RequestTarget } from './request-target.js';
export { ResponseParser, type ResponseEvent } from './response-parser.js';
export { announcesClose, connectionOptions, isPersistent, type ConnectionOptions } from './persistence.js';
export {
  fieldLines,
  headText,
  requestLine,
  serializeRequest,
  serializeResponse,
  statusLine,
  type RequestSpec,
  type ResponseSpec,
  type VersionSpec,
} from './serializer.js';
export { reasonPhrase } from './status-codes.js';
export { formatVersion, HTTP_1_0, HTTP_1_1, isHttp11OrLater } from './version.js';
