import { reasonPhrase } from '../http1/index.js';
import type { HttpDateClock } from './http-date-clock.js';

export interface OutgoingResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly keepAlive: boolean;
  /** HEAD: announce the body's length but send no body. */
  readonly omitBody?: boolean;
  readonly allow?: string;
}

const SERVER_NAME = 'wirecheck/0.1';
const FIXED_HEADERS = `Server: ${SERVER_NAME}\r\nContent-Type: text/plain; charset=utf-8\r\n`;
const statusLines = new Map<number, string>();

function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n`;
    statusLines.set(status, line);
  }
  return line;
}

export const CONTINUE_BYTES = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

/**
 * Serializes a response into one buffer, so it goes out in one write. Every response has
 * Server, Date, Content-Type, Content-Length and Connection (SPEC §1, §2.1).
 */
export function responseBytes(response: OutgoingResponse, clock: HttpDateClock): Buffer {
  const head =
    statusLine(response.status) +
    FIXED_HEADERS +
    `Date: ${clock.now()}\r\nContent-Length: ${response.body.length}\r\n` +
    (response.allow === undefined ? '' : `Allow: ${response.allow}\r\n`) +
    (response.keepAlive ? 'Connection: keep-alive\r\n\r\n' : 'Connection: close\r\n\r\n');
  const bodyLength = response.omitBody ? 0 : response.body.length;
  const out = Buffer.allocUnsafe(head.length + bodyLength);
  out.write(head, 0, 'latin1');
  if (bodyLength > 0) response.body.copy(out, head.length);
  return out;
}
