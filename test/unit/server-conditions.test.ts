/**
 * Conditional requests (RFC 9110 §13) as the server judges them: HTTP-dates in their three
 * formats, entity-tag lists and their comparisons, and the order of the preconditions.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conditionalFields, evaluatePreconditions, ifRangeHolds, type ConditionalFields, type Validators } from '../../src/server/conditions.js';
import { parseHttpDate } from '../../src/server/http-date.js';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  for (const [form, value] of [
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['asctime', 'Sun Nov  6 08:49:37 1994'],
  ]) {
    test(`reads the ${form} form`, () => {
      assert.equal(parseHttpDate(value!), NOV_6_1994);
    });
  }

  test('an RFC 850 two-digit year more than 50 years ahead is in the past century', () => {
    const thisYear = new Date().getUTCFullYear();
    const ahead = (thisYear + 51) % 100;
    const year = new Date(parseHttpDate(`Monday, 01-Jan-${String(ahead).padStart(2, '0')} 00:00:00 GMT`)!).getUTCFullYear();
    assert.equal(year, thisYear + 51 - 100);
    const near = (thisYear + 1) % 100;
    assert.equal(new Date(parseHttpDate(`Monday, 01-Jan-${String(near).padStart(2, '0')} 00:00:00 GMT`)!).getUTCFullYear(), thisYear + 1);
  });

  for (const value of [
    '',
    'yesterday',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 06 Nov 1994 08:49:37 +0000',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 31 Apr 1994 08:49:37 GMT',
    'Sun, 00 Nov 1994 08:49:37 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    ' Sun, 06 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT',
  ]) {
    test(`is not a date: ${JSON.stringify(value)}`, () => {
      assert.equal(parseHttpDate(value), undefined);
    });
  }

  test('a leap second is a valid time', () => {
    assert.equal(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT'), Date.UTC(2017, 0, 1, 0, 0, 0));
  });
});

describe('conditionalFields', () => {
  test('none in an ordinary request', () => {
    assert.equal(conditionalFields([['Host', 'h'], ['Accept', '*/*'], ['Connection', 'keep-alive']]), undefined);
  });

  test('every line of each, in any case, in order', () => {
    const fields = conditionalFields([['if-none-match', '"a"'], ['Host', 'h'], ['IF-NONE-MATCH', '"b"'], ['Range', 'bytes=0-1'], ['If-Range', '"c"'], ['If-Match', '*'], ['If-Modified-Since', 'x'], ['If-Unmodified-Since', 'y']]);
    assert.deepEqual(fields, { ifNoneMatch: ['"a"', '"b"'], range: ['bytes=0-1'], ifRange: ['"c"'], ifMatch: ['*'], ifModifiedSince: ['x'], ifUnmodifiedSince: ['y'] });
  });
});

