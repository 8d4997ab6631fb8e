import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { ClosedBeforeResponseError, ReadTimeoutError, SendFailedError, type ClientError } from '../../src/client/errors.js';
import type { ReceivedResponse } from '../../src/client/index.js';
import { statusCode } from '../../src/expect/status-matcher.js';
import { exact } from '../../src/expect/matchers.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import type { Fixture } from '../../src/fixture/fixture.js';
import { judge } from '../../src/findings/judge.js';
import type { Level } from '../../src/findings/verdict.js';
import type { Batch, Deadline, Outcome } from '../../src/harness/exchanges.js';
import { Expectations } from '../../src/harness/expectations.js';
import { CheckFailed, HarnessError } from '../../src/harness/harness-errors.js';
import { prepared } from '../../src/harness/prepared-request.js';

// The harness's judging, against outcomes built by hand: no sockets, no server.

function fixture(file: string, ...lines: string[]): Fixture {
  return parseFixture(['why: A case.', 'request: {method: GET, target: /}', ...lines, ''].join('\n'), file);
}

const ok = fixture('ok.yaml', 'response:', '  status: 200', '  reason: OK', '  body: hello');
const badRequest = fixture('bad.yaml', 'response:', '  status: 400');
const badOrClose = fixture('bad-or-close.yaml', 'response:', '  status: [400, close]');
const announcesClose = fixture('close.yaml', 'level: should', 'response:', '  status: 2xx', '  headers:', '    Connection: close');
const requestOnly = fixture('request-only.yaml');

