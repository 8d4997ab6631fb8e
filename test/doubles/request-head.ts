/**
 * The little request-head reader both test doubles share. It is as lenient as a hand-written
 * socket server: CRLF or bare LF line ends, no validation beyond what the doubles need.
 */
export type HeaderField = readonly [name: string, value: string];

export type HeadReading =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | {
      readonly kind: 'head';
      readonly method: string;
      readonly target: string;
      readonly version: string;
      readonly headers: readonly HeaderField[];
      /** Undefined when the request has no Content-Length field. */
      readonly contentLength: number | undefined;
      /** Offset of the first byte after the head. */
      readonly bodyStart: number;
    };

/** Past this many bytes without a complete head, a double gives up on the connection. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** A double does not buffer a body larger than this (SPEC §2.4's default). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the request head at the start of `buffer`, if all of it has arrived. */
export function readRequestHead(buffer: Buffer): HeadReading {
  // latin1 maps bytes to chars one to one, so string offsets are byte offsets.
  const text = buffer.toString('latin1', 0, Math.min(buffer.length, MAX_HEAD_BYTES + 4));
  // Empty lines before a request line are skipped (RFC 9112 §2.2), e.g. a stray CRLF after a body.
  const start = /^(?:\r?\n)*/.exec(text)?.[0].length ?? 0;
  const end = /\r?\n\r?\n/g;
  end.lastIndex = start;
  const found = end.exec(text);
  if (found === null) return { kind: 'incomplete' };

  const [requestLine = '', ...fieldLines] = text.slice(start, found.index).split(/\r?\n/);
  const parts = requestLine.split(' ');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    return { kind: 'malformed', reason: `request line is not 'METHOD TARGET VERSION': ${JSON.stringify(requestLine)}` };
  }
  const [method = '', target = '', version = ''] = parts;

  const headers: HeaderField[] = [];
  for (const line of fieldLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { kind: 'malformed', reason: `header line has no name: ${JSON.stringify(line)}` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }

  const lengths = headers.filter(([name]) => name.toLowerCase() === 'content-length').map(([, value]) => value);
  if (lengths.some((value) => !/^\d{1,15}$/.test(value) || value !== lengths[0])) {
    return { kind: 'malformed', reason: `invalid Content-Length: ${lengths.join(', ')}` };
  }
  const contentLength = lengths[0] === undefined ? undefined : Number(lengths[0]);
  return { kind: 'head', method, target, version, headers, contentLength, bodyStart: found.index + found[0].length };
}

/** The first value of the field called `name` (case-insensitive), or undefined. */
export function maybeHeader(headers: readonly HeaderField[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === wanted)?.[1];
}
