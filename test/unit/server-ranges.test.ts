/** Byte ranges (RFC 9110 §14) as the server selects them from a Range field, for a 27-byte listing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { selectRange, type RangeSelection } from '../../src/server/ranges.js';

const LENGTH = 27;
const ALL: RangeSelection = { kind: 'all' };
const UNSATISFIABLE: RangeSelection = { kind: 'unsatisfiable' };
const part = (first: number, last: number): RangeSelection => ({ kind: 'part', first, last });

describe('selectRange', () => {
  const cases: Array<[value: string | string[], expected: RangeSelection, why: string]> = [
    ['bytes=0-3', part(0, 3), 'first-last'],
    ['bytes=5-', part(5, 26), 'first- runs to the end'],
    ['bytes=-2', part(25, 26), 'a suffix'],
    ['bytes=-100', part(0, 26), 'a suffix longer than the representation is all of it'],
    ['bytes=0-1000', part(0, 26), 'a last position past the end is the end'],
    ['bytes=26-26', part(26, 26), 'the last byte'],
    ['Bytes=0-3', part(0, 3), 'the unit is case-insensitive (§14.1)'],
    ['bytes= 0-3 ', part(0, 3), 'whitespace around a list element'],
    ['bytes=0-3,', part(0, 3), 'an empty list element'],
    ['bytes=27-', UNSATISFIABLE, 'first position at the length'],
    ['bytes=100-200', UNSATISFIABLE, 'first position past the end'],
    ['bytes=-0', UNSATISFIABLE, 'a suffix of zero bytes'],
    ['bytes=27-30, 40-', UNSATISFIABLE, 'no range satisfiable'],
    ['bytes=0-3, 100-', part(0, 3), 'an unsatisfiable range beside a satisfiable one is dropped'],
    ['bytes=0-5, 3-8', part(0, 8), 'overlapping ranges are coalesced'],
    ['bytes=4-8, 0-3', part(0, 8), 'touching ranges are coalesced, in any order'],
    ['bytes=0-3, 0-3', part(0, 3), 'the same range twice'],
    ['bytes=0-0, -1', ALL, 'two parts apart: no multipart, so the whole representation'],
    ['bytes=3-2', ALL, 'a last position before the first: invalid, ignored'],
    ['bytes=0-3, 5-4', ALL, 'one invalid range-spec makes the whole field invalid'],
    ['bytes=', ALL, 'no range-spec'],
    ['bytes=,', ALL, 'only empty elements'],
    ['bytes=a-b', ALL, 'not digits'],
    ['bytes=1-2-3', ALL, 'not a range-spec'],
    ['bytes=+1-2', ALL, 'a sign'],
    ['bytes 0-3', ALL, 'no ='],
    ['bytes =0-3', ALL, 'space before ='],
    ['items=0-3', ALL, 'a unit other than bytes (§14.2: ignored)'],
    ['bytes=0-3;x', ALL, 'trailing junk'],
    [['bytes=0-3', 'bytes=5-6'], ALL, 'two Range lines (Range is not a list)'],
    ['bytes=99999999999999999999999-', UNSATISFIABLE, 'a first position too large for any representation'],
    ['bytes=0-99999999999999999999999', part(0, 26), 'a last position too large is the end'],
  ];
  for (const [value, expected, why] of cases) {
    test(`${JSON.stringify(value)}: ${expected.kind === 'part' ? `${expected.first}-${expected.last}` : expected.kind} (${why})`, () => {
      assert.deepEqual(selectRange(typeof value === 'string' ? [value] : value, LENGTH), expected);
    });
  }
});
