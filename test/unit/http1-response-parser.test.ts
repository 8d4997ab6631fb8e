/**
 * ResponseParser, the client's half: framing by Content-Length, chunked coding or close, bodies
 * that depend on the request (HEAD) or the status (1xx, 204, 304), and pipelined responses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseParser, type BodyFraming, type HeaderField, type ResponseHead } from '../../src/http1/index.js';
import { bytes, parseResponses, sameEventsAtEverySplit, type EventRecord } from './http1-helpers.js';

function head(status: number, reason: string, headers: HeaderField[], version: readonly [number, number] = [1, 1]): ResponseHead {
  return { version: { major: version[0], minor: version[1] }, status, reason, headers };
}

function message(h: ResponseHead, framing: BodyFraming, body: Buffer | string = ''): EventRecord<ResponseHead>[] {
  return [
    { kind: 'head', head: h, framing },
    { kind: 'message', head: h, body: typeof body === 'string' ? bytes(body) : body },
  ];
}

/** Parses `raw` as the answers to `methods`, whole and at every split, and returns the events. */
function responses(raw: Buffer | string, methods: readonly string[], end = true, allowBareLf = false): EventRecord<ResponseHead>[] {
  const make = (): ResponseParser => {
    const parser = new ResponseParser({ allowBareLf });
    for (const method of methods) parser.expectResponseTo(method);
    return parser;
  };
  return sameEventsAtEverySplit(make, raw, assert.deepStrictEqual, { end });
}

const KOREAN = Buffer.from('HTTP GET Method (Success)\n\n안녕하세요', 'utf8');

