import type { HttpVersion } from './messages.js';
import { ProtocolError } from './protocol-error.js';
import { maybeVersion } from './version.js';

export interface StatusLine {
  readonly version: HttpVersion;
  readonly status: number;
  readonly reason: string;
}

/**
 * status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4).
 * Lenient as a client should be: the SP before an empty reason may be missing.
 */
export function parseStatusLine(buf: Buffer, start: number, end: number, offset: number): StatusLine {
  const text = buf.toString('latin1', start, end);
  const version = maybeVersion(text.slice(0, 8));
  const code = text.slice(9, 12);
  if (version === undefined || text[8] !== ' ' || !/^[1-9]\d\d$/.test(code) || (text.length > 12 && text[12] !== ' ')) {
    throw new ProtocolError('INVALID_STATUS_LINE', `Not a status line: ${JSON.stringify(text.slice(0, 80))}`, offset);
  }
  return { version, status: Number(code), reason: text.slice(13) };
}
