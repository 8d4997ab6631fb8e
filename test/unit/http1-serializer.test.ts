/**
 * The serializer mirrors the parser: exact bytes out, and what it writes parses back to what it
 * was given. Also the small formatting helpers (dates, reasons, versions).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fieldLines,
  formatHttpDate,
  formatVersion,
  headText,
  HTTP_1_0,
  HTTP_1_1,
  isHttp11OrLater,
  reasonPhrase,
  requestLine,
  RequestParser,
  ResponseParser,
  serializeRequest,
  serializeResponse,
  statusLine,
  type RequestSpec,
  type ResponseSpec,
} from '../../src/http1/index.js';
import { bytes, sameEventsAtEverySplit } from './http1-helpers.js';

const KOREAN = '안녕하세요, 세계';
const KOREAN_BYTES = Buffer.from(KOREAN, 'utf8');
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('serializeRequest: exact bytes', () => {
  it('a GET with no body', () => {
    assert.deepStrictEqual(serializeRequest({ method: 'GET', target: '/', headers: [['Host', 'h']] }), bytes('GET / HTTP/1.1\r\nHost: h\r\n\r\n'));
  });

  it('HTTP/1.0, no headers', () => {
    assert.deepStrictEqual(serializeRequest({ method: 'GET', target: '/x?y', version: HTTP_1_0, headers: [] }), bytes('GET /x?y HTTP/1.0\r\n\r\n'));
  });

  it('headers exactly as given: case, order, duplicates; nothing added, not even Content-Length', () => {
    const out = serializeRequest({
      method: 'POST',
      target: '/',
      headers: [
        ['host', 'h'],
        ['X-Dup', '1'],
        ['x-dup', '2'],
      ],
      body: 'abc',
    });
    assert.deepStrictEqual(out, bytes('POST / HTTP/1.1\r\nhost: h\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\nabc'));
  });

  it('a string body is written as UTF-8', () => {
    const out = serializeRequest({ method: 'POST', target: '/', headers: [['Content-Length', String(KOREAN_BYTES.length)]], body: KOREAN });
    assert.deepStrictEqual(out, Buffer.concat([bytes(`POST / HTTP/1.1\r\nContent-Length: ${KOREAN_BYTES.length}\r\n\r\n`), KOREAN_BYTES]));
  });

  it('a Buffer body is written byte for byte', () => {
    const out = serializeRequest({ method: 'POST', target: '/', headers: [], body: ALL_BYTES });
    assert.deepStrictEqual(out.subarray(out.length - 256), ALL_BYTES);
    assert.equal(out.length, 'POST / HTTP/1.1\r\n\r\n'.length + 256);
  });

  it('header values are latin1: one character, one byte', () => {
    const out = serializeRequest({ method: 'GET', target: '/', headers: [['X', 'caf\xe9']] });
    assert.deepStrictEqual(out, bytes('GET / HTTP/1.1\r\nX: caf\xe9\r\n\r\n'));
  });

  it('an empty body adds nothing', () => {
    assert.deepStrictEqual(serializeRequest({ method: 'POST', target: '/', headers: [], body: '' }), bytes('POST / HTTP/1.1\r\n\r\n'));
    assert.deepStrictEqual(serializeRequest({ method: 'POST', target: '/', headers: [], body: Buffer.alloc(0) }), bytes('POST / HTTP/1.1\r\n\r\n'));
  });
});

describe('head writer: malformed parts written as given', () => {
  it('a version as text, a method and target with spaces, a field with no value or a CRLF inside', () => {
    const out = serializeRequest({ method: 'G T', target: '/a b', version: 'HTTP/1.a', headers: [['X-NoColon\r\nY', 'z'], ['Empty', '']] });
    assert.deepStrictEqual(out, bytes('G T /a b HTTP/1.a\r\nX-NoColon\r\nY: z\r\nEmpty: \r\n\r\n'));
  });

  it('the start lines and field lines on their own', () => {
    assert.equal(requestLine('GET', '/'), 'GET / HTTP/1.1');
    assert.equal(requestLine('GET', '/', HTTP_1_0), 'GET / HTTP/1.0');
    assert.equal(statusLine(404), 'HTTP/1.1 404 Not Found');
    assert.equal(statusLine(200, 'OK', 'HTTP/2.0'), 'HTTP/2.0 200 OK');
    assert.equal(fieldLines([['A', '1'], ['a', '2']]), 'A: 1\r\na: 2\r\n');
    assert.equal(headText('HTTP/1.1 100 Continue', []), 'HTTP/1.1 100 Continue\r\n\r\n');
  });

  it('a response in another version', () => {
    assert.deepStrictEqual(serializeResponse({ status: 200, version: HTTP_1_0, headers: [] }), bytes('HTTP/1.0 200 OK\r\n\r\n'));
  });
});

describe('serializeResponse: exact bytes', () => {
  it('the reason phrase defaults to the standard one', () => {
    assert.deepStrictEqual(serializeResponse({ status: 404, headers: [['Content-Length', '0']] }), bytes('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
    assert.deepStrictEqual(serializeResponse({ status: 505, headers: [] }), bytes('HTTP/1.1 505 HTTP Version Not Supported\r\n\r\n'));
  });

  it('a given reason phrase is used as is, even an empty one', () => {
    assert.deepStrictEqual(serializeResponse({ status: 200, reason: 'Fine', headers: [] }), bytes('HTTP/1.1 200 Fine\r\n\r\n'));
    assert.deepStrictEqual(serializeResponse({ status: 200, reason: '', headers: [] }), bytes('HTTP/1.1 200 \r\n\r\n'));
  });

  it('a body after the head', () => {
    const out = serializeResponse({ status: 201, headers: [['Content-Length', '4']], body: 'done' });
    assert.deepStrictEqual(out, bytes('HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone'));
  });
});

describe('serializer and parser round trip', () => {
  const REQUESTS: RequestSpec[] = [
    { method: 'GET', target: '/', headers: [['Host', 'localhost:8080']] },
    { method: 'HEAD', target: '/?q=1', headers: [['Host', 'h'], ['Accept', '*/*']] },
    { method: 'DELETE', target: 'http://h:80/', version: HTTP_1_0, headers: [] },
    { method: 'POST', target: '/', headers: [['Host', 'h'], ['Content-Length', String(KOREAN_BYTES.length)]], body: KOREAN },
    { method: 'POST', target: '/bin', headers: [['Host', 'h'], ['Content-Length', '256']], body: ALL_BYTES },
    { method: 'PUT', target: '/', headers: [['Host', 'h'], ['X-Dup', 'a'], ['x-dup', 'b'], ['X-Latin1', 'caf\xe9'], ['Content-Length', '0']] },
    { method: 'POST', target: '/', headers: [['Host', 'h'], ['Transfer-Encoding', 'chunked']], body: '3\r\nabc\r\n0\r\n\r\n' },
  ];

  for (const spec of REQUESTS) {
    it(`request ${spec.method} ${spec.target}: parses back to what was given, at every split`, () => {
      const events = sameEventsAtEverySplit(() => new RequestParser(), serializeRequest(spec), assert.deepStrictEqual, { end: true });
      assert.deepStrictEqual(
        events.map((e) => e.kind),
        ['head', 'message', 'closed'],
      );
      const message = events[1];
      assert.ok(message?.kind === 'message');
      assert.equal(message.head.method, spec.method);
      assert.equal(message.head.target, spec.target);
      assert.deepStrictEqual(message.head.version, spec.version ?? HTTP_1_1);
      assert.deepStrictEqual(message.head.headers, spec.headers);
      const framing = events[0]?.kind === 'head' ? events[0].framing.kind : undefined;
      const expectedBody = framing === 'chunked' ? bytes('abc') : typeof spec.body === 'string' ? Buffer.from(spec.body, 'utf8') : (spec.body ?? Buffer.alloc(0));
      assert.deepStrictEqual(message.body, expectedBody);
    });
  }

  const RESPONSES: [method: string, spec: ResponseSpec][] = [
    ['GET', { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(KOREAN_BYTES.length)]], body: KOREAN }],
    ['GET', { status: 404, reason: 'Not Found', headers: [['Content-Length', '0']] }],
    ['HEAD', { status: 200, headers: [['Content-Length', '42']] }],
    ['POST', { status: 201, headers: [['Content-Length', '256']], body: ALL_BYTES }],
    ['PUT', { status: 405, headers: [['Allow', 'GET, HEAD, POST, DELETE'], ['Content-Length', '0']] }],
  ];

  it('responses, pipelined: parse back to what was given, in order, at every split', () => {
    const wire = Buffer.concat(RESPONSES.map(([, spec]) => serializeResponse(spec)));
    const make = (): ResponseParser => {
      const parser = new ResponseParser();
      for (const [method] of RESPONSES) parser.expectResponseTo(method);
      return parser;
    };
    const messages = sameEventsAtEverySplit(make, wire, assert.deepStrictEqual, { end: true }).filter((e) => e.kind === 'message');
    assert.equal(messages.length, RESPONSES.length);
    RESPONSES.forEach(([method, spec], i) => {
      const message = messages[i];
      assert.ok(message?.kind === 'message');
      assert.deepStrictEqual(message.head.version, HTTP_1_1);
      assert.equal(message.head.status, spec.status);
      assert.equal(message.head.reason, spec.reason ?? reasonPhrase(spec.status));
      assert.deepStrictEqual(message.head.headers, spec.headers);
      const body = method === 'HEAD' || spec.body === undefined ? Buffer.alloc(0) : typeof spec.body === 'string' ? Buffer.from(spec.body, 'utf8') : spec.body;
      assert.deepStrictEqual(message.body, body);
    });
  });
});

