/**
 * Header fields as the ordered list of raw name/value pairs they arrived as: case, order and
 * duplicates survive, so a conformance harness can show exactly what was on the wire.
 * Lookups are case-insensitive.
 */
export type HeaderField = readonly [name: string, value: string];
export type Headers = readonly HeaderField[];

/** Every value of the fields called `name` (case-insensitive), in order. */
export function headerValues(headers: Headers, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [n, v] of headers) if (n.length === wanted.length && n.toLowerCase() === wanted) values.push(v);
  return values;
}

/** The first value of the field called `name`, or undefined when absent. */
export function maybeHeader(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [n, v] of headers) if (n.length === wanted.length && n.toLowerCase() === wanted) return v;
  return undefined;
}

/** The comma-separated list elements of every `name` field, trimmed and lower-cased (RFC 9110 §5.6.1). */
export function headerTokens(headers: Headers, name: string): string[] {
  return listTokens(headerValues(headers, name));
}

/** The comma-separated list elements of `values`, trimmed and lower-cased, empty ones dropped (RFC 9110 §5.6.1). */
export function listTokens(values: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const token = part.trim().toLowerCase();
      if (token !== '') tokens.push(token);
    }
  }
  return tokens;
}

/** True when a `name` field lists `token` (case-insensitive), e.g. `Connection: close`. */
export function hasToken(headers: Headers, name: string, token: string): boolean {
  return headerTokens(headers, name).includes(token.toLowerCase());
}
