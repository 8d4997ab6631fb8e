import { authorityOf, type ServerAddress } from '../fixture/placeholders.js';

/**
 * The plain requests the harness sends on its own account (filling or emptying the store,
 * checking a held connection is served): HTTP/1.1, `Host`, and a `Content-Length` when there
 * is a body. Scenarios' own requests come from fixtures.
 */
export function simpleRequest(method: string, target: string, server: ServerAddress, body?: Buffer): Buffer {
  const length = body === undefined ? '' : `Content-Length: ${body.length}\r\n`;
  const head = Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: ${authorityOf(server)}\r\n${length}\r\n`, 'latin1');
  return body === undefined ? head : Buffer.concat([head, body]);
}
