import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import type { Response } from '../../src/http1/index.js';
import { describeFraming, emptySuccessLengthProblem, followingSuccess, framingProblem, lengthAgainstPrevious } from '../../src/harness/response-framing.js';

const response = (status: number, fields: [string, string][], body = ''): Response => ({
  version: { major: 1, minor: 1 },
  status,
  reason: '',
  headers: fields,
  body: Buffer.from(body),
});

suite('how a response is framed', () => {
  test('one Content-Length, chunked, or neither (the close) is framing', () => {
    assert.equal(framingProblem(response(200, [['Content-Length', '5']], 'hello')), undefined);
    assert.equal(framingProblem(response(200, [['Content-Length', '5, 5']], 'hello')), undefined);
    assert.equal(framingProblem(response(200, [['Transfer-Encoding', 'chunked']], 'hello')), undefined);
    assert.equal(framingProblem(response(200, [], 'hello')), undefined);
  });

  test('Content-Length with Transfer-Encoding, a length that is no number, or two lengths are not', () => {
    assert.match(framingProblem(response(200, [['Content-Length', '5'], ['Transfer-Encoding', 'chunked']]))!, /both Content-Length/);
    assert.match(framingProblem(response(200, [['Content-Length', '+5']]))!, /not a decimal length/);
    assert.match(framingProblem(response(200, [['Content-Length', '5'], ['Content-Length', '6']]))!, /different values/);
  });

  test('the report names the framing', () => {
    assert.match(describeFraming(response(200, [['Transfer-Encoding', 'gzip, chunked']]), 'GET'), /^chunked/);
    assert.match(describeFraming(response(200, [['Transfer-Encoding', 'gzip']]), 'GET'), /^the close/);
    assert.match(describeFraming(response(200, [['Content-Length', '5']]), 'HEAD'), /^no content/);
  });
});

suite('a length against the response before it', () => {
  test('equal, or no Content-Length at all, passes; another number does not', () => {
    const get = response(200, [['Content-Length', '5']], 'hello');
    assert.equal(lengthAgainstPrevious(response(200, [['Content-Length', '5']]), get), undefined);
    assert.equal(lengthAgainstPrevious(response(200, []), get), undefined);
    assert.match(lengthAgainstPrevious(response(200, [['Content-Length', '6']]), get)!, /Content-Length: 6, where the previous response's content was 5 bytes/);
  });
});

suite('a 2xx without content', () => {
  test('says Content-Length: 0, except a 204', () => {
    assert.equal(emptySuccessLengthProblem(response(200, [['Content-Length', '0']])), undefined);
    assert.equal(emptySuccessLengthProblem(response(204, [])), undefined);
    assert.equal(emptySuccessLengthProblem(response(200, [['Content-Length', '5']], 'hello')), undefined);
    assert.equal(emptySuccessLengthProblem(response(405, [])), undefined);
    assert.match(emptySuccessLengthProblem(response(200, []))!, /no Content-Length/);
    assert.match(emptySuccessLengthProblem(response(200, [['Transfer-Encoding', 'chunked']]))!, /no Content-Length/);
  });
});

suite('responses that follow', () => {
  test('a 2xx among them is found, an error response is not', () => {
    assert.equal(followingSuccess(Buffer.from('')), undefined);
    assert.equal(followingSuccess(Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')), undefined);
    assert.match(followingSuccess(Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n'))!, /a 200 response followed/);
  });
});
