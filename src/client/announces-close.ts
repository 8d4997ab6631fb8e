import { hasToken, type ResponseHead } from '../http1/index.js';

/**
 * True when a response says the server will close the connection after it (RFC 9112 §9.3):
 * `Connection: close`, or HTTP/1.0 without `Connection: keep-alive`.
 */
export function announcesClose(head: ResponseHead): boolean {
  if (hasToken(head.headers, 'connection', 'close')) return true;
  return head.version.major === 1 && head.version.minor === 0 && !hasToken(head.headers, 'connection', 'keep-alive');
}
