/**
 * What the server puts on the wire for a response: the headers every response carries,
 * Content-Length, HEAD without a body, the Date format; also error responses and the head log.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, mock, test } from 'node:test';
import { HTTP_1_0, HTTP_1_1, maybeHeader, ProtocolError, ResponseParser, type Response } from '../../src/http1/index.js';
import { errorResponse } from '../../src/server/error-response.js';
import { HttpDateClock } from '../../src/server/http-date-clock.js';
import { formatRequestHead } from '../../src/server/request-log.js';
import { CONTINUE_BYTES, ResponseWriter, type OutgoingResponse } from '../../src/server/response-writer.js';

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Frames the bytes as a client would; fails unless they are exactly one response. */
function parseOne(bytes: Buffer, method = 'GET'): Response {
  const parser = new ResponseParser();
  parser.expectResponseTo(method);
  parser.feed(bytes);
  parser.end();
  let response: Response | undefined;
  for (;;) {
    const event = parser.next();
    if (event.kind === 'message') {
      assert.equal(response, undefined, 'more than one response');
      response = { ...event.head, body: event.body };
    } else if (event.kind === 'closed') break;
    else if (event.kind === 'error') throw event.error;
  }
  assert.ok(response, 'no response');
  return response;
}

function write(response: Partial<OutgoingResponse>): Buffer {
  return new ResponseWriter().bytes({ status: 200, body: Buffer.alloc(0), keepAlive: true, ...response }, new HttpDateClock().now());
}

describe('ResponseWriter', () => {
  test('a 200 carries Server, Date, Content-Type text/plain, Content-Length and Connection', () => {
    const response = parseOne(write({ body: Buffer.from('HTTP GET Method (Success)\n\n') }));
    assert.equal(response.status, 200);
    assert.equal(response.reason, 'OK');
    assert.deepEqual(response.version, HTTP_1_1);
    assert.match(maybeHeader(response.headers, 'server') ?? '', /\S/);
    assert.match(maybeHeader(response.headers, 'date') ?? '', IMF_FIXDATE);
    assert.match(maybeHeader(response.headers, 'content-type') ?? '', /^text\/plain(; charset=utf-8)?$/);
    assert.equal(maybeHeader(response.headers, 'content-length'), '27');
    assert.equal(maybeHeader(response.headers, 'connection'), 'keep-alive');
    assert.equal(response.body.toString(), 'HTTP GET Method (Success)\n\n');
  });

  test('each header appears once', () => {
    const response = parseOne(write({ status: 405, fields: [['Allow', 'GET, HEAD, POST, DELETE']] }));
    const names = response.headers.map(([name]) => name.toLowerCase());
    assert.deepEqual([...new Set(names)].sort(), names.slice().sort());
  });

  test('Content-Length counts bytes, not characters: Korean text', () => {
    const body = Buffer.from('HTTP POST Method (Success)\n\n안녕하세요', 'utf8');
    const bytes = write({ status: 201, body });
    const response = parseOne(bytes);
    assert.equal(maybeHeader(response.headers, 'content-length'), String(body.length));
    assert.deepEqual(response.body, body);
    assert.deepEqual(bytes.subarray(bytes.length - body.length), body);
  });

  test('Connection: close when the connection will end', () => {
    assert.equal(maybeHeader(parseOne(write({ keepAlive: false })).headers, 'connection'), 'close');
  });

  test('HEAD: the Content-Length of the body, and no body bytes', () => {
    const body = Buffer.from('HTTP GET Method (Success)\n\nmessage');
    const full = write({ body });
    const head = write({ body, omitBody: true });
    assert.equal(head.length, full.length - body.length);
    assert.ok(head.subarray(head.length - 4).equals(Buffer.from('\r\n\r\n')), 'ends with the end of the head');
    assert.equal(maybeHeader(parseOne(head, 'HEAD').headers, 'content-length'), String(body.length));
  });

  test('the resource\'s fields, such as Allow, only when given', () => {
    assert.equal(maybeHeader(parseOne(write({ status: 405, fields: [['Allow', 'GET, HEAD, POST, DELETE']] })).headers, 'allow'), 'GET, HEAD, POST, DELETE');
    assert.equal(maybeHeader(parseOne(write({})).headers, 'allow'), undefined);
  });

  test('a resource\'s fields go after Content-Length, before Connection, in their order', () => {
    const text = write({ fields: [['ETag', '"t-1"'], ['Accept-Ranges', 'bytes']] }).toString('latin1');
    assert.match(text, /\r\nContent-Length: 0\r\nETag: "t-1"\r\nAccept-Ranges: bytes\r\nConnection: keep-alive\r\n\r\n$/);
  });

  test('304: the Content-Length of the 200, and no body bytes (RFC 9110 §8.6, RFC 9112 §6.3)', () => {
    const body = Buffer.from('HTTP GET Method (Success)\n\nmessage');
    const bytes = write({ status: 304, body, fields: [['ETag', '"t-1"']] });
    assert.ok(bytes.toString('latin1').endsWith('\r\n\r\n'), 'ends with the end of the head');
    const response = parseOne(bytes);
    assert.equal(response.status, 304);
    assert.equal(maybeHeader(response.headers, 'content-length'), String(body.length));
    assert.equal(response.body.length, 0);
  });

  test('the same body with other fields is another response (GET / after a change back to the same listing)', () => {
    const body = Buffer.from('HTTP GET Method (Success)\n\n');
    const date = new HttpDateClock().now();
    const writer = new ResponseWriter();
    const first = writer.bytes({ status: 200, body, fields: [['ETag', '"t-1"']], keepAlive: true }, date);
    const second = writer.bytes({ status: 200, body, fields: [['ETag', '"t-2"']], keepAlive: true }, date);
    assert.match(second.toString('latin1'), /ETag: "t-2"/);
    assert.notDeepEqual(second, first);
  });

  test('a large body with fields goes out beside its head, which is made once', () => {
    const body = Buffer.alloc(20 * 1024, 0x61);
    const fields = [['ETag', '"t-1"']] as const;
    const date = new HttpDateClock().now();
    const writer = new ResponseWriter();
    const first: Buffer[] = [];
    const second: Buffer[] = [];
    writer.push(first, { status: 200, body, fields }, true, false, date);
    writer.push(second, { status: 200, body, fields }, true, false, date);
    assert.equal(first.length, 2);
    assert.equal(first[1], body, 'the body is not copied');
    assert.equal(second[0], first[0], 'the head is reused');
    assert.equal(maybeHeader(parseOne(Buffer.concat(first)).headers, 'etag'), '"t-1"');
  });

  for (const [status, reason] of [[201, 'Created'], [206, 'Partial Content'], [304, 'Not Modified'], [404, 'Not Found'], [405, 'Method Not Allowed'], [408, 'Request Timeout'], [412, 'Precondition Failed'], [413, 'Content Too Large'], [416, 'Range Not Satisfiable'], [507, 'Insufficient Storage']] as const) {
    test(`status line ${status} ${reason}`, () => {
      assert.ok(write({ status }).toString('latin1').startsWith(`HTTP/1.1 ${status} ${reason}\r\n`));
    });
  }

  test('within a second a writer hands out the same bytes again; another writer keeps its own', () => {
    const body = Buffer.from('HTTP GET Method (Success)\n\n');
    const response: OutgoingResponse = { status: 200, body, keepAlive: true };
    const date = new HttpDateClock().now();
    const writer = new ResponseWriter();
    const first = writer.bytes(response, date);
    assert.equal(writer.bytes(response, date), first);
    const other = new ResponseWriter().bytes(response, date);
    assert.notEqual(other, first);
    assert.deepStrictEqual(other, first);
  });

  test('100 Continue is a bare status line and an empty line', () => {
    assert.equal(CONTINUE_BYTES.toString('latin1'), 'HTTP/1.1 100 Continue\r\n\r\n');
  });
});

