/**
 * RequestParser: valid requests (whole, at every split, pipelined), the request line, versions,
 * Host, keep-alive, 100-continue, the end of the stream, and error offsets (SPEC §2.1, §2.3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestParser, type BodyFraming, type HeaderField, type RequestHead } from '../../src/http1/index.js';
import { assertRejected, bytes, feedChunks, parseAll, sameEventsAtEverySplit, type EventRecord, type RejectCase } from './http1-helpers.js';

const LENIENT = { allowBareLf: true } as const;

interface HeadFields {
  readonly method: string;
  readonly target: string;
  readonly version?: readonly [major: number, minor: number];
  readonly headers: HeaderField[];
  readonly keepAlive?: boolean;
  readonly expectContinue?: boolean;
}

function head(fields: HeadFields): RequestHead {
  const [major, minor] = fields.version ?? [1, 1];
  return {
    method: fields.method,
    target: fields.target,
    version: { major, minor },
    headers: fields.headers,
    expectContinue: fields.expectContinue ?? false,
    keepAlive: fields.keepAlive ?? true,
  };
}

/** The events of one complete message followed by the end of the stream. */
function oneMessage(h: RequestHead, framing: BodyFraming, body: Buffer | string = ''): EventRecord<RequestHead>[] {
  const bodyBytes = typeof body === 'string' ? bytes(body) : body;
  return [
    { kind: 'head', head: h, framing },
    { kind: 'message', head: h, body: bodyBytes },
    { kind: 'closed' },
  ];
}

const KOREAN = Buffer.from('안녕하세요, 세계! 메시지 저장 테스트', 'utf8');
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

interface ValidCase {
  readonly name: string;
  readonly raw: Buffer | string;
  readonly expected: EventRecord<RequestHead>[];
  readonly lenient?: boolean;
}