describe('ResponseParser: framing', () => {
  it('Content-Length', () => {
    const h = head(200, 'OK', [
      ['Content-Length', '5'],
      ['Content-Type', 'text/plain'],
    ]);
    assert.deepStrictEqual(responses('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello', ['GET']), [
      ...message(h, { kind: 'length', length: 5 }, 'hello'),
      { kind: 'closed' },
    ]);
  });

  it('Content-Length repeated with one value is accepted from a server', () => {
    const events = responses('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok', ['GET']);
    assert.ok(events[0]?.kind === 'head');
    assert.deepStrictEqual(events[0].framing, { kind: 'length', length: 2 });
  });

  it('conflicting Content-Length values are refused', () => {
    assert.deepStrictEqual(parseResponses('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok', ['GET']), [
      { kind: 'error', code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
    ]);
  });

  it('chunked, with an extension and a trailer', () => {
    const h = head(200, 'OK', [['Transfer-Encoding', 'chunked']]);
    assert.deepStrictEqual(responses('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nT: 1\r\n\r\n', ['GET']), [
      ...message(h, { kind: 'chunked' }, 'hello world'),
      { kind: 'closed' },
    ]);
  });

  it('chunked wins over Content-Length in a response', () => {
    const events = responses('HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', ['GET']);
    assert.ok(events[1]?.kind === 'message');
    assert.equal(events[1].body.toString('latin1'), 'ok');
  });

  it('a 2xx to CONNECT has no body, whatever its fields say: a tunnel starts after the head (RFC 9112 §6.3 step 2)', () => {
    const events = responses('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n', ['CONNECT']);
    assert.ok(events[0]?.kind === 'head');
    assert.deepStrictEqual(events[0].framing, { kind: 'none' });
  });

  it('a 4xx to CONNECT is framed as any response', () => {
    const events = responses('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 2\r\n\r\nno', ['CONNECT']);
    assert.ok(events[0]?.kind === 'head');
    assert.deepStrictEqual(events[0].framing, { kind: 'length', length: 2 });
  });

  it('another final transfer coding reads until close', () => {
    const events = responses('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n\x1f\x8b\x08', ['GET']);
    assert.ok(events[0]?.kind === 'head' && events[1]?.kind === 'message');
    assert.deepStrictEqual(events[0].framing, { kind: 'until-close' });
    assert.deepStrictEqual(events[1].body, bytes('\x1f\x8b\x08'));
  });

  it("close-delimited, like the assignment's server: the message comes only at end()", () => {
    const raw = Buffer.concat([bytes('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n'), KOREAN]);
    const parser = new ResponseParser();
    parser.expectResponseTo('GET');
    parser.feed(raw);
    const first = parser.next();
    assert.ok(first.kind === 'head');
    assert.deepStrictEqual(first.framing, { kind: 'until-close' });
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('\n'));
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.end();
    const second = parser.next();
    assert.ok(second.kind === 'message');
    assert.equal(second.body.toString('utf8'), `${KOREAN.toString('utf8')}\n`);
    assert.deepStrictEqual(parser.next(), { kind: 'closed' });
  });

  it('close-delimited at every split gives the same events', () => {
    const raw = Buffer.concat([bytes('HTTP/1.0 200 OK\r\n\r\n'), KOREAN]);
    const h = head(200, 'OK', [], [1, 0]);
    assert.deepStrictEqual(responses(raw, ['GET']), [...message(h, { kind: 'until-close' }, KOREAN), { kind: 'closed' }]);
  });

  it('close-delimited body over the limit is refused', () => {
    const events = parseResponses(`HTTP/1.1 200 OK\r\n\r\n${'x'.repeat(11)}`, ['GET'], { limits: { maxBodyBytes: 10 } });
    assert.deepStrictEqual(events.at(-1), { kind: 'error', code: 'BODY_TOO_LARGE', status: 413, offset: undefined });
  });

  it('a response body may be larger than a request body: 64 MiB by default, even if the limit is given as undefined', () => {
    for (const limits of [undefined, { maxBodyBytes: undefined }]) {
      assert.deepStrictEqual(parseResponses('HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\n\r\n', ['GET'], { limits }).map((e) => e.kind), ['head']);
      assert.deepStrictEqual(parseResponses('HTTP/1.1 200 OK\r\nContent-Length: 67108865\r\n\r\n', ['GET'], { limits }), [
        { kind: 'error', code: 'BODY_TOO_LARGE', status: 413, offset: undefined },
      ]);
    }
  });

  it('end() inside a Content-Length body is INCOMPLETE_MESSAGE', () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc';
    assert.deepStrictEqual(parseResponses(raw, ['GET'], { end: true }).at(-1), { kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: raw.length });
  });

  it('bare LF line ends, when allowed', () => {
    const h = head(200, 'OK', [['Content-Length', '2']]);
    assert.deepStrictEqual(responses('HTTP/1.1 200 OK\nContent-Length: 2\n\nok', ['GET'], true, true), [
      ...message(h, { kind: 'length', length: 2 }, 'ok'),
      { kind: 'closed' },
    ]);
  });

  it('bare LF line ends in a chunked body too, when allowed: a client shows what a server sent', () => {
    const raw = 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\nT: 1\n\n';
    assert.deepStrictEqual(responses(raw, ['GET'], true, true), [...message(head(200, 'OK', [['Transfer-Encoding', 'chunked']]), { kind: 'chunked' }, 'ok'), { kind: 'closed' }]);
  });
});

describe('ResponseParser: responses without a body', () => {
  it('HEAD: Content-Length describes the GET body, none follows', () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
    assert.deepStrictEqual(responses(raw, ['HEAD', 'GET']), [
      ...message(head(200, 'OK', [['Content-Length', '30']]), { kind: 'none' }),
      ...message(head(404, 'Not Found', [['Content-Length', '0']]), { kind: 'length', length: 0 }),
      { kind: 'closed' },
    ]);
  });

  it('HEAD: no Content-Length does not mean read until close', () => {
    const events = responses('HTTP/1.1 200 OK\r\n\r\n', ['HEAD']);
    assert.deepStrictEqual(
      events.map((e) => e.kind),
      ['head', 'message', 'closed'],
    );
  });

  for (const status of [204, 304]) {
    it(`${status}: no body even with Content-Length`, () => {
      const raw = `HTTP/1.1 ${status} X\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok`;
      const events = responses(raw, ['GET', 'GET']);
      assert.deepStrictEqual(
        events.map((e) => (e.kind === 'message' ? `${e.head.status}:${e.body.toString('latin1')}` : e.kind)),
        ['head', `${status}:`, 'head', '200:ok', 'closed'],
      );
    });
  }

  it('1xx, then the final response to the same request', () => {
    const raw = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX: 1\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    assert.deepStrictEqual(responses(raw, ['POST', 'GET']), [
      ...message(head(100, 'Continue', []), { kind: 'none' }),
      ...message(head(102, 'Processing', [['X', '1']]), { kind: 'none' }),
      ...message(head(201, 'Created', [['Content-Length', '2']]), { kind: 'length', length: 2 }, 'ok'),
      ...message(head(200, 'OK', [['Content-Length', '0']]), { kind: 'length', length: 0 }),
      { kind: 'closed' },
    ]);
  });

  it('1xx before the answer to a HEAD keeps the HEAD for the final response', () => {
    const raw = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    const events = responses(raw, ['HEAD', 'GET']);
    assert.deepStrictEqual(
      events.map((e) => (e.kind === 'message' ? `${e.head.status}:${e.body.toString('latin1')}` : e.kind)),
      ['head', '100:', 'head', '200:', 'head', '200:ok', 'closed'],
    );
  });
});