describe('evaluatePreconditions (RFC 9110 §13.2.2)', () => {
  const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
  const current: Validators = { etag: '"s1-4"', lastModified: Date.UTC(2026, 0, 10, 11, 0, 0) };
  const HOUR_BEFORE_CHANGE = 'Sat, 10 Jan 2026 10:00:00 GMT';
  const AT_CHANGE = 'Sat, 10 Jan 2026 11:00:00 GMT';
  const AFTER_CHANGE = 'Sat, 10 Jan 2026 11:30:00 GMT';
  const AFTER_NOW = 'Sat, 10 Jan 2026 12:00:01 GMT';
  const judge = (fields: ConditionalFields, method = 'GET') => evaluatePreconditions(method, fields, current, NOW);

  const cases: Array<[what: string, fields: ConditionalFields, get: 'proceed' | 304 | 412, post: 'proceed' | 304 | 412]> = [
    ['If-None-Match the current tag', { ifNoneMatch: ['"s1-4"'] }, 304, 412],
    ['If-None-Match: * (the resource exists)', { ifNoneMatch: ['*'] }, 304, 412],
    ['If-None-Match another tag', { ifNoneMatch: ['"s1-3"'] }, 'proceed', 'proceed'],
    ['If-None-Match a list holding the tag', { ifNoneMatch: ['"x", "s1-4"'] }, 304, 412],
    ['If-None-Match the tag on a second field line', { ifNoneMatch: ['"x"', '"s1-4"'] }, 304, 412],
    ['If-None-Match with empty list elements', { ifNoneMatch: [' , "x" ,, "s1-4" , '] }, 304, 412],
    ['If-None-Match the tag made weak (the weak comparison, §13.1.2)', { ifNoneMatch: ['W/"s1-4"'] }, 304, 412],
    ['If-None-Match the tag unquoted (not an entity-tag)', { ifNoneMatch: ['s1-4'] }, 'proceed', 'proceed'],
    ['If-None-Match a list with a bad member', { ifNoneMatch: ['"s1-4" junk'] }, 'proceed', 'proceed'],
    ['If-None-Match * among tags (not the grammar)', { ifNoneMatch: ['"x", *'] }, 'proceed', 'proceed'],
    ['If-Match the current tag', { ifMatch: ['"s1-4"'] }, 'proceed', 'proceed'],
    ['If-Match: *', { ifMatch: ['*'] }, 'proceed', 'proceed'],
    ['If-Match another tag', { ifMatch: ['"s1-3"'] }, 412, 412],
    ['If-Match the tag made weak (the strong comparison, §13.1.1)', { ifMatch: ['W/"s1-4"'] }, 412, 412],
    ['If-Match that does not parse', { ifMatch: ['garbage'] }, 412, 412],
    ['If-Unmodified-Since before the change', { ifUnmodifiedSince: [HOUR_BEFORE_CHANGE] }, 412, 412],
    ['If-Unmodified-Since at the change', { ifUnmodifiedSince: [AT_CHANGE] }, 'proceed', 'proceed'],
    ['If-Unmodified-Since not a date (ignored, §13.1.4)', { ifUnmodifiedSince: ['soon'] }, 'proceed', 'proceed'],
    ['If-Unmodified-Since before the change, with a matching If-Match (ignored)', { ifMatch: ['"s1-4"'], ifUnmodifiedSince: [HOUR_BEFORE_CHANGE] }, 'proceed', 'proceed'],
    ['If-Modified-Since at the change', { ifModifiedSince: [AT_CHANGE] }, 304, 'proceed'],
    ['If-Modified-Since after the change', { ifModifiedSince: [AFTER_CHANGE] }, 304, 'proceed'],
    ['If-Modified-Since before the change', { ifModifiedSince: [HOUR_BEFORE_CHANGE] }, 'proceed', 'proceed'],
    ['If-Modified-Since later than the server\'s clock (ignored)', { ifModifiedSince: [AFTER_NOW] }, 'proceed', 'proceed'],
    ['If-Modified-Since not a date (ignored, §13.1.3)', { ifModifiedSince: ['Sat, 10 Jan 2026'] }, 'proceed', 'proceed'],
    ['If-Modified-Since twice (a list: ignored)', { ifModifiedSince: [AT_CHANGE, AT_CHANGE] }, 'proceed', 'proceed'],
    ['If-Modified-Since in the obsolete asctime form', { ifModifiedSince: ['Sat Jan 10 11:00:00 2026'] }, 304, 'proceed'],
    ['If-Modified-Since at the change with an If-None-Match that fails (ignored)', { ifNoneMatch: ['"s1-3"'], ifModifiedSince: [AT_CHANGE] }, 'proceed', 'proceed'],
    ['If-Match that fails comes before If-None-Match', { ifMatch: ['"s1-3"'], ifNoneMatch: ['*'] }, 412, 412],
  ];
  for (const [what, fields, get, post] of cases) {
    test(`${what}: GET ${get}, POST ${post}`, () => {
      assert.equal(judge(fields, 'GET'), get);
      assert.equal(judge(fields, 'HEAD'), get, 'HEAD is judged as GET');
      assert.equal(judge(fields, 'POST'), post);
      assert.equal(judge(fields, 'DELETE'), post, 'DELETE is judged as POST');
    });
  }
});

describe('ifRangeHolds (RFC 9110 §13.1.5)', () => {
  const current: Validators = { etag: '"s1-4"', lastModified: Date.UTC(2026, 0, 10, 11, 0, 0) };
  for (const [value, holds] of [
    ['"s1-4"', true],
    ['"s1-3"', false],
    ['W/"s1-4"', false],
    ['*', false],
    ['"s1-4", "x"', false],
    ['Sat, 10 Jan 2026 11:00:00 GMT', false],
  ] as const) {
    test(`If-Range: ${value} ${holds ? 'holds' : 'does not hold'}`, () => {
      assert.equal(ifRangeHolds([value], current), holds);
    });
  }

  test('two If-Range lines do not hold', () => {
    assert.equal(ifRangeHolds(['"s1-4"', '"s1-4"'], current), false);
  });
});
