import type { RequestSpec, StructuredRequestSpec } from './fixture.js';
import { fillPlaceholders, placeholderValues, type ServerAddress } from './placeholders.js';
import { rawTextBytes } from './raw-text.js';

/**
 * The exact bytes to send for a request, with placeholders filled for `server`. Nothing is
 * validated or added (no Host, no Content-Length): a conformance harness must be able to send
 * malformed requests on purpose.
 */
export function requestBytes(spec: RequestSpec, server: ServerAddress): Buffer {
  return spec.kind === 'raw' ? rawTextBytes(spec.raw, placeholderValues(server)) : structuredRequestBytes(spec, server);
}

/** `METHOD SP target SP version CRLF`, then `Name: value CRLF` per header, CRLF, the body. */
function structuredRequestBytes(spec: StructuredRequestSpec, server: ServerAddress): Buffer {
  const body = Buffer.from(spec.body, 'utf8');
  const values = placeholderValues(server, body.length);
  const lines = [`${spec.method} ${fillPlaceholders(spec.target, values)} ${spec.version}`];
  for (const [name, value] of spec.headers) lines.push(`${name}: ${fillPlaceholders(value, values)}`);
  const head = Buffer.from(lines.map((line) => `${line}\r\n`).join('') + '\r\n', 'utf8');
  return Buffer.concat([head, body]);
}
