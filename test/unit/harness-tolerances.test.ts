import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareResponse } from '../../src/expect/compare.js';
import { FixtureError } from '../../src/fixture/fixture-error.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import {
  allowsCloseWithoutResponse,
  CLOSE_WITHOUT_RESPONSE,
  describeStatus,
  matchesStatus,
  maybeSingleStatusMatcher,
  statusCode,
  statusOneOf,
  statusRange,
} from '../../src/expect/status-matcher.js';

// Tolerances a fixture declares: a close instead of a response, a status range, a SHOULD level.

function fixture(...lines: string[]): ReturnType<typeof parseFixture> {
  return parseFixture(['why: A tolerance.', 'request: {method: GET, target: /}', ...lines, ''].join('\n'), 'tolerance.yaml');
}

function loadError(...lines: string[]): FixtureError {
  try {
    fixture(...lines);
  } catch (error) {
    assert.ok(error instanceof FixtureError, String(error));
    return error;
  }
  assert.fail('the fixture loaded');
}

suite('status tolerances', () => {
  test('`close` means no response at all, alone or as an alternative', () => {
    assert.deepEqual(maybeSingleStatusMatcher('close'), CLOSE_WITHOUT_RESPONSE);
    const either = fixture('response:', '  status: [400, close]').response!.status;
    assert.equal(allowsCloseWithoutResponse(either), true);
    assert.equal(matchesStatus(either, 400), true);
    assert.equal(matchesStatus(either, 200), false);
    assert.equal(describeStatus(either), '[400, close]');
    assert.equal(allowsCloseWithoutResponse(fixture('response:', '  status: close').response!.status), true);
    assert.equal(allowsCloseWithoutResponse(statusCode(400)), false);
    assert.equal(allowsCloseWithoutResponse(statusOneOf(statusCode(400), statusRange(500, 599))), false);
  });

  test('a range includes both ends', () => {
    const range = fixture('response:', '  status: 400-431').response!.status;
    assert.deepEqual(range, statusRange(400, 431));
    for (const code of [400, 413, 431]) assert.equal(matchesStatus(range, code), true, String(code));
    for (const code of [399, 432, 500]) assert.equal(matchesStatus(range, code), false, String(code));
    assert.equal(describeStatus(range), '400-431');
  });

  test('a backwards or malformed range is a BAD_STATUS', () => {
    for (const text of ['431-400', '400-', '400-4311', '400 - 431', '0-99', 'closed']) {
      assert.equal(maybeSingleStatusMatcher(text), undefined, text);
      assert.equal(loadError('response:', `  status: '${text}'`).code, 'BAD_STATUS', text);
    }
  });

  test('a mismatch describes the tolerance as written', () => {
    const expected = fixture('response:', '  status: [413, close]').response!;
    const [mismatch] = compareResponse(expected, { status: 200, reason: 'OK', headers: [], body: Buffer.alloc(0) });
    assert.equal(mismatch?.field, 'status');
    assert.equal(mismatch?.expected, '[413, close]');
  });
});

suite('requirement level', () => {
  test('absent means must; should and must are read', () => {
    assert.equal(fixture().level, undefined);
    assert.equal(fixture('level: should').level, 'should');
    assert.equal(fixture('level: must').level, 'must');
  });

  test('any other level is a BAD_VALUE pointing at the value', () => {
    const error = loadError('level: may');
    assert.equal(error.code, 'BAD_VALUE');
    assert.match(error.message, /^tolerance\.yaml:3:8: level must be must or should/);
  });
});
