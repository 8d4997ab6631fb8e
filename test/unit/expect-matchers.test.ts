import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { isHttpDate, isImfFixdate } from '../../src/expect/http-date.js';
import {
  ABSENT,
  ANY,
  contains,
  describe,
  exact,
  HTTP_DATE,
  IMF_FIXDATE,
  matches,
  NUMBER,
  oneOf,
  regex,
} from '../../src/expect/matchers.js';
import {
  describeStatus,
  matchesStatus,
  allowsCloseWithoutResponse,
  allowsWait,
  maybeSingleStatusMatcher,
  statusClass,
  statusCode,
  statusOneOf,
} from '../../src/expect/status-matcher.js';

suite('matchers', () => {
  test('exact matches only the same text, and never a missing field', () => {
    assert.equal(matches(exact('keep-alive'), 'keep-alive'), true);
    assert.equal(matches(exact('keep-alive'), 'Keep-Alive'), false);
    assert.equal(matches(exact('keep-alive'), 'keep-alive '), false);
    assert.equal(matches(exact(''), ''), true);
    assert.equal(matches(exact(''), undefined), false);
  });

  test('<any> needs the field present, with any value', () => {
    assert.equal(matches(ANY, 'x'), true);
    assert.equal(matches(ANY, ''), true);
    assert.equal(matches(ANY, undefined), false);
  });

  test('<absent> needs the field missing', () => {
    assert.equal(matches(ABSENT, undefined), true);
    assert.equal(matches(ABSENT, ''), false);
    assert.equal(matches(ABSENT, 'x'), false);
  });

  test('<number> is digits only', () => {
    assert.equal(matches(NUMBER, '0'), true);
    assert.equal(matches(NUMBER, '1048576'), true);
    assert.equal(matches(NUMBER, ''), false);
    assert.equal(matches(NUMBER, '-1'), false);
    assert.equal(matches(NUMBER, '1.5'), false);
    assert.equal(matches(NUMBER, ' 5'), false);
    assert.equal(matches(NUMBER, '5, 5'), false);
    assert.equal(matches(NUMBER, undefined), false);
  });

  test('<http-date> takes any zone, <imf-fixdate> only a correct GMT date', () => {
    const gmt = 'Wed, 25 Nov 2026 04:00:00 GMT';
    const kst = 'Wed, 25 Nov 2026 13:00:00 KST';
    assert.equal(matches(HTTP_DATE, gmt), true);
    assert.equal(matches(HTTP_DATE, kst), true);
    assert.equal(matches(HTTP_DATE, 'Wed, 25 Nov 2026 13:00:00 +0900'), true);
    assert.equal(matches(IMF_FIXDATE, gmt), true);
    assert.equal(matches(IMF_FIXDATE, kst), false);
    assert.equal(matches(HTTP_DATE, undefined), false);
    assert.equal(matches(IMF_FIXDATE, undefined), false);
  });

  test('regex searches the value; anchors make it whole-value', () => {
    const contentType = regex('^text/plain(; ?charset=utf-8)?$');
    assert.equal(matches(contentType, 'text/plain'), true);
    assert.equal(matches(contentType, 'text/plain; charset=utf-8'), true);
    assert.equal(matches(contentType, 'text/plain; charset=latin1'), false);
    assert.equal(matches(contentType, undefined), false);
    assert.equal(matches(regex('plain'), 'text/plain'), true);
    assert.equal(matches(regex('^KEEP-ALIVE$', 'i'), 'keep-alive'), true);
  });

  test('regex refuses stateful flags and bad patterns', () => {
    assert.throws(() => regex('a', 'g'), SyntaxError);
    assert.throws(() => regex('a', 'y'), SyntaxError);
    assert.throws(() => regex('(unclosed'), SyntaxError);
  });

  test('contains finds text anywhere', () => {
    assert.equal(matches(contains('Success'), 'HTTP GET Method (Success)\n\n'), true);
    assert.equal(matches(contains('Failed'), 'HTTP GET Method (Success)\n\n'), false);
    assert.equal(matches(contains(''), undefined), false);
  });

  test('one-of matches when any alternative does, <absent> included', () => {
    const connection = oneOf(exact('close'), ABSENT);
    assert.equal(matches(connection, 'close'), true);
    assert.equal(matches(connection, undefined), true);
    assert.equal(matches(connection, 'keep-alive'), false);
    assert.equal(matches(oneOf(), 'x'), false);
  });

  test('describe writes each matcher the way a fixture does', () => {
    assert.equal(describe(exact('keep-alive')), 'keep-alive');
    assert.equal(describe(exact('')), '""');
    assert.equal(describe(exact(' padded')), '" padded"');
    assert.equal(describe(exact('<any>')), "!exact '<any>'");
    assert.equal(describe(ANY), '<any>');
    assert.equal(describe(ABSENT), '<absent>');
    assert.equal(describe(HTTP_DATE), '<http-date>');
    assert.equal(describe(IMF_FIXDATE), '<imf-fixdate>');
    assert.equal(describe(NUMBER), '<number>');
    assert.equal(describe(regex("^it's$")), "!re '^it''s$'");
    assert.equal(describe(regex('^a$', 'i')), "{regex: '^a$', flags: i}");
    assert.equal(describe(contains('Success')), '{contains: "Success"}');
    assert.equal(describe(oneOf(exact('close'), ABSENT)), '[close, <absent>]');
  });
});

