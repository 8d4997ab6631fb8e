/** Long enough for any method a test sends; a request line is not read further than this. */
const METHOD_SEARCH_BYTES = 64;

/**
 * The request line's first word, `HEAD` in `HEAD / HTTP/1.1`, which decides how the response is
 * framed; undefined when the bytes do not start with a word and a space.
 */
export function maybeRequestMethod(bytes: Uint8Array | string): string | undefined {
  const head = typeof bytes === 'string' ? bytes.slice(0, METHOD_SEARCH_BYTES) : Buffer.from(bytes.subarray(0, METHOD_SEARCH_BYTES)).toString('latin1');
  // Empty lines before a request line are allowed (RFC 9112 §2.2).
  return /^(?:\r?\n)*([^\s]+) /.exec(head)?.[1];
}