describe('formatting helpers', () => {
  it('formatHttpDate writes IMF-fixdate in UTC', () => {
    assert.equal(formatHttpDate(new Date(Date.UTC(1994, 10, 6, 8, 49, 37))), 'Sun, 06 Nov 1994 08:49:37 GMT');
    assert.equal(formatHttpDate(new Date(Date.UTC(2024, 1, 29, 23, 5, 9))), 'Thu, 29 Feb 2024 23:05:09 GMT');
    assert.equal(formatHttpDate(new Date(Date.UTC(2000, 0, 1, 0, 0, 0))), 'Sat, 01 Jan 2000 00:00:00 GMT');
  });

  it('reasonPhrase knows the statuses the project uses and says Unknown otherwise', () => {
    assert.equal(reasonPhrase(200), 'OK');
    assert.equal(reasonPhrase(201), 'Created');
    assert.equal(reasonPhrase(405), 'Method Not Allowed');
    assert.equal(reasonPhrase(413), 'Content Too Large');
    assert.equal(reasonPhrase(414), 'URI Too Long');
    assert.equal(reasonPhrase(431), 'Request Header Fields Too Large');
    assert.equal(reasonPhrase(507), 'Insufficient Storage');
    assert.equal(reasonPhrase(299), 'Unknown');
  });

  it('formatVersion and isHttp11OrLater', () => {
    assert.equal(formatVersion(HTTP_1_1), 'HTTP/1.1');
    assert.equal(formatVersion(HTTP_1_0), 'HTTP/1.0');
    assert.equal(isHttp11OrLater(HTTP_1_1), true);
    assert.equal(isHttp11OrLater({ major: 1, minor: 2 }), true);
    assert.equal(isHttp11OrLater(HTTP_1_0), false);
    assert.equal(isHttp11OrLater({ major: 0, minor: 9 }), false);
  });
});
