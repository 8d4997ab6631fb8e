import { headerTokens, type Headers } from './headers.js';
import type { HttpVersion } from './messages.js';
import { isHttp11OrLater } from './version.js';

/** Which of the two persistence options a message's Connection fields list (RFC 9112 §9.3). */
export interface ConnectionOptions {
  readonly close: boolean;
  readonly keepAlive: boolean;
}

/**
 * Whether the connection persists after a message, for either role (RFC 9112 §9.3): `close`
 * ends it in any version; HTTP/1.1 and later persist by default; anything older only with
 * `keep-alive`.
 */
export function isPersistent(version: HttpVersion, options: ConnectionOptions): boolean {
  return !options.close && (isHttp11OrLater(version) || options.keepAlive);
}

/** The persistence options listed by every Connection field of `headers`. */
export function connectionOptions(headers: Headers): ConnectionOptions {
  const tokens = headerTokens(headers, 'connection');
  return { close: tokens.includes('close'), keepAlive: tokens.includes('keep-alive') };
}

/**
 * True when a response says the server closes the connection after it, so the client must send
 * nothing more on it (RFC 9112 §9.3, §9.6).
 */
export function announcesClose(head: { readonly version: HttpVersion; readonly headers: Headers }): boolean {
  return !isPersistent(head.version, connectionOptions(head.headers));
}
