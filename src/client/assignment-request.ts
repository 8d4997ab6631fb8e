import { serializeRequest, type HeaderField, type Headers, type HttpVersion } from '../http1/index.js';

/** What the client calls itself in `User-Agent`: the assignment's {CLIENT_NAME}. */
export const CLIENT_NAME = 'wirecheck-client/0.1';

export interface AssignmentRequest {
  readonly method: string;
  /** The request-target, sent as typed. */
  readonly url: string;
  readonly version: HttpVersion;
  /** Where the request goes, for the `Host` field. */
  readonly host: string;
  readonly port: number;
  /** Sent as UTF-8 after the head, announced by a Content-Length so that a real server can frame it. */
  readonly body?: string;
  /** More fields; one named like a default field replaces it where it stands. */
  readonly extraHeaders?: Headers;
}

/**
 * The request the assignment's client sent (SPEC §1): its four header fields exactly, in order,
 * plus a Content-Length when there is a body, which the assignment left out.
 */
export function assignmentRequestBytes(request: AssignmentRequest): Buffer {
  const defaults: HeaderField[] = [
    ['Host', `${request.host}:${request.port}`],
    ['Content-Type', 'text/plain'],
    ['User-Agent', CLIENT_NAME],
    ['Connection', 'keep-alive'],
  ];
  if (request.body !== undefined) defaults.push(['Content-Length', String(Buffer.byteLength(request.body, 'utf8'))]);
  const headers = withOverrides(defaults, request.extraHeaders ?? []);
  return serializeRequest({ method: request.method, target: request.url, version: request.version, headers, body: request.body });
}

/** `HTTP/1.1` as { major: 1, minor: 1 }; undefined for anything not `HTTP/<digit>.<digit>`. */
export function maybeHttpVersion(text: string): HttpVersion | undefined {
  const match = /^HTTP\/(\d)\.(\d)$/.exec(text);
  return match === null ? undefined : { major: Number(match[1]), minor: Number(match[2]) };
}

function withOverrides(defaults: readonly HeaderField[], extra: Headers): HeaderField[] {
  const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const fields: HeaderField[] = [];
  for (const field of defaults) {
    const overrides = extra.filter(([name]) => sameName(name, field[0]));
    fields.push(...(overrides.length > 0 ? overrides : [field]));
  }
  fields.push(...extra.filter(([name]) => !defaults.some(([defaultName]) => sameName(name, defaultName))));
  return fields;
}
