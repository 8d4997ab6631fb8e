import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareResponse, type Mismatch } from '../../src/expect/compare.js';
import { cut, firstDifference } from '../../src/expect/difference.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';

const status: Mismatch = { field: 'status', expected: '505', actual: '200', at: { file: 'fixtures/v/http20.yaml', line: 10, column: 11 } };

function actual(statusCode: number, reason: string, headers: [string, string][], body: string) {
  return { version: { major: 1, minor: 1 }, status: statusCode, reason, headers, body: Buffer.from(body) };
}

function expected(...lines: string[]) {
  return parseFixture(['why: A difference.', 'request: {method: GET, target: /}', 'response:', ...lines, ''].join('\n'), 'f.yaml').response!;
}

suite('the first difference of a finding', () => {
  test('is the first mismatch, without its fixture location', () => {
    assert.equal(firstDifference([status]), 'status: expected 505, got 200');
  });

  test('is undefined when nothing differs', () => {
    assert.equal(firstDifference([]), undefined);
  });

  test('says how many more fields differ', () => {
    const mismatches: Mismatch[] = [
      { field: 'status', expected: '200', actual: '400' },
      { field: 'reason', expected: 'OK', actual: 'Bad Request' },
      { field: 'body', expected: "!re '^x'", actual: '' },
    ];
    assert.equal(firstDifference(mismatches), 'status: expected 200, got 400 (+2 more)');
  });

  test('quotes a text value, made visible on one line; a status, an absent header and hex bytes stay bare', () => {
    assert.equal(firstDifference([{ field: 'reason', expected: 'OK', actual: 'Bad Request' }]), 'reason: expected OK, got "Bad Request"');
    assert.equal(firstDifference([{ field: 'header Connection', expected: 'close', actual: '<absent>' }]), 'header Connection: expected close, got <absent>');
    assert.equal(firstDifference([{ field: 'body', expected: '"x"', actual: 'hex: ff fe' }]), 'body: expected "x", got hex: ff fe');
    assert.equal(firstDifference([{ field: 'body', expected: '"a"', actual: 'a\r\nb\u0000' }]), 'body: expected "a", got "a\\r\\nb\\x00"');
  });

  test('comes from the comparison of a response with its fixture', () => {
    const wanted = expected('  status: 200', '  reason: OK', '  headers:', '    Connection: close', '  body: "hello\\n"');
    const mismatches = compareResponse(wanted, actual(400, 'Bad Request', [], 'oops'));
    assert.deepEqual(mismatches.map((m) => m.field), ['status', 'reason', 'header Connection', 'body']);
    assert.equal(firstDifference(mismatches), 'status: expected 200, got 400 (+3 more)');
    assert.equal(firstDifference(mismatches.slice(2)), 'header Connection: expected close, got <absent> (+1 more)');
    assert.equal(firstDifference(mismatches.slice(3)), 'body: expected "hello\\n", got "oops"');
  });

  test('shows two quoted values that start alike from shortly before they part', () => {
    const wanted = expected('  status: 200', '  body: "HTTP GET Method (Success)\\n\\nfirst\\nsecond"');
    const mismatches = compareResponse(wanted, actual(200, 'OK', [], 'HTTP GET Method (Success)\n\nfirst'));
    assert.equal(firstDifference(mismatches), 'body: expected "…irst\\nsecond", got "…irst"');
  });

  test('keeps a short common start whole, and never shortens an unquoted value', () => {
    assert.equal(firstDifference([{ field: 'body', expected: '"abcdefgh1"', actual: 'abcdefgh2' }]), 'body: expected "abcdefgh1", got "abcdefgh2"');
    assert.equal(firstDifference([{ field: 'body', expected: '"abcdefghijklmn1"', actual: 'abcdefghijklmn2' }]), 'body: expected "…klmn1", got "…klmn2"');
    assert.equal(firstDifference([{ field: 'reason', expected: 'Not Found at all', actual: 'Not Found at al' }]), 'reason: expected Not Found at all, got "Not Found at al"');
  });

  test('cuts each value to a few words', () => {
    const value = firstDifference([{ field: 'body', expected: `"${'a'.repeat(80)}"`, actual: '' }]);
    assert.equal(value, `body: expected "${'a'.repeat(34)}…, got ""`);
    const got = firstDifference([{ field: 'body', expected: '""', actual: 'b'.repeat(80) }]);
    assert.equal(got, `body: expected "", got "${'b'.repeat(34)}…`);
  });

  test('is cut to a short line, at most 100 characters', () => {
    const long = firstDifference([{ field: `header X-${'n'.repeat(90)}`, expected: 'x', actual: 'y' }, status]);
    assert.equal(long?.length, 100);
    assert.ok(long?.endsWith('…'));
    assert.ok(long?.startsWith('header X-nnn'));
  });

  test('cut leaves short text alone and ends long text with an ellipsis', () => {
    assert.equal(cut('abc', 3), 'abc');
    assert.equal(cut('abcd', 3), 'ab…');
  });
});
