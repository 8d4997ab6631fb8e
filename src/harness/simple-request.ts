import { serializeRequest } from '../http1/index.js';
import { authorityOf, type ServerAddress } from '../fixture/placeholders.js';

/**
 * The plain requests the harness sends on its own account (filling or emptying the store,
 * checking a held connection is served): HTTP/1.1, `Host`, and a `Content-Length` when there
 * is a body. Scenarios' own requests come from fixtures.
 */
export function simpleRequest(method: string, target: string, server: ServerAddress, body?: Buffer): Buffer {
  const headers: [string, string][] = [['Host', authorityOf(server)]];
  if (body !== undefined) headers.push(['Content-Length', String(body.length)]);
  return serializeRequest({ method, target, headers, ...(body === undefined ? {} : { body }) });
}