suite('http dates', () => {
  test('the SPEC §1 shape in any zone', () => {
    assert.equal(isHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), true);
    assert.equal(isHttpDate('Wed, 25 Nov 2026 13:00:00 KST'), true);
    assert.equal(isHttpDate('Wed, 25 Nov 2026 13:00:00 UTC'), true);
    assert.equal(isHttpDate('Wed, 25 Nov 2026 13:00:00 -0500'), true);
  });

  test('rejects other shapes and out-of-range fields', () => {
    for (const value of [
      '',
      'Sunday, 06-Nov-94 08:49:37 GMT', // RFC 850, obsolete
      'Sun Nov  6 08:49:37 1994', // asctime, obsolete
      'Sun, 6 Nov 1994 08:49:37 GMT', // one-digit day
      'Sun, 06 nov 1994 08:49:37 GMT', // month case
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:60:00 GMT',
      'Sun, 06 Nov 1994 08:49:61 GMT',
      'Sun, 00 Nov 1994 08:49:37 GMT',
      'Sun, 32 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37',
      'Sun, 06 Nov 1994 08:49:37 GMT ',
      'Sun, 06 Nov 1994 08:49:37 gmt',
    ]) {
      assert.equal(isHttpDate(value), false, value);
    }
  });

  test('IMF-fixdate needs GMT, a real date and its day name', () => {
    assert.equal(isImfFixdate('Sun, 06 Nov 1994 08:49:37 GMT'), true);
    assert.equal(isImfFixdate('Thu, 29 Feb 2024 00:00:00 GMT'), true);
    assert.equal(isImfFixdate('Wed, 31 Dec 2025 23:59:60 GMT'), true);
    assert.equal(isImfFixdate('Mon, 06 Nov 1994 08:49:37 GMT'), false); // wrong day name
    assert.equal(isImfFixdate('Sat, 29 Feb 2025 00:00:00 GMT'), false); // no such date
    assert.equal(isImfFixdate('Thu, 31 Apr 2025 00:00:00 GMT'), false);
    assert.equal(isImfFixdate('Sun, 06 Nov 1994 08:49:37 UTC'), false);
  });
});

suite('status matchers', () => {
  test('a code, a class and a list', () => {
    assert.equal(matchesStatus(statusCode(200), 200), true);
    assert.equal(matchesStatus(statusCode(200), 201), false);
    assert.equal(matchesStatus(statusClass(4), 400), true);
    assert.equal(matchesStatus(statusClass(4), 499), true);
    assert.equal(matchesStatus(statusClass(4), 500), false);
    assert.equal(matchesStatus(statusClass(4), 399), false);
    const either = statusOneOf(statusCode(400), statusClass(5));
    assert.equal(matchesStatus(either, 400), true);
    assert.equal(matchesStatus(either, 505), true);
    assert.equal(matchesStatus(either, 404), false);
  });

  test('parsed from fixture text', () => {
    assert.deepEqual(maybeSingleStatusMatcher('200'), statusCode(200));
    assert.deepEqual(maybeSingleStatusMatcher('4xx'), statusClass(4));
    assert.deepEqual(maybeSingleStatusMatcher('5XX'), statusClass(5));
    for (const text of ['20', '2000', '600', '099', '6xx', 'xx', '200 OK', '']) {
      assert.equal(maybeSingleStatusMatcher(text), undefined, text);
    }
  });

  test('`wait` is an alternative of its own, matching no status code', () => {
    const waitOr413 = statusOneOf(statusCode(413), maybeSingleStatusMatcher('wait')!);
    assert.equal(allowsWait(waitOr413), true);
    assert.equal(allowsWait(statusOneOf(statusCode(413), maybeSingleStatusMatcher('close')!)), false);
    assert.equal(allowsCloseWithoutResponse(waitOr413), false);
    assert.equal(matchesStatus(waitOr413, 413), true);
    assert.equal(matchesStatus(maybeSingleStatusMatcher('wait')!, 200), false);
    assert.equal(describeStatus(waitOr413), '[413, wait]');
  });

  test('described as a fixture writes them', () => {
    assert.equal(describeStatus(statusCode(404)), '404');
    assert.equal(describeStatus(statusClass(4)), '4xx');
    assert.equal(describeStatus(statusOneOf(statusCode(400), statusCode(408))), '[400, 408]');
  });
});
