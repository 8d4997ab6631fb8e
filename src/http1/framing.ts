import type { FramingFields } from './framing-fields.js';
import type { HttpVersion } from './messages.js';
import { ProtocolError } from './protocol-error.js';

/** How a message body is delimited: the strategies of RFC 9112 §6.3, chosen by name. */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'until-close' };

const NO_BODY: BodyFraming = { kind: 'none' };
const CHUNKED: BodyFraming = { kind: 'chunked' };
const UNTIL_CLOSE: BodyFraming = { kind: 'until-close' };
const MAX_LENGTH_DIGITS = 15; // stays an exact integer in a double

/**
 * The framing of a request body (RFC 9112 §6.3), strictest reading: anything that two
 * parsers could read two ways is rejected, because that is how requests get smuggled.
 */
export function requestFraming(version: HttpVersion, fields: FramingFields): BodyFraming {
  const hasTransferEncoding = fields.transferEncoding !== undefined;
  const lengths = fields.contentLength;

  // Step 3: Transfer-Encoding and Content-Length together is a smuggling attempt; reject it.
  if (hasTransferEncoding && lengths !== undefined) {
    throw new ProtocolError('CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 'Both Content-Length and Transfer-Encoding are present');
  }
  // Step 4: Transfer-Encoding decides; HTTP/1.0 has no transfer codings (RFC 9112 §6.1).
  if (hasTransferEncoding) {
    if (version.major === 1 && version.minor === 0) {
      throw new ProtocolError('TRANSFER_ENCODING_IN_HTTP10', 'Transfer-Encoding in an HTTP/1.0 request');
    }
    return chunkedOrThrow(fields.codings);
  }
  // Step 5: Content-Length decides.
  if (lengths !== undefined) return { kind: 'length', length: parseContentLength(lengths) };
  // Step 6: no body.
  return NO_BODY;
}

/**
 * The framing of a response body (RFC 9112 §6.3), lenient where a client may be: a harness
 * must frame whatever a server sends in order to show it.
 */
export function responseFraming(status: number, fields: FramingFields, requestMethod: string): BodyFraming {
  // Step 1: HEAD responses, 1xx, 204 and 304 never have a body.
  if (requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304) return NO_BODY;
  // Step 2: a 2xx to CONNECT makes the connection a tunnel right after the header section.
  if (requestMethod === 'CONNECT' && status < 300) return NO_BODY;
  // Step 3: chunked as final coding frames the body; any other coding reads until close.
  const codings = fields.codings;
  if (codings.length > 0) return codings[codings.length - 1] === 'chunked' ? CHUNKED : UNTIL_CLOSE;
  // Step 5: Content-Length.
  const lengths = fields.contentLength;
  if (lengths !== undefined) return { kind: 'length', length: parseContentLength(lengths, true) };
  // Step 7: the body runs until the server closes the connection.
  return UNTIL_CLOSE;
}

/**
 * Only `chunked`, last, is served. RFC 9112 §6.3 step 4: chunked not the final coding (`gzip`
 * alone included, or `chunked, gzip`) is 400, then close, a MUST; chunked last after a coding
 * the server does not implement (`gzip, chunked`) is 501 (RFC 9112 §6.1).
 */
function chunkedOrThrow(codings: string[]): BodyFraming {
  if (codings.length === 0) throw new ProtocolError('INVALID_TRANSFER_ENCODING', 'Transfer-Encoding names no coding');
  if (codings.indexOf('chunked') !== codings.length - 1) {
    throw new ProtocolError('CHUNKED_NOT_FINAL', 'chunked is not the final transfer coding');
  }
  const unsupported = codings.find((coding) => coding !== 'chunked');
  if (unsupported !== undefined) {
    throw new ProtocolError('UNSUPPORTED_TRANSFER_CODING', `Transfer coding ${JSON.stringify(unsupported)} is not implemented`);
  }
  return CHUNKED;
}

/**
 * Content-Length = 1*DIGIT (RFC 9110 §8.6). A request may carry exactly one; a response may
 * repeat one value (`allowRepeats`), which some servers do.
 */
function parseContentLength(values: readonly string[], allowRepeats = false): number {
  const parts = values.flatMap((value) => value.split(',').map((part) => part.trim()));
  if (parts.length > 1 && !(allowRepeats && parts.every((part) => part === parts[0]))) {
    throw new ProtocolError('INVALID_CONTENT_LENGTH', `More than one Content-Length: ${parts.join(', ')}`);
  }
  const digits = parts[0]!;
  if (digits.length === 0 || digits.length > MAX_LENGTH_DIGITS || !isDigits(digits)) {
    throw new ProtocolError('INVALID_CONTENT_LENGTH', `Content-Length ${JSON.stringify(digits)} is not a decimal length`);
  }
  return Number(digits);
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
