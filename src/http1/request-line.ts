import type { HttpVersion } from './messages.js';
import { ProtocolError } from './protocol-error.js';
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

  // Step 2: the target is visible ASCII up to the next SP.
  const targetStart = ++i;
  while (i < end && TARGET_BYTE[buf[i]!] === 1) i++;
  if (i === targetStart) throw new ProtocolError('INVALID_REQUEST_LINE', 'Expected a request-target after the method', offset + i - start);
  if (i === end) throw new ProtocolError('INVALID_REQUEST_LINE', 'Expected a space and an HTTP version after the target', offset + i - start);
  if (buf[i] !== SP) throw new ProtocolError('INVALID_TARGET', 'Request-target contains a byte that is not visible ASCII', offset + i - start);
  const target = buf.toString('latin1', targetStart, i);

  // Step 3: the rest is exactly HTTP/<digit>.<digit>.
  const versionText = buf.toString('latin1', i + 1, end);
  const version = maybeVersion(versionText);
  if (version === undefined) {
    const code = /\s/.test(versionText) ? 'INVALID_REQUEST_LINE' : 'INVALID_VERSION';
    throw new ProtocolError(code, `Expected HTTP/<digit>.<digit>, got ${JSON.stringify(versionText)}`, offset + i + 1 - start);
  }
  if (version.major !== 1) throw new ProtocolError('UNSUPPORTED_VERSION', `HTTP/${version.major}.x is not served over HTTP/1`, offset + i + 1 - start);
  return { method, target, version };
}
