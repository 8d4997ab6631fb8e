import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareResponse, type ActualResponse } from '../../src/expect/compare.js';
import type { RequestSpec } from '../../src/fixture/fixture.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { ANY, exact, HTTP_DATE, NUMBER } from '../../src/expect/matchers.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';
import { fixtureSkeleton } from '../../src/fixture/skeleton.js';

const server = { host: 'localhost', port: 8080 };

const seedResponse: ActualResponse = {
  status: 200,
  reason: 'OK',
  headers: [
    ['Server', 'wirecheck/0.1'],
    ['Date', 'Wed, 25 Nov 2026 13:00:00 KST'],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Length', '40'],
    ['Connection', 'keep-alive'],
    ['ETag', '"abc"'],
  ],
  body: Buffer.from('HTTP GET Method (Success)\n\n안녕하세요\nhi\n'),
};

/** The skeleton loads, and its expectations hold for the response it was made from. */
function roundTrip(request: RequestSpec | Buffer, response: ActualResponse) {
  const text = fixtureSkeleton(request, response, { why: 'Recorded for a test.' });
  const fixture = parseFixture(text, 'recorded.yaml');
  assert.deepEqual(compareResponse(fixture.response!, response), [], text);
  return { text, fixture };
}

suite('fixtureSkeleton', () => {
  test('varying headers become matchers; the rest is exact', () => {
    const { text, fixture } = roundTrip(Buffer.from('GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n'), seedResponse);
    assert.deepEqual(
      fixture.response!.headers.map((h) => [h.name, h.matcher]),
      [
        ['Server', ANY],
        ['Date', HTTP_DATE],
        ['Content-Type', exact('text/plain; charset=utf-8')],
        ['Content-Length', NUMBER],
        ['Connection', exact('keep-alive')],
        ['ETag', ANY],
      ],
    );
    assert.deepEqual(fixture.response!.body, exact('HTTP GET Method (Success)\n\n안녕하세요\nhi\n'));
    assert.match(text, /^why: Recorded for a test\.$/m);
    assert.match(text, /^ {4}Date: <http-date>$/m);
    assert.match(text, /^ {2}raw: \|-\n {4}GET \/ HTTP\/1\.1\n {4}Host: localhost:8080\n {4}\\r\\n$/m);
  });

  test('the recorded bytes come back exactly, malformed ones included', () => {
    const samples = [
      Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'),
      Buffer.from('GET / HTTP/1.1\nHost: a\n\n'),
      Buffer.from('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n안녕 \t\\x'),
      Buffer.from(' GET / HTTP/1.1\r\nX: a \r\n obs-fold\r\nX:\x00\x7f\r\n\r\n'),
      Buffer.from([0x47, 0x45, 0x54, 0x20, 0xff, 0x0d]),
      Buffer.from('GET /{host} HTTP/1.1\r\n\r\n'),
    ];
    for (const bytes of samples) {
      const { fixture } = roundTrip(bytes, seedResponse);
      assert.deepEqual(requestBytes(fixture.request, server), bytes);
    }
  });

  test('with the server given, its authority in recorded bytes becomes {authority}', () => {
    const bytes = Buffer.from('GET http://localhost:8080/ HTTP/1.1\r\nHost: localhost:8080\r\n\r\n');
    const text = fixtureSkeleton(bytes, seedResponse, { why: 'w', server });
    assert.match(text, /GET http:\/\/\{authority\}\/ HTTP\/1\.1\n {4}Host: \{authority\}\n/);
    const fixture = parseFixture(text, 'recorded.yaml');
    assert.deepEqual(requestBytes(fixture.request, server), bytes);
    assert.equal(requestBytes(fixture.request, { host: '10.0.0.1', port: 80 }).toString(), 'GET http://10.0.0.1:80/ HTTP/1.1\r\nHost: 10.0.0.1:80\r\n\r\n');
  });

  test('a structured request stays structured', () => {
    const request: RequestSpec = {
      kind: 'structured',
      method: 'POST',
      target: '/',
      version: 'HTTP/1.1',
      headers: [
        ['Host', '{authority}'],
        ['Content-Length', '{body-length}'],
        ['X-Empty', ''],
      ],
      body: '안녕',
    };
    const { fixture } = roundTrip(request, { ...seedResponse, status: 201, reason: 'Created' });
    assert.deepEqual(fixture.request, request);
  });

  test('awkward responses still round-trip', () => {
    const responses: ActualResponse[] = [
      { status: 404, reason: '', headers: [], body: Buffer.alloc(0) },
      { status: 200, reason: 'OK', headers: [['X-Literal', '<any>'], ['X-Empty', ''], ['X-Bang', '!re x'], ['X-Brace', '{a}']], body: Buffer.from('a\r\nb\0c  ') },
      { status: 200, reason: 'OK', headers: [['Set-Cookie', 'a=1'], ['set-cookie', 'b=2'], ['Vary', 'Accept'], ['vary', 'Origin']], body: Buffer.from('\n\nx\n\n') },
      { status: 500, reason: 'Oops', headers: [], body: Buffer.from([0xff, 0xfe]) },
    ];
    for (const response of responses) roundTrip(Buffer.from('GET / HTTP/1.1\r\n\r\n'), response);
  });

  test('without a why it leaves a reminder, and a body that is not UTF-8 becomes <any> with a note', () => {
    const text = fixtureSkeleton(Buffer.from('GET / HTTP/1.1\r\n\r\n'), { status: 200, reason: 'OK', headers: [], body: Buffer.from([0xff]) });
    assert.match(text, /^why: TODO say why this fixture exists/m);
    assert.match(text, /^ {2}body: <any> # the body was 1 bytes that are not UTF-8 text$/m);
  });
});
