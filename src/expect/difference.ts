import { ABSENT_VALUE, type Mismatch } from './compare.js';
import { visibleLine } from './visible.js';

/**
 * What differed first, in a few words, for a finding and the matrix's cells:
 * `status: expected 505, got 200`, `(+2 more)` when other fields differ too. Long values are
 * cut, and two quoted values that start alike are shown from shortly before they part.
 */
export function firstDifference(mismatches: readonly Mismatch[]): string | undefined {
  const first = mismatches[0];
  if (first === undefined) return undefined;
  const got = first.field === 'status' || first.actual === ABSENT_VALUE || first.actual.startsWith('hex: ') ? first.actual : `"${visibleLine(first.actual)}"`;
  const [expected, actual] = withoutCommonStart(first.expected, got);
  const more = mismatches.length > 1 ? ` (+${mismatches.length - 1} more)` : '';
  return cut(`${first.field}: expected ${cut(expected, VALUE_LIMIT)}, got ${cut(actual, VALUE_LIMIT)}${more}`, DIFFERENCE_LIMIT);
}

const DIFFERENCE_LIMIT = 100;
const VALUE_LIMIT = 36;
/** Quoted values that start alike keep this many of their common characters… */
const COMMON_START_KEPT = 4;
/** …when there are more than this many to drop. */
const COMMON_START_MIN = 8;

/** `"HTTP POST Method (Success)\n\nhello"` against `"HTTP POST Method (Success)\n\n"` reads `"…\n\nhello"` against `"…\n\n"`. */
function withoutCommonStart(expected: string, got: string): [string, string] {
  if (!expected.startsWith('"') || !got.startsWith('"')) return [expected, got];
  let common = 1;
  while (common < expected.length && common < got.length && expected[common] === got[common]) common++;
  const drop = common - COMMON_START_KEPT;
  if (drop <= COMMON_START_MIN) return [expected, got];
  return [`"…${expected.slice(drop)}`, `"…${got.slice(drop)}`];
}

/** `text`, at most `limit` characters. */
export function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