const VALID: ValidCase[] = [
  {
    name: 'GET / with Host',
    raw: 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: '/', headers: [['Host', 'example.com']] }), { kind: 'none' }),
  },
  {
    name: 'HEAD with a query',
    raw: 'HEAD /?a=1&b=2 HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'HEAD', target: '/?a=1&b=2', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'POST with a Content-Length body',
    raw: 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello',
    expected: oneMessage(
      head({ method: 'POST', target: '/', headers: [['Host', 'h'], ['Content-Length', '5']] }),
      { kind: 'length', length: 5 },
      'hello',
    ),
  },
  {
    name: 'POST with Content-Length: 0',
    raw: 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n',
    expected: oneMessage(head({ method: 'POST', target: '/', headers: [['Host', 'h'], ['Content-Length', '0']] }), { kind: 'length', length: 0 }),
  },
  {
    name: 'DELETE on another path',
    raw: 'DELETE /wrong/ HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'DELETE', target: '/wrong/', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: "the assignment client's POST with a Korean UTF-8 body",
    raw: Buffer.concat([
      bytes(
        `POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\nUser-Agent: client\r\nConnection: keep-alive\r\nContent-Length: ${KOREAN.length}\r\n\r\n`,
      ),
      KOREAN,
    ]),
    expected: oneMessage(
      head({
        method: 'POST',
        target: '/',
        headers: [
          ['Host', '127.0.0.1:8080'],
          ['Content-Type', 'text/plain'],
          ['User-Agent', 'client'],
          ['Connection', 'keep-alive'],
          ['Content-Length', String(KOREAN.length)],
        ],
      }),
      { kind: 'length', length: KOREAN.length },
      KOREAN,
    ),
  },
  {
    name: 'a binary body with all 256 byte values',
    raw: Buffer.concat([bytes('POST /bin HTTP/1.1\r\nHost: h\r\nContent-Length: 256\r\n\r\n'), ALL_BYTES]),
    expected: oneMessage(
      head({ method: 'POST', target: '/bin', headers: [['Host', 'h'], ['Content-Length', '256']] }),
      { kind: 'length', length: 256 },
      ALL_BYTES,
    ),
  },
  {
    name: 'a Postman-style GET: header case, order and odd values kept',
    raw:
      'GET / HTTP/1.1\r\nUser-Agent: PostmanRuntime/7.29.0\r\nAccept: */*\r\nCache-Control: no-cache\r\n' +
      'Postman-Token: 0d3e1a7c-5a8e-4b8e-9f3e-2f9e6f1d2c3b\r\nHost: localhost:8080\r\nAccept-Encoding: gzip, deflate, br\r\n' +
      'Connection: keep-alive\r\n\r\n',
    expected: oneMessage(
      head({
        method: 'GET',
        target: '/',
        headers: [
          ['User-Agent', 'PostmanRuntime/7.29.0'],
          ['Accept', '*/*'],
          ['Cache-Control', 'no-cache'],
          ['Postman-Token', '0d3e1a7c-5a8e-4b8e-9f3e-2f9e6f1d2c3b'],
          ['Host', 'localhost:8080'],
          ['Accept-Encoding', 'gzip, deflate, br'],
          ['Connection', 'keep-alive'],
        ],
      }),
      { kind: 'none' },
    ),
  },
  {
    name: 'absolute-form target',
    raw: 'GET http://example.com:8080/ HTTP/1.1\r\nHost: example.com:8080\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: 'http://example.com:8080/', headers: [['Host', 'example.com:8080']] }), { kind: 'none' }),
  },
  {
    name: 'asterisk-form on OPTIONS',
    raw: 'OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'OPTIONS', target: '*', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'authority-form on CONNECT',
    raw: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    expected: oneMessage(head({ method: 'CONNECT', target: 'example.com:443', headers: [['Host', 'example.com:443']] }), { kind: 'none' }),
  },
  {
    name: 'asterisk-form on GET: well-formed, the method is for the server to judge (400)',
    raw: 'GET * HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: '*', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'authority-form on DELETE: well-formed, the method is for the server to judge (400)',
    raw: 'DELETE h:80 HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'DELETE', target: 'h:80', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'every RFC 3986 path and query character, percent-encodings kept as sent',
    raw: "GET /az-._~!$&'()*+,;=:@%00%2F%e9/?q=/?%41 HTTP/1.1\r\nHost: h\r\n\r\n",
    expected: oneMessage(head({ method: 'GET', target: "/az-._~!$&'()*+,;=:@%00%2F%e9/?q=/?%41", headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'an unserved but well-formed method, case kept (the server answers 405)',
    raw: 'get / HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'get', target: '/', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'HTTP/1.0 without Host',
    raw: 'GET / HTTP/1.0\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: '/', version: [1, 0], headers: [], keepAlive: false }), { kind: 'none' }),
  },
  {
    name: 'HTTP/1.2 is accepted and served as 1.1',
    raw: 'GET / HTTP/1.2\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: '/', version: [1, 2], headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'empty lines before the request line are ignored',
    raw: '\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n',
    expected: oneMessage(head({ method: 'GET', target: '/', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
  {
    name: 'field values: OWS trimmed, inner spaces, tabs and obs-text kept, empty value allowed',
    raw: 'GET / HTTP/1.1\r\nHost:h\r\nX-A: \t a  b\tc \t\r\nX-Empty:\r\nX-Latin1: caf\xe9\r\n\r\n',
    expected: oneMessage(
      head({
        method: 'GET',
        target: '/',
        headers: [
          ['Host', 'h'],
          ['X-A', 'a  b\tc'],
          ['X-Empty', ''],
          ['X-Latin1', 'caf\xe9'],
        ],
      }),
      { kind: 'none' },
    ),
  },
  {
    name: 'bare LF line ends, when allowed',
    raw: 'POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nok',
    lenient: true,
    expected: oneMessage(head({ method: 'POST', target: '/', headers: [['Host', 'h'], ['Content-Length', '2']] }), { kind: 'length', length: 2 }, 'ok'),
  },
  {
    name: 'mixed CRLF and bare LF, when allowed',
    raw: '\nGET / HTTP/1.1\r\nHost: h\n\r\n',
    lenient: true,
    expected: oneMessage(head({ method: 'GET', target: '/', headers: [['Host', 'h']] }), { kind: 'none' }),
  },
];

describe('RequestParser: valid requests', () => {
  for (const c of VALID) {
    it(`${c.name}: whole`, () => {
      assert.deepStrictEqual(parseAll(c.raw, { end: true, allowBareLf: c.lenient === true }), c.expected);
    });
    it(`${c.name}: identical events at every split and one byte at a time`, () => {
      const whole = sameEventsAtEverySplit(() => new RequestParser({ allowBareLf: c.lenient === true }), c.raw, assert.deepStrictEqual, { end: true });
      assert.deepStrictEqual(whole, c.expected);
    });
    if (c.lenient !== true) {
      it(`${c.name}: same with allowBareLf on`, () => {
        assert.deepStrictEqual(parseAll(c.raw, { end: true, ...LENIENT }), c.expected);
      });
    }
  }

  it('keeps a Korean UTF-8 body and a binary body byte for byte', () => {
    const bodyOf = (name: string): Buffer => {
      const message = parseAll(VALID.find((c) => c.name.startsWith(name))!.raw).find((e) => e.kind === 'message');
      assert.ok(message?.kind === 'message');
      return message.body;
    };
    assert.equal(bodyOf("the assignment client's POST").toString('utf8'), '안녕하세요, 세계! 메시지 저장 테스트');
    const binary = bodyOf('a binary body');
    assert.equal(binary.length, 256);
    for (let i = 0; i < 256; i++) assert.equal(binary[i], i);
  });
});

describe('RequestParser: pipelining', () => {
  const requests = [
    'GET / HTTP/1.1\r\nHost: h\r\n\r\n',
    'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world',
    'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n',
    'HEAD /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n',
    'DELETE / HTTP/1.0\r\n\r\n',
  ];
  const all = requests.join('');

  it('several requests in one chunk give the same events as one request at a time', () => {
    const together = parseAll(all, { end: true });
    const parser = new RequestParser();
    const oneByOne = feedChunks(parser, requests.map(bytes), { end: true });
    assert.deepStrictEqual(together, oneByOne);
    assert.deepStrictEqual(
      together.map((e) => (e.kind === 'message' ? `${e.head.method} ${e.head.target} ${e.body.toString('latin1')}` : e.kind)),
      ['head', 'GET / ', 'head', 'POST / hello world', 'head', 'POST / abc', 'head', 'HEAD /x ', 'head', 'DELETE / ', 'closed'],
    );
  });

  it('pipelined requests give identical events at every split and one byte at a time', () => {
    const whole = sameEventsAtEverySplit(() => new RequestParser(), all, assert.deepStrictEqual, { end: true });
    assert.equal(whole.length, 11);
  });

  it('a request and the start of the next: the first completes, the second waits', () => {
    const parser = new RequestParser();
    parser.feed(bytes('GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTT'));
    assert.equal(parser.next().kind, 'head');
    const first = parser.next();
    assert.ok(first.kind === 'message');
    assert.equal(first.head.target, '/a');
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    assert.equal(parser.hasPartialMessage, true);
    parser.feed(bytes('P/1.1\r\nHost: h\r\n\r\n'));
    assert.equal(parser.next().kind, 'head');
    const second = parser.next();
    assert.ok(second.kind === 'message');
    assert.equal(second.head.target, '/b');
    assert.equal(parser.hasPartialMessage, false);
  });
});

const HOST = 'Host: h\r\n';

const REQUEST_LINE_REJECTIONS: RejectCase[] = [
  { name: 'method with a delimiter: G(T', raw: `G(T / HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_METHOD', status: 400, offset: 1 },
  { name: 'method with a space: GE T', raw: `GE T / HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 5 },
  { name: 'method followed by a tab', raw: `GET\t/ HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_METHOD', status: 400, offset: 3 },
  { name: 'method with a non-ASCII byte', raw: `G\xc9T / HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_METHOD', status: 400, offset: 1 },
  { name: 'leading space', raw: ` GET / HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 0 },
  { name: 'two spaces after the method', raw: `GET  / HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 4 },
  { name: 'two spaces before the version', raw: `GET /  HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 6 },
  { name: 'trailing space after the version', raw: `GET / HTTP/1.1 \r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 6 },
  { name: 'HTTP/0.9 style: GET /', raw: 'GET /\r\n\r\n', code: 'INVALID_REQUEST_LINE', status: 400, offset: 5 },
  { name: 'method alone', raw: 'GET\r\n\r\n', code: 'INVALID_REQUEST_LINE', status: 400, offset: 3 },
  { name: 'empty version: GET / ', raw: 'GET / \r\n\r\n', code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'target with DEL', raw: `GET /\x7f HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target with NUL', raw: `GET /a\x00 HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 6 },
  { name: 'target with a raw non-ASCII byte', raw: `GET /caf\xe9 HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 8 },
  { name: 'bare CR inside the request line', raw: `GET /\r HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target with a fragment', raw: `GET /#top HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target that is a fragment', raw: `GET # HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 4 },
  { name: 'target with a backslash', raw: `GET /a\\b HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 6 },
  { name: 'target with a brace', raw: `GET /{x} HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target with a "%" alone', raw: `GET /100% HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 8 },
  { name: 'target with "%" and one hex digit', raw: `GET /%4 HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target with "%" and no hex digits', raw: `GET /?q=%zz HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 8 },
  { name: 'target with a bracket in the path', raw: `GET /[a] HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 5 },
  { name: 'target of none of the four forms', raw: `GET example.com HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 4 },
  { name: 'absolute-form with userinfo', raw: `GET http://user@h/ HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 11 },
  { name: 'absolute-form with an empty host', raw: `GET http://:80/ HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_TARGET', status: 400, offset: 11 },
  { name: 'a space inside the target splits it: GET / x HTTP/1.1', raw: `GET / x HTTP/1.1\r\n${HOST}\r\n`, code: 'INVALID_REQUEST_LINE', status: 400, offset: 6 },
  { name: 'version HTTP/1.1x', raw: `GET / HTTP/1.1x\r\n${HOST}\r\n`, code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'version HTTP/11', raw: `GET / HTTP/11\r\n${HOST}\r\n`, code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'version http/1.1', raw: `GET / http/1.1\r\n${HOST}\r\n`, code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'version HTTP/1.a', raw: `GET / HTTP/1.a\r\n${HOST}\r\n`, code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'version HTTP/1,1', raw: `GET / HTTP/1,1\r\n${HOST}\r\n`, code: 'INVALID_VERSION', status: 400, offset: 6 },
  { name: 'version HTTP/2.0', raw: `GET / HTTP/2.0\r\n${HOST}\r\n`, code: 'UNSUPPORTED_VERSION', status: 505, offset: 6 },
  { name: 'version HTTP/3.0', raw: `GET / HTTP/3.0\r\n${HOST}\r\n`, code: 'UNSUPPORTED_VERSION', status: 505, offset: 6 },
  { name: 'version HTTP/0.9', raw: `GET / HTTP/0.9\r\n${HOST}\r\n`, code: 'UNSUPPORTED_VERSION', status: 505, offset: 6 },
  { name: 'request line ending in LF alone (strict)', raw: `GET / HTTP/1.1\n${HOST}\r\n`, code: 'BARE_LF', status: 400, offset: 14 },
  { name: 'field line ending in LF alone (strict)', raw: 'GET / HTTP/1.1\r\nHost: h\n\r\n', code: 'BARE_LF', status: 400, offset: 23 },
  { name: 'final empty line as LF alone (strict)', raw: 'GET / HTTP/1.1\r\nHost: h\r\n\n', code: 'BARE_LF', status: 400, offset: 25 },
  { name: 'leading empty line as LF alone (strict)', raw: `\nGET / HTTP/1.1\r\n${HOST}\r\n`, code: 'BARE_LF', status: 400, offset: 0 },
  { name: 'HTTP/1.1 without Host', raw: 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n', code: 'MISSING_HOST', status: 400, offset: undefined },
  { name: 'HTTP/1.2 without Host', raw: 'GET / HTTP/1.2\r\n\r\n', code: 'MISSING_HOST', status: 400, offset: undefined },
  { name: 'two Host fields', raw: 'GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n', code: 'DUPLICATE_HOST', status: 400, offset: undefined },
  { name: 'two identical Host fields', raw: 'GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n', code: 'DUPLICATE_HOST', status: 400, offset: undefined },
  { name: 'two Host fields in HTTP/1.0', raw: 'GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n', code: 'DUPLICATE_HOST', status: 400, offset: undefined },
  { name: 'a Host with a space in it', raw: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', code: 'INVALID_HOST', status: 400, offset: undefined },
  { name: 'a Host with a path', raw: 'GET / HTTP/1.1\r\nHost: a/b\r\n\r\n', code: 'INVALID_HOST', status: 400, offset: undefined },
  { name: 'a Host with userinfo', raw: 'GET / HTTP/1.1\r\nHost: user@a\r\n\r\n', code: 'INVALID_HOST', status: 400, offset: undefined },
];

describe('RequestParser: request line, version and Host rejections', () => {
  for (const c of REQUEST_LINE_REJECTIONS) it(`${c.name}: ${c.code} ${c.status}`, () => assertRejected(c));

  it('bare LF is rejected by default and accepted only with allowBareLf', () => {
    const raw = 'GET / HTTP/1.1\nHost: h\n\n';
    assert.equal(parseAll(raw)[0]?.kind, 'error');
    assert.deepStrictEqual(
      parseAll(raw, LENIENT).map((e) => e.kind),
      ['head', 'message'],
    );
  });

  it('an error is terminal: the same error comes back, even after valid input', () => {
    const parser = new RequestParser();
    parser.feed(bytes('G(T / HTTP/1.1\r\n'));
    const first = parser.next();
    assert.ok(first.kind === 'error');
    parser.feed(bytes('GET / HTTP/1.1\r\nHost: h\r\n\r\n'));
    const again = parser.next();
    assert.ok(again.kind === 'error');
    assert.equal(again.error, first.error);
    assert.equal(first.error.name, 'ProtocolError');
    assert.match(first.error.message, /method/i);
  });

  it('offsets count from the start of the connection, across earlier messages', () => {
    const first = 'GET / HTTP/1.1\r\nHost: h\r\n\r\n';
    const events = parseAll(`${first}GET / HTTP/1.1\r\nHost : h\r\n\r\n`);
    assert.deepStrictEqual(events.at(-1), { kind: 'error', code: 'WHITESPACE_BEFORE_COLON', status: 400, offset: first.length + 16 + 4 });
  });
});

describe('RequestParser: keep-alive and 100-continue', () => {
  const KEEP_ALIVE: [name: string, version: string, headers: string, keepAlive: boolean][] = [
    ['1.1 by default', '1.1', '', true],
    ['1.1 with Connection: close', '1.1', 'Connection: close\r\n', false],
    ['1.1 with Connection: Close (case-insensitive)', '1.1', 'Connection: Close\r\n', false],
    ['1.1 with close among other tokens', '1.1', 'Connection: keep-alive, close\r\n', false],
    ['1.1 with close in a second Connection field', '1.1', 'Connection: foo\r\nConnection: close\r\n', false],
    ['1.1 with Connection: closed (not the close token)', '1.1', 'Connection: closed\r\n', true],
    ['1.1 with Connection: Keep-Alive, foo', '1.1', 'Connection: Keep-Alive, foo\r\n', true],
    ['1.0 by default', '1.0', '', false],
    ['1.0 with Connection: keep-alive', '1.0', 'Connection: keep-alive\r\n', true],
    ['1.0 with Connection: Keep-Alive, foo', '1.0', 'Connection: Keep-Alive, foo\r\n', true],
    ['1.0 with keep-alive in a second Connection field', '1.0', 'Connection: foo\r\nConnection: keep-alive\r\n', true],
    ['1.0 with keep-alive and close', '1.0', 'Connection: keep-alive, close\r\n', false],
    ['1.0 with Connection: keepalive (not the token)', '1.0', 'Connection: keepalive\r\n', false],
    ['1.2 by default (served as 1.1)', '1.2', '', true],
  ];
  for (const [name, version, headers, keepAlive] of KEEP_ALIVE) {
    it(`keepAlive is ${keepAlive}: ${name}`, () => {
      const events = parseAll(`GET / HTTP/${version}\r\nHost: h\r\n${headers}\r\n`);
      assert.equal(events[0]?.kind, 'head');
      assert.equal(events[0].kind === 'head' && events[0].head.keepAlive, keepAlive);
    });
  }

  const EXPECT: [name: string, version: string, headers: string, expectContinue: boolean][] = [
    ['1.1 with Expect: 100-continue', '1.1', 'Expect: 100-continue\r\n', true],
    ['1.1 with Expect: 100-Continue (case-insensitive)', '1.1', 'Expect: 100-Continue\r\n', true],
    ['1.1 with OWS around the value', '1.1', 'Expect:   100-continue  \r\n', true],
    ['1.1 without Expect', '1.1', '', false],
    ['1.1 with another expectation', '1.1', 'Expect: 200-ok\r\n', false],
    ['1.0 with Expect: 100-continue (may be ignored)', '1.0', 'Expect: 100-continue\r\n', false],
  ];
  for (const [name, version, headers, expectContinue] of EXPECT) {
    it(`expectContinue is ${expectContinue}: ${name}`, () => {
      const events = parseAll(`POST / HTTP/${version}\r\nHost: h\r\n${headers}Content-Length: 3\r\n\r\n`);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.kind === 'head' && events[0].head.expectContinue, expectContinue);
    });
  }

  it('the head arrives before the body, so a server can send 100 Continue', () => {
    const parser = new RequestParser();
    parser.feed(bytes('POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n'));
    const first = parser.next();
    assert.ok(first.kind === 'head');
    assert.equal(first.head.expectContinue, true);
    assert.deepStrictEqual(first.framing, { kind: 'length', length: 3 });
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('abc'));
    const second = parser.next();
    assert.ok(second.kind === 'message');
    assert.equal(second.body.toString('latin1'), 'abc');
  });
});

describe('RequestParser: end of the stream', () => {
  const END_CASES: [name: string, raw: string, expected: EventRecord<RequestHead>[]][] = [
    ['nothing sent', '', [{ kind: 'closed' }]],
    ['only empty lines sent', '\r\n\r\n', [{ kind: 'closed' }]],
    ['inside the request line', 'GET / HT', [{ kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: 0 }]],
    ['inside the request line, after empty lines', '\r\nGET', [{ kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: 2 }]],
    ['inside the header section', 'GET / HTTP/1.1\r\nHost: h\r\nAcc', [{ kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: 25 }]],
    ['before the final empty line', 'GET / HTTP/1.1\r\nHost: h\r\n', [{ kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: 25 }]],
  ];
  for (const [name, raw, expected] of END_CASES) {
    it(`end() ${name}`, () => assert.deepStrictEqual(parseAll(raw, { end: true }), expected));
  }

  it('end() inside a Content-Length body: INCOMPLETE_MESSAGE after the head', () => {
    const raw = 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc';
    const events = parseAll(raw, { end: true });
    assert.deepStrictEqual(
      events.map((e) => e.kind),
      ['head', 'error'],
    );
    // The offset is where the stream ended, three body bytes in.
    assert.deepStrictEqual(events[1], { kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: raw.length });
    assert.equal(raw.length, 51);
  });

  it('end() inside a chunked body: INCOMPLETE_MESSAGE', () => {
    const raw = 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab';
    const events = parseAll(raw, { end: true });
    assert.deepStrictEqual(events.at(-1), { kind: 'error', code: 'INCOMPLETE_MESSAGE', status: 400, offset: 61 });
    assert.equal(raw.length, 61);
  });

  it('end() between two messages gives closed after the first', () => {
    const events = parseAll('GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n', { end: true });
    assert.deepStrictEqual(
      events.map((e) => e.kind),
      ['head', 'message', 'head', 'message', 'closed'],
    );
  });

  it('hasPartialMessage follows the message in progress', () => {
    const parser = new RequestParser();
    assert.equal(parser.hasPartialMessage, false);
    parser.feed(bytes('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n'));
    assert.equal(parser.hasPartialMessage, true);
    assert.equal(parser.next().kind, 'head');
    assert.equal(parser.hasPartialMessage, true);
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('ok'));
    assert.equal(parser.next().kind, 'message');
    assert.equal(parser.hasPartialMessage, false);
  });
});
