import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareResponse, type ActualResponse } from '../../src/expect/compare.js';
import type { ExpectedResponse } from '../../src/fixture/fixture.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { ABSENT, ANY, contains, exact, HTTP_DATE, NUMBER, regex } from '../../src/expect/matchers.js';
import { statusClass, statusCode } from '../../src/expect/status-matcher.js';

function response(overrides: Partial<ActualResponse> = {}): ActualResponse {
  return {
    status: 200,
    reason: 'OK',
    headers: [
      ['Server', 'wirecheck'],
      ['Date', 'Wed, 25 Nov 2026 04:00:00 GMT'],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', '27'],
      ['Connection', 'keep-alive'],
    ],
    body: Buffer.from('HTTP GET Method (Success)\n\n'),
    ...overrides,
  };
}

function expectation(overrides: Partial<ExpectedResponse> = {}): ExpectedResponse {
  return {
    status: statusCode(200),
    reason: exact('OK'),
    headers: [
      { name: 'content-type', matcher: regex('^text/plain(; ?charset=utf-8)?$') },
      { name: 'Date', matcher: HTTP_DATE },
      { name: 'Content-Length', matcher: NUMBER },
      { name: 'Server', matcher: ANY },
      { name: 'Connection', matcher: exact('keep-alive') },
      { name: 'Transfer-Encoding', matcher: ABSENT },
    ],
    body: exact('HTTP GET Method (Success)\n\n'),
    bodyTrailingWhitespace: 'exact',
    ...overrides,
  };
}

suite('compareResponse', () => {
  test('a response that meets every expectation has no mismatches; names match case-insensitively; extra headers are allowed', () => {
    const actual = response({ headers: [...response().headers, ['X-Extra', '1']] });
    assert.deepEqual(compareResponse(expectation(), actual), []);
  });

  test('status and reason mismatches are named', () => {
    assert.deepEqual(compareResponse(expectation(), response({ status: 404, reason: 'Not Found' })), [
      { field: 'status', expected: '200', actual: '404' },
      { field: 'reason', expected: 'OK', actual: 'Not Found' },
    ]);
    assert.deepEqual(compareResponse(expectation({ status: statusClass(4), reason: undefined }), response({ status: 404 })), []);
  });

  test('header mismatches name the header as the fixture spells it', () => {
    const actual = response({
      headers: [
        ['Content-Type', 'text/html'],
        ['Date', 'yesterday'],
        ['Content-Length', 'many'],
        ['Connection', 'close'],
        ['Transfer-Encoding', 'chunked'],
      ],
    });
    assert.deepEqual(compareResponse(expectation(), actual), [
      { field: 'header content-type', expected: "!re '^text/plain(; ?charset=utf-8)?$'", actual: 'text/html' },
      { field: 'header Date', expected: '<http-date>', actual: 'yesterday' },
      { field: 'header Content-Length', expected: '<number>', actual: 'many' },
      { field: 'header Server', expected: '<any>', actual: '<absent>' },
      { field: 'header Connection', expected: 'keep-alive', actual: 'close' },
      { field: 'header Transfer-Encoding', expected: '<absent>', actual: 'chunked' },
    ]);
  });

  test('repeated header fields are matched as one value joined with ", "', () => {
    const actual = response({ headers: [...response().headers, ['Content-Length', '27']] });
    assert.deepEqual(compareResponse(expectation(), actual), [{ field: 'header Content-Length', expected: '<number>', actual: '27, 27' }]);
  });

  test('body mismatch shows the actual text', () => {
    assert.deepEqual(compareResponse(expectation(), response({ body: Buffer.from('HTTP GET Method (Failed)\n\n') })), [
      { field: 'body', expected: '"HTTP GET Method (Success)\\n\\n"', actual: 'HTTP GET Method (Failed)\n\n' },
    ]);
  });

  test('a body that is not UTF-8 is shown as hex and never equals exact text', () => {
    const body = Buffer.from([0x48, 0xff, 0x0a]);
    assert.deepEqual(compareResponse(expectation({ body: exact('H\uFFFD\n') }), response({ body })), [
      { field: 'body', expected: '"H\uFFFD\\n"', actual: 'hex: 48 ff 0a' },
    ]);
    assert.deepEqual(compareResponse(expectation({ body: contains('H') }), response({ body })), []);
  });

  test('trailing whitespace in the body: exact by default, ignored by the fixture or by the profile', () => {
    const actual = response({ body: Buffer.from('HTTP GET Method (Success)\n\n\n  ') });
    const expected = expectation({ body: exact('HTTP GET Method (Success)') });
    assert.equal(compareResponse(expected, actual).length, 1);
    assert.deepEqual(compareResponse({ ...expected, bodyTrailingWhitespace: 'ignore' }, actual), []);
    assert.deepEqual(compareResponse(expected, actual, { ignoreBodyTrailingWhitespace: true }), []);
    // Leading and inner whitespace still count.
    assert.equal(compareResponse(expected, response({ body: Buffer.from(' HTTP GET Method (Success)') }), { ignoreBodyTrailingWhitespace: true }).length, 1);
  });

  test('unchecked fields: no reason, no body', () => {
    const expected = expectation({ reason: undefined, body: undefined });
    assert.deepEqual(compareResponse(expected, response({ reason: 'Fine', body: Buffer.from('anything') })), []);
  });

  test('mismatches carry the fixture location of the expectation', () => {
    const fixture = parseFixture('why: w\nrequest: {method: GET, target: /}\nresponse:\n  status: 200\n  headers:\n    Connection: close\n', 'f.yaml');
    const [mismatch] = compareResponse(fixture.response!, response());
    assert.deepEqual(mismatch, { field: 'header Connection', expected: 'close', actual: 'keep-alive', at: { file: 'f.yaml', line: 6, column: 5 } });
  });
});
