import type { HttpVersion } from './messages.js';
import { ProtocolError } from './protocol-error.js';
import { readRequestTarget, targetByteFault } from './request-target.js';
import { SP, TARGET_BYTE, TCHAR } from './tokens.js';
import { maybeVersion } from './version.js';

export interface RequestLine {
  readonly method: string;
  readonly target: string;
  readonly version: HttpVersion;
}

/**
 * request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
 * Strict: exactly one SP between the three parts, no leading or trailing whitespace.
 * `offset` is where the line starts in the connection's stream, for error positions.
 */
export function parseRequestLine(buf: Buffer, start: number, end: number, offset: number): RequestLine {
  // Step 1: the method is a token ending at the first SP.
  let i = start;
  while (i < end && TCHAR[buf[i]!] === 1) i++;
  if (i === start) throw new ProtocolError(i < end && buf[i] !== SP ? 'INVALID_METHOD' : 'INVALID_REQUEST_LINE', 'Request line does not start with a method token', offset);
  if (i === end) throw new ProtocolError('INVALID_REQUEST_LINE', 'Expected a space and a request-target after the method', offset + i - start);
  if (buf[i] !== SP) throw new ProtocolError('INVALID_METHOD', 'Method is not a token followed by one space', offset + i - start);
  const method = buf.toString('latin1', start, i);

  // Step 2: the target is the bytes RFC 3986 allows, up to the next SP.
  const targetStart = ++i;
  while (i < end && TARGET_BYTE[buf[i]!] === 1) i++;
  if (i < end && buf[i] !== SP) throw new ProtocolError('INVALID_TARGET', targetByteFault(buf[i]!), offset + i - start);
  if (i === targetStart) throw new ProtocolError('INVALID_REQUEST_LINE', 'Expected a request-target after the method', offset + i - start);
  if (i === end) throw new ProtocolError('INVALID_REQUEST_LINE', 'Expected a space and an HTTP version after the target', offset + i - start);
  const target = buf.toString('latin1', targetStart, i);

  // Step 3: the rest is exactly HTTP/<digit>.<digit>.
  const versionText = buf.toString('latin1', i + 1, end);
  const version = maybeVersion(versionText);
  if (version === undefined) {
    const code = /\s/.test(versionText) ? 'INVALID_REQUEST_LINE' : 'INVALID_VERSION';
    throw new ProtocolError(code, `Expected HTTP/<digit>.<digit>, got ${JSON.stringify(versionText)}`, offset + i + 1 - start);
  }
  if (version.major !== 1) throw new ProtocolError('UNSUPPORTED_VERSION', `HTTP/${version.major}.x is not served over HTTP/1`, offset + i + 1 - start);

  // Step 4: a line of three parts, whose target must be one of the four forms.
  const form = readRequestTarget(target);
  if ('at' in form) throw new ProtocolError('INVALID_TARGET', form.reason, offset + targetStart - start + form.at);
  return { method, target, version };
}

/**
 * The longest method the server implements: OPTIONS (for `OPTIONS *`, SPEC §2.2), as long as
 * CONNECT; no method of RFC 9110 §9 is longer.
 */
export const MAX_METHOD_BYTES = 'OPTIONS'.length;

/**
 * RFC 9112 §3: "A server that receives a method longer than any that it implements SHOULD respond
 * with a 501 (Not Implemented) status code." Judged on the first bytes of a request line, ended
 * or not, so a huge method is refused as soon as it is too long, before the line is long enough
 * to be judged too long (414).
 */
export function refuseLongMethod(buf: Buffer, start: number, end: number, offset: number): void {
  if (end - start <= MAX_METHOD_BYTES) return;
  for (let i = start; i <= start + MAX_METHOD_BYTES; i++) if (TCHAR[buf[i]!] !== 1) return;
  throw new ProtocolError('METHOD_TOO_LONG', `Method is longer than ${MAX_METHOD_BYTES} bytes, the longest method implemented`, offset);
}