function received(status: number, reason: string, headers: [string, string][] = [], body = '', firstByteAtMs = 10): ReceivedResponse {
  const raw = Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`, 'latin1');
  return {
    method: 'GET',
    response: { version: { major: 1, minor: 1 }, status, reason, headers, body: Buffer.from(body) },
    interim: [],
    raw,
    startOffset: 0,
    endOffset: raw.length,
    timings: { firstByteAtMs, completeAtMs: firstByteAtMs + 1 },
  };
}

function request(f: Fixture | undefined, label = f?.file ?? 'raw request') {
  return prepared(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'), label, f);
}

function answered(f: Fixture | undefined, r: ReceivedResponse): Outcome {
  return { kind: 'response', request: request(f), received: r };
}

function failed(f: Fixture | undefined, error: ClientError, deadline: Deadline = 'harness'): Outcome {
  return { kind: 'error', request: request(f), error, deadline };
}

const closed = () => new ClosedBeforeResponseError(Buffer.alloc(0));
const cutMidResponse = () => new ClosedBeforeResponseError(Buffer.from('HTTP/1.1 2', 'latin1'));
const harnessTimeout = () => new ReadTimeoutError(5000, Buffer.alloc(0));

function expectations(level: Level = 'must', ignoreBodyTrailingWhitespace = false) {
  const attached: { name: string; text: string }[] = [];
  const expect = new Expectations({ level, ignoreBodyTrailingWhitespace }, (name, text) => attached.push({ name, text }));
  const verdict = () => judge({ level, rule: 'RFC 9112 §6.3', checks: expect.checks, evidence: [] }).verdict;
  return { expect, attached, verdict };
}

function throwsCheckFailed(run: () => void, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CheckFailed, `expected CheckFailed, got ${String(error)}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

function throwsHarnessError(run: () => void, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof HarnessError, `expected HarnessError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

suite('a response against its fixture', () => {
  test('a match is one passed check at the fixture’s level, and no diff', () => {
    const { expect, attached, verdict } = expectations();
    expect.matchesFixture(answered(ok, received(200, 'OK', [], 'hello')), ok);
    assert.deepEqual(expect.checks, [{ label: 'the response matches ok.yaml', level: 'must', passed: true }]);
    assert.deepEqual(attached, []);
    assert.equal(verdict(), 'pass');
  });

  test('a mismatch at MUST records the failed check, attaches the diff, and stops the scenario', () => {
    const { expect, attached, verdict } = expectations();
    throwsCheckFailed(() => expect.matchesFixture(answered(ok, received(404, 'Not Found', [], 'nope')), ok), 'the response matches ok.yaml: status: expected 200, got 404 (+2 more)');
    assert.deepEqual(expect.checks, [{ label: 'the response matches ok.yaml', level: 'must', passed: false, difference: 'status: expected 200, got 404 (+2 more)' }]);
    assert.equal(attached.length, 1);
    assert.equal(attached[0]?.name, 'diff (expected vs actual): ok.yaml');
    assert.match(attached[0]?.text ?? '', /404/);
    assert.equal(verdict(), 'fail');
  });

  test('a `level: should` fixture inside a MUST scenario: a failed SHOULD check, noted, and the scenario goes on', () => {
    const { expect, attached, verdict } = expectations('must');
    expect.matchesFixture(answered(announcesClose, received(200, 'OK')), announcesClose);
    assert.deepEqual(expect.checks, [{ label: 'the response matches close.yaml', level: 'should', passed: false, difference: 'header Connection: expected close, got <absent>' }]);
    assert.ok(attached.some((a) => a.name === 'not met (SHOULD-level): the response matches close.yaml' && a.text === 'the response matches close.yaml: header Connection: expected close, got <absent>'));
    assert.equal(verdict(), 'warn');
    // A later MUST check still runs and decides.
    expect.matchesFixture(answered(ok, received(200, 'OK', [], 'hello')), ok);
    assert.equal(verdict(), 'warn');
    throwsCheckFailed(() => expect.matchesFixture(answered(badRequest, received(200, 'OK')), badRequest), /status: expected 400, got 200/);
    assert.equal(verdict(), 'fail');
  });

  test('a `level: should` fixture inside a SHOULD scenario stops it, and warns', () => {
    const { expect, verdict } = expectations('should');
    throwsCheckFailed(() => expect.matchesFixture(answered(announcesClose, received(200, 'OK')), announcesClose), /header Connection/);
    assert.equal(verdict(), 'warn');
  });

  test('a `level: should` fixture with no response at all is still only a warning in a MUST scenario', () => {
    const { expect, verdict } = expectations('must');
    expect.matchesFixture(failed(announcesClose, closed()), announcesClose);
    assert.equal(expect.checks[0]?.level, 'should');
    assert.match(expect.checks[0]?.difference ?? '', /^expected a response, but CLOSED_BEFORE_RESPONSE: /);
    assert.equal(verdict(), 'warn');
  });

  test('the @seed profile ignores trailing whitespace of bodies', () => {
    const { expect } = expectations('must', true);
    expect.matchesFixture(answered(ok, received(200, 'OK', [], 'hello \n')), ok);
    assert.equal(expect.checks[0]?.passed, true);
    throwsCheckFailed(() => expectations('must', false).expect.matchesFixture(answered(ok, received(200, 'OK', [], 'hello \n')), ok), /body/);
  });

  test('a fixture with no response: section is the harness’s fault', () => {
    throwsHarnessError(() => expectations().expect.matchesFixture(answered(requestOnly, received(200, 'OK')), requestOnly), /request-only\.yaml has no response: section/);
  });

  test('no request sent at all is the harness’s fault', () => {
    throwsHarnessError(() => expectations().expect.matchesFixture(undefined, ok), /no request has been sent/);
  });
});

const tooLargeOrWait = fixture('too-large-or-wait.yaml', 'response:', '  status: [413, close, wait]');

suite('a server that sends nothing, still waiting for what it was promised', () => {
  test('`status: wait` takes the silence within the short wait as its answer', () => {
    const { expect, attached, verdict } = expectations();
    const outcome = failed(tooLargeOrWait, new ReadTimeoutError(1000, Buffer.alloc(0)), 'rule');
    expect.matchesFixture(outcome, tooLargeOrWait);
    assert.deepEqual(expect.checks, [{ label: 'the response matches too-large-or-wait.yaml', level: 'must', passed: true }]);
    assert.match(attached.find((a) => a.name === 'tolerated')?.text ?? '', /sent nothing for 1000 ms.*\(status: wait\)/);
    assert.equal(verdict(), 'pass');
  });

  test('without `wait`, the same silence is a failed check; and a silence after some bytes never counts', () => {
    const { expect } = expectations();
    throwsCheckFailed(() => expect.matchesFixture(failed(badRequest, new ReadTimeoutError(1000, Buffer.alloc(0)), 'rule'), badRequest), /expected a response, but READ_TIMEOUT/);
    const partial = expectations();
    throwsCheckFailed(() => partial.expect.matchesFixture(failed(tooLargeOrWait, new ReadTimeoutError(1000, Buffer.from('HTTP/1.1 4')), 'rule'), tooLargeOrWait), /expected a response, but READ_TIMEOUT/);
  });
});

suite('a connection closed instead of a response', () => {
  test('`status: close` tolerates it: a passed check, with a note', () => {
    const { expect, attached, verdict } = expectations();
    const outcome = failed(badOrClose, closed());
    expect.matchesFixture(outcome, badOrClose);
    assert.deepEqual(expect.checks, [{ label: 'the response matches bad-or-close.yaml', level: 'must', passed: true }]);
    assert.match(attached.find((a) => a.name === 'tolerated')?.text ?? '', /bad-or-close\.yaml allows \(status: close\)/);
    assert.equal(expect.leftUnexamined([outcome]), undefined);
    assert.equal(expect.checks.length, 1, 'a tolerated close is examined');
    assert.equal(verdict(), 'pass');
  });

  test('a reset while sending, with nothing received, is a close too', () => {
    const { expect } = expectations();
    expect.matchesFixture(failed(badOrClose, new SendFailedError(new Error('EPIPE'))), badOrClose);
    assert.equal(expect.checks[0]?.passed, true);
  });

  test('`status: close` still takes a response that matches', () => {
    const { expect } = expectations();
    expect.matchesFixture(answered(badOrClose, received(400, 'Bad Request')), badOrClose);
    assert.equal(expect.checks[0]?.passed, true);
  });

  test('without `close` in the status, a close is a failed check', () => {
    const { expect } = expectations();
    throwsCheckFailed(() => expect.matchesFixture(failed(badRequest, closed()), badRequest), 'the response matches bad.yaml: expected a response, but CLOSED_BEFORE_RESPONSE: the server closed the connection before responding');
    assert.equal(expect.checks[0]?.passed, false);
  });

  test('a close after part of a response is not tolerated', () => {
    const { expect } = expectations();
    throwsCheckFailed(() => expect.matchesFixture(failed(badOrClose, new ClosedBeforeResponseError(Buffer.from('HTTP/1.1 4'))), badOrClose), /expected a response, but CLOSED_BEFORE_RESPONSE/);
  });
});

suite('timeouts: whose deadline ran out', () => {
  test("the harness's own read timeout is a HarnessError, not a finding", () => {
    const { expect } = expectations();
    throwsHarnessError(() => expect.matchesFixture(failed(ok, harnessTimeout(), 'harness'), ok), /no response to ok\.yaml within the harness's read timeout: READ_TIMEOUT: no complete response within 5000 ms \(0 bytes received\)/);
    assert.deepEqual(expect.checks, [], 'no check is recorded against the target');
  });

  test('a deadline the rule sets is a failed check of the target', () => {
    const { expect, verdict } = expectations();
    throwsCheckFailed(() => expect.matchesFixture(failed(ok, new ReadTimeoutError(2000, Buffer.from('HTTP/1.1')), 'rule'), ok), 'the response matches ok.yaml: expected a response, but READ_TIMEOUT: no complete response within 2000 ms (8 bytes received)');
    assert.equal(verdict(), 'fail');
  });

  test("a timeout of the harness's, with bytes received, is still the harness's", () => {
    throwsHarnessError(() => expectations().expect.response(failed(ok, new ReadTimeoutError(5000, Buffer.from('HTTP/1.1 200')), 'harness'), 'a response'), /harness's read timeout/);
  });
});

suite('step-written expectations', () => {
  test('meets checks only what the step says; any final status by default', () => {
    const { expect } = expectations();
    expect.meets(answered(undefined, received(204, 'No Content')), {}, 'the server answers');
    expect.meets(answered(undefined, received(200, 'OK', [['Connection', 'close']])), { status: statusCode(200), headers: [{ name: 'connection', matcher: exact('close') }] }, 'the server answers 200 and closes');
    assert.deepEqual(expect.checks.map((c) => c.passed), [true, true]);
    throwsCheckFailed(() => expect.meets(answered(undefined, received(500, 'Oops')), { status: statusCode(200) }, 'the server answers 200'), 'the server answers 200: status: expected 200, got 500');
  });

  test('the answer came only after the last byte of the request', () => {
    const { expect, attached } = expectations();
    expect.answeredAfterLastByte(answered(undefined, received(200, 'OK', [], '', 12)), 10);
    assert.equal(expect.checks[0]?.passed, true);
    assert.equal(attached.find((a) => a.name === 'timeline')?.text, "the last write at 10.0 ms; the response's first byte at 12.0 ms");
    throwsCheckFailed(() => expect.answeredAfterLastByte(answered(undefined, received(200, 'OK', [], '', 5)), 10), /it answered before the request was complete/);
  });

  test('every held connection is served', () => {
    const { expect } = expectations();
    expect.heldServed([{ label: 'held connection 1 of 2', status: 200, error: undefined }, { label: 'held connection 2 of 2', status: 200, error: undefined }]);
    throwsCheckFailed(() => expect.heldServed([{ label: 'held connection 1 of 2', status: 200, error: undefined }, { label: 'held connection 2 of 2', status: 503, error: undefined }]), 'each of 2 held connections is served: held connection 2 of 2: GET / was answered 503, not 200');
    throwsCheckFailed(() => expect.heldServed([{ label: 'held connection 1 of 1', status: undefined, error: 'READ_TIMEOUT: …' }]), /GET \/ was not served: READ_TIMEOUT/);
  });

  test('a failed check at MAY level never stops a scenario nor fails it', () => {
    const { expect, verdict } = expectations('must');
    expect.check('the server sends Date', false, 'header Date: expected <http-date>, got <absent>', 'may');
    expect.check('the server answers', true);
    assert.equal(verdict(), 'pass');
  });
});

suite('pipelined batches', () => {
  const first = fixture('first.yaml', 'response:', '  status: 200', '  body: one');
  const second = fixture('second.yaml', 'response:', '  status: 200', '  body: two');
  const third = fixture('third.yaml', 'response:', '  status: 404');
  const good = [answered(first, received(200, 'OK', [], 'one')), answered(second, received(200, 'OK', [], 'two')), answered(third, received(404, 'Not Found'))];

  test('every response matching its own fixture, in order, is one passed check', () => {
    const { expect, attached } = expectations();
    expect.batchMatches({ sent: 3, outcomes: good });
    assert.deepEqual(expect.checks, [{ label: 'the 3 pipelined responses match their fixtures, in order', level: 'must', passed: true }]);
    assert.deepEqual(attached, []);
  });

  test('a response out of order names its position and what differed first', () => {
    const { expect, attached } = expectations();
    const swapped = [good[0]!, answered(second, received(200, 'OK', [], 'one')), good[2]!];
    throwsCheckFailed(() => expect.batchMatches({ sent: 3, outcomes: swapped }), 'the 3 pipelined responses match their fixtures, in order: response 2 of 3: body: expected two, got "one"');
    assert.match(attached.find((a) => a.name === 'diff (pipelined responses)')?.text ?? '', /^response 2 of 3:\n/);
  });

  test('a batch the server closes cleanly after some responses is judged on those that came (RFC 9112 §9.3.2: the client retries the rest)', () => {
    const { expect, attached, verdict } = expectations();
    const batch: Batch = { sent: 3, outcomes: [good[0]!, failed(second, closed())] };
    expect.batchMatches(batch);
    assert.equal(verdict(), 'pass');
    assert.match(attached.find((a) => a.name === 'tolerated')?.text ?? '', /closed the connection after 1 of the 3 pipelined responses/);
    assert.equal(expect.leftUnexamined(batch.outcomes), undefined, 'the close was examined by the batch check');
    const early = expectations();
    throwsCheckFailed(() => early.expect.batchMatches({ sent: 3, outcomes: [good[0]!, answered(second, received(500, 'Oops')), failed(third, closed())] }), /response 2 of 3: status: expected 200, got 500/);
    assert.equal(early.verdict(), 'fail', 'what came before the close is still judged');
  });

  test('a batch cut short in the middle of a response names the response that did not come', () => {
    const { expect } = expectations();
    const batch: Batch = { sent: 3, outcomes: [good[0]!, failed(second, cutMidResponse())] };
    throwsCheckFailed(() => expect.batchMatches(batch), /: response 2 of 3: expected a response, but CLOSED_BEFORE_RESPONSE/);
    assert.equal(expect.leftUnexamined(batch.outcomes), undefined, 'the error was examined by the batch check');
    assert.equal(expect.checks.length, 1);
  });

  test('a batch cut short after a mismatch keeps both problems in its diff', () => {
    const { expect, attached } = expectations();
    const batch: Batch = { sent: 3, outcomes: [answered(first, received(500, 'Oops')), failed(second, cutMidResponse())] };
    throwsCheckFailed(() => expect.batchMatches(batch), /response 1 of 3: status: expected 200, got 500/);
    assert.match(attached.find((a) => a.name === 'diff (pipelined responses)')?.text ?? '', /response 2 of 3: expected a response, but CLOSED_BEFORE_RESPONSE/);
  });

  test('answered only: the first N match, then the connection closes', () => {
    const { expect } = expectations();
    const batch: Batch = { sent: 3, outcomes: [good[0]!, good[1]!, failed(third, closed())] };
    expect.batchAnsweredOnly(batch, 2);
    assert.deepEqual(expect.checks, [{ label: 'the first 2 pipelined responses match their fixtures, in order', level: 'must', passed: true }]);
    assert.equal(expect.leftUnexamined(batch.outcomes), undefined);
  });

  test('answered only: an extra response counts as a failure', () => {
    const { expect, verdict } = expectations();
    throwsCheckFailed(() => expect.batchAnsweredOnly({ sent: 3, outcomes: good }, 2), 'only the first 2 of 3 pipelined requests are answered, then the connection closes: 1 more response: response 3 is 404 Not Found to third.yaml');
    assert.equal(verdict(), 'fail');
  });

  test('answered only: a timeout where the close should be is a failure, not a close', () => {
    const { expect } = expectations();
    throwsCheckFailed(() => expect.batchAnsweredOnly({ sent: 3, outcomes: [good[0]!, failed(second, new ReadTimeoutError(5000, Buffer.alloc(0)))] }, 1), /after 1 responses the connection should have closed, but READ_TIMEOUT/);
  });

  test('answered only: asking for as many as were sent, or an empty batch, is the harness’s fault', () => {
    throwsHarnessError(() => expectations().expect.batchAnsweredOnly({ sent: 2, outcomes: good.slice(0, 2) }, 2), /only 2 requests were pipelined/);
    throwsHarnessError(() => expectations().expect.batchMatches({ sent: 0, outcomes: [] }), /no requests were pipelined/);
  });

  test('a pipelined request that did not come from a fixture is the harness’s fault', () => {
    throwsHarnessError(() => expectations().expect.batchMatches({ sent: 1, outcomes: [answered(undefined, received(200, 'OK'))] }), /raw request did not come from a fixture/);
  });
});

suite('what a scenario leaves unexamined', () => {
  test('nothing: every outcome had a response, or a check looked at it', () => {
    const { expect } = expectations();
    assert.equal(expect.leftUnexamined([answered(ok, received(200, 'OK', [], 'hello'))]), undefined);
    assert.deepEqual(expect.checks, []);
  });

  test('an unexamined error of the target is a failed MUST check, recorded without throwing', () => {
    const { expect, verdict } = expectations('should');
    const outcomes = [answered(ok, received(200, 'OK', [], 'hello')), failed(badRequest, closed())];
    expect.check('a first check', true);
    assert.equal(expect.leftUnexamined(outcomes), undefined);
    assert.deepEqual(expect.checks.at(-1), { label: 'every exchange got a response, or a step checked that it did not', level: 'must', passed: false, difference: 'bad.yaml: CLOSED_BEFORE_RESPONSE: the server closed the connection before responding' });
    assert.equal(verdict(), 'fail');
    assert.equal(expect.leftUnexamined(outcomes), undefined, 'an outcome is reported once');
    assert.equal(expect.checks.length, 2);
  });

  test("an unexamined read timeout of the harness's own is the harness's error", () => {
    const { expect } = expectations();
    assert.equal(expect.leftUnexamined([failed(ok, harnessTimeout(), 'harness')]), "no response to ok.yaml within the harness's read timeout, and no step checked it");
    assert.deepEqual(expect.checks, []);
  });

  test('an unexamined timeout the rule set is a failure of the target', () => {
    const { expect } = expectations();
    assert.equal(expect.leftUnexamined([failed(ok, harnessTimeout(), 'rule')]), undefined);
    assert.equal(expect.checks[0]?.passed, false);
  });

  test('an error a check looked at is examined', () => {
    const { expect } = expectations();
    const outcome = failed(badRequest, closed());
    assert.throws(() => expect.matchesFixture(outcome, badRequest), CheckFailed);
    assert.equal(expect.leftUnexamined([outcome]), undefined);
    assert.equal(expect.checks.length, 1);
  });
});
