/**
 * What a Range field asks of a representation (RFC 9110 §14.2): all of it (no usable Range),
 * one part (first and last byte positions, both included), or nothing it has (416).
 */
export type RangeSelection =
  | { readonly kind: 'all' }
  | { readonly kind: 'part'; readonly first: number; readonly last: number }
  | { readonly kind: 'unsatisfiable' };

const ALL: RangeSelection = { kind: 'all' };
const UNSATISFIABLE: RangeSelection = { kind: 'unsatisfiable' };

const BYTES_UNIT = /^bytes=/i;
/** int-range `first-[last]` or suffix-range `-length` (RFC 9110 §14.1.1). */
const RANGE_SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/**
 * The selection for a representation of `length` bytes, from the Range field's lines. A unit
 * other than `bytes`, or a range-set that does not parse (a last position before its first
 * included), is ignored (§14.2: a server MAY ignore Range). Satisfiable ranges that overlap or
 * touch are coalesced (§14.2 allows it); if they still make several parts, the whole
 * representation is sent, since multipart/byteranges is not implemented.
 */
export function selectRange(values: readonly string[], length: number): RangeSelection {
  // Range is not a list field: a second line makes a value that does not parse.
  const value = values.join(',');
  if (!BYTES_UNIT.test(value)) return ALL;
  const parts: Array<[first: number, last: number]> = [];
  let specs = 0;
  for (const element of value.slice('bytes='.length).split(',')) {
    const spec = element.trim();
    // Empty list elements are allowed and not counted (RFC 9110 §5.6.1).
    if (spec === '') continue;
    specs++;
    const found = RANGE_SPEC.exec(spec);
    if (found === null) return ALL;
    const [, firstText, lastText, suffixText] = found;
    if (suffixText !== undefined) {
      // A suffix of zero bytes selects nothing; a longer one than the representation, all of it.
      const suffix = Number(suffixText);
      if (suffix > 0) parts.push([Math.max(0, length - suffix), length - 1]);
      continue;
    }
    const first = Number(firstText);
    const last = lastText === '' ? Infinity : Number(lastText);
    if (last < first) return ALL;
    if (first < length) parts.push([first, Math.min(last, length - 1)]);
  }
  if (specs === 0) return ALL;
  if (parts.length === 0) return UNSATISFIABLE;
  parts.sort((a, b) => a[0] - b[0]);
  const first = parts[0]![0];
  let last = parts[0]![1];
  for (const [nextFirst, nextLast] of parts.slice(1)) {
    if (nextFirst > last + 1) return ALL;
    last = Math.max(last, nextLast);
  }
  return { kind: 'part', first, last };
}