describe('ResponseParser: status lines', () => {
  const STATUS_LINES: [line: string, status: number, reason: string][] = [
    ['HTTP/1.1 200 OK', 200, 'OK'],
    ['HTTP/1.1 404 Not Found', 404, 'Not Found'],
    ['HTTP/1.1 200', 200, ''],
    ['HTTP/1.1 200 ', 200, ''],
    ['HTTP/1.1 200  two  spaces ', 200, ' two  spaces '],
    ['HTTP/1.0 505 HTTP Version Not Supported', 505, 'HTTP Version Not Supported'],
    ['HTTP/1.1 599 Whatever', 599, 'Whatever'],
    ['HTTP/1.1 200 caf\xe9', 200, 'caf\xe9'],
  ];
  for (const [line, status, reason] of STATUS_LINES) {
    it(`${JSON.stringify(line)} is ${status} ${JSON.stringify(reason)}`, () => {
      const events = parseResponses(`${line}\r\nContent-Length: 0\r\n\r\n`, ['GET']);
      assert.ok(events[1]?.kind === 'message');
      assert.equal(events[1].head.status, status);
      assert.equal(events[1].head.reason, reason);
    });
  }

  const INVALID = ['HTTP/1.1 20 OK', 'HTTP/1.1 2000 OK', 'HTTP/1.1 200OK', 'HTTP/1.1 099 Low', 'HTTP/1.1  200 OK', 'HTTP/2 200 OK', 'http/1.1 200 OK', 'ICY 200 OK', 'HTTP/1.1 abc OK', ''];
  for (const line of INVALID) {
    it(`${JSON.stringify(line)} is INVALID_STATUS_LINE (502)`, () => {
      // An empty first line is skipped like before a request, so it needs a non-empty one after it.
      const raw = line === '' ? '\r\nnonsense\r\n\r\n' : `${line}\r\n\r\n`;
      const offset = line === '' ? 2 : 0;
      assert.deepStrictEqual(parseResponses(raw, ['GET']), [{ kind: 'error', code: 'INVALID_STATUS_LINE', status: 502, offset }]);
    });
  }

  it('a status line over the limit is INVALID_STATUS_LINE', () => {
    const events = parseResponses(`HTTP/1.1 200 ${'x'.repeat(100)}\r\n\r\n`, ['GET'], { limits: { maxStartLineBytes: 50 } });
    assert.deepStrictEqual(events, [{ kind: 'error', code: 'INVALID_STATUS_LINE', status: 502, offset: 0 }]);
  });
});

describe('ResponseParser: pipelined responses', () => {
  it('answers come out in order, each framed for its own request', () => {
    const raw =
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none' +
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n' +
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nthree\r\n0\r\n\r\n' +
      'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, DELETE\r\nContent-Length: 4\r\n\r\nfour' +
      'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfive, until close';
    const events = responses(raw, ['GET', 'HEAD', 'POST', 'PUT', 'DELETE']);
    assert.deepStrictEqual(
      events.filter((e) => e.kind === 'message').map((e) => (e.kind === 'message' ? `${e.head.status} ${e.body.toString('latin1')}` : '')),
      ['200 one', '200 ', '201 three', '405 four', '200 five, until close'],
    );
    assert.equal(events.at(-1)?.kind, 'closed');
  });

  it('without end(), a close-delimited last response stays open', () => {
    const events = parseResponses('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\n\r\nrest', ['GET', 'GET']);
    assert.deepStrictEqual(
      events.map((e) => e.kind),
      ['head', 'message', 'head'],
    );
  });
});