describe('HttpDateClock', () => {
  afterEach(() => mock.restoreAll());

  test('formats IMF-fixdate in GMT (RFC 9110 §5.6.7)', () => {
    mock.method(Date, 'now', () => Date.UTC(1994, 10, 6, 8, 49, 37, 250));
    assert.equal(new HttpDateClock().now(), 'Sun, 06 Nov 1994 08:49:37 GMT');
  });

  test('follows the clock second by second', () => {
    let now = Date.UTC(2026, 0, 31, 23, 59, 59, 0);
    mock.method(Date, 'now', () => now);
    const clock = new HttpDateClock();
    assert.equal(clock.now(), 'Sat, 31 Jan 2026 23:59:59 GMT');
    now += 999;
    assert.equal(clock.now(), 'Sat, 31 Jan 2026 23:59:59 GMT');
    now += 1;
    assert.equal(clock.now(), 'Sun, 01 Feb 2026 00:00:00 GMT');
  });

  test('the real clock gives a date within a few seconds of now', () => {
    const value = new HttpDateClock().now();
    assert.match(value, IMF_FIXDATE);
    assert.ok(Math.abs(Date.parse(value) - Date.now()) < 5_000);
  });
});

describe('errorResponse', () => {
  test('answers with the error\'s status, closes, and names the broken rule', () => {
    const error = new ProtocolError('CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 'Both Content-Length and Transfer-Encoding are present');
    const response = errorResponse(error);
    assert.equal(response.status, 400);
    assert.equal(response.keepAlive, false);
    assert.equal(response.body.toString(), '400 Bad Request: Both Content-Length and Transfer-Encoding are present\n');
  });

  for (const [code, status] of [['UNSUPPORTED_VERSION', 505], ['BODY_TOO_LARGE', 413], ['REQUEST_LINE_TOO_LONG', 414], ['HEADERS_TOO_LARGE', 431], ['UNSUPPORTED_TRANSFER_CODING', 501], ['REQUEST_TIMEOUT', 408]] as const) {
    test(`${code} → ${status}, Connection: close on the wire`, () => {
      const response = parseOne(new ResponseWriter().bytes(errorResponse(new ProtocolError(code, 'why')), new HttpDateClock().now()));
      assert.equal(response.status, status);
      assert.equal(maybeHeader(response.headers, 'connection'), 'close');
    });
  }
});

describe('formatRequestHead', () => {
  test('prints the request line and every field as sent, in order, duplicates kept', () => {
    const text = formatRequestHead({
      method: 'GET',
      target: '/?q=1',
      version: HTTP_1_0,
      headers: [['Host', 'h'], ['X-Dup', '1'], ['x-dup', '2']],
      expectContinue: false,
      keepAlive: false,
    });
    assert.equal(text, 'GET /?q=1 HTTP/1.0\nHost: h\nX-Dup: 1\nx-dup: 2\n');
  });
});
