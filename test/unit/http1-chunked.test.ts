/**
 * The chunked transfer coding (RFC 9112 §7.1, SPEC §2.1): sizes, extensions, trailers, bodies kept
 * byte for byte at every split, and every malformed chunk refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeChunked, RequestParser } from '../../src/http1/index.js';
import { assertRejected, bytes, parseAll, sameEventsAtEverySplit, type RejectCase } from './http1-helpers.js';

const HEAD = 'POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n';

/** A chunked request whose body is `body`; `at(n)` is the stream offset of the body's byte n. */
function chunked(body: Buffer | string): Buffer {
  return Buffer.concat([bytes(HEAD), typeof body === 'string' ? bytes(body) : body]);
}
function at(n: number): number {
  return HEAD.length + n;
}

/** A chunked body of `chunks`, then the last chunk, as the project's encoder writes it. */
function encode(chunks: readonly Buffer[]): Buffer {
  return encodeChunked(chunks.map((data) => ({ data })));
}

const KOREAN = Buffer.from('안녕하세요 세계', 'utf8');
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const VALID: [name: string, body: Buffer | string, decoded: Buffer | string][] = [
  ['one chunk', '5\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['only the last chunk: an empty body', '0\r\n\r\n', ''],
  ['several chunks', '5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n', 'hello world'],
  ['hex sizes in upper and lower case', `A\r\n0123456789\r\nb\r\nabcdefghijk\r\n0\r\n\r\n`, '0123456789abcdefghijk'],
  ['sizes with leading zeros', '0005\r\nhello\r\n000\r\n\r\n', 'hello'],
  ['a last chunk of many zeros', '5\r\nhello\r\n0000000000000000000000\r\n\r\n', 'hello'],
  ['extensions on data and last chunks', '5;name=value\r\nhello\r\n0;last\r\n\r\n', 'hello'],
  ['several extensions, a quoted value with ; and spaces, BWS', '5 ; a ; b="x; y" ;c=d\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['every tchar in an extension name and token value', "5;!#$%&'*+-.^_`|~09az=!#$%&'*+-.^_`|~09AZ\r\nhello\r\n0\r\n\r\n", 'hello'],
  ['BWS around "=", spaces and tabs', '5 \t; a \t= b;c=\t"d"\r\nhello\r\n0 ;e = f\r\n\r\n', 'hello'],
  ['an empty quoted value', '5;a=""\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['a quoted value with obs-text, HTAB and quoted-pairs', '5;n="caf\xe9\t\\"q\\" \\\\ \\\t\\\xe9"\r\nhello\r\n0\r\n\r\n', 'hello'],
  ['trailers are read and dropped', '5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other:\r\n\r\n', 'hello'],
  ['data holding CRLF and NUL bytes', '6\r\n\r\n\x00\r\n\r\r\n0\r\n\r\n', '\r\n\x00\r\n\r'],
  ['all 256 byte values in chunks of 100, 100 and 56', encode([ALL_BYTES.subarray(0, 100), ALL_BYTES.subarray(100, 200), ALL_BYTES.subarray(200)]), ALL_BYTES],
  ['Korean UTF-8 cut mid-character between chunks', encode([KOREAN.subarray(0, 4), KOREAN.subarray(4, 5), KOREAN.subarray(5)]), KOREAN],
  ['a size line of exactly 4 KiB, extensions included', `5;${'e'.repeat(4094)}\r\nhello\r\n0\r\n\r\n`, 'hello'],
];

describe('chunked bodies: decoded byte for byte', () => {
  for (const [name, body, decoded] of VALID) {
    const raw = chunked(body);
    const expectedBody = typeof decoded === 'string' ? bytes(decoded) : decoded;
    it(`${name}: whole, at every split and one byte at a time`, () => {
      const events = sameEventsAtEverySplit(() => new RequestParser(), raw, assert.deepStrictEqual, { end: true });
      assert.deepStrictEqual(
        events.map((e) => e.kind),
        ['head', 'message', 'closed'],
      );
      assert.ok(events[0]?.kind === 'head' && events[1]?.kind === 'message');
      assert.deepStrictEqual(events[0].framing, { kind: 'chunked' });
      assert.deepStrictEqual(events[1].body, expectedBody);
      assert.deepStrictEqual(events[1].head.headers, [
        ['Host', 'h'],
        ['Transfer-Encoding', 'chunked'],
      ]);
    });
  }

  it('Korean text survives chunking intact', () => {
    const events = parseAll(chunked(encode([KOREAN.subarray(0, 1), KOREAN.subarray(1)])));
    assert.ok(events[1]?.kind === 'message');
    assert.equal(events[1].body.toString('utf8'), '안녕하세요 세계');
  });

  it('a chunked request followed by a pipelined request', () => {
    const raw = Buffer.concat([chunked('3\r\nabc\r\n0\r\n\r\n'), bytes('GET /next HTTP/1.1\r\nHost: h\r\n\r\n')]);
    const events = sameEventsAtEverySplit(() => new RequestParser(), raw, assert.deepStrictEqual, { end: true });
    assert.deepStrictEqual(
      events.map((e) => (e.kind === 'message' ? `${e.head.target}:${e.body.toString('latin1')}` : e.kind)),
      ['head', '/c:abc', 'head', '/next:', 'closed'],
    );
  });
});

const REJECTIONS: RejectCase[] = [
  { name: 'size 0x5', raw: chunked('0x5\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(1) },
  { name: 'size -1', raw: chunked('-1\r\nx\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'size +5', raw: chunked('+5\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'size g', raw: chunked('g\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'size 5g', raw: chunked('5g\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(1) },
  { name: 'empty size line', raw: chunked('\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'whitespace before the size', raw: chunked(' 5\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'whitespace after the size, no extension', raw: chunked('5 \r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(1) },
  { name: 'a NUL in an extension', raw: chunked('5;a=\x00\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(4) },
  { name: 'a bare CR in an extension', raw: chunked('5;a\rb\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(3) },
  { name: 'a bare ";"', raw: chunked('5;\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(2) },
  { name: 'a bare ";" on the last chunk', raw: chunked('5\r\nhello\r\n0;\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(12) },
  { name: 'two ";" in a row', raw: chunked('5;;a\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(2) },
  { name: 'a value without a name', raw: chunked('5;=x\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(2) },
  { name: 'a name that is not a token: bad[', raw: chunked('5;bad[=x\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(5) },
  { name: 'two names without ";"', raw: chunked('5;a b\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(4) },
  { name: '"=" without a value', raw: chunked('5;a=\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(4) },
  { name: 'a value that is not a token: [', raw: chunked('5;a=[\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(4) },
  { name: 'obs-text in an unquoted value', raw: chunked('5;a=caf\xe9\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(7) },
  { name: 'whitespace after an extension', raw: chunked('5;a=b \r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(5) },
  { name: 'an unterminated quoted value', raw: chunked('5;a="hello\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(4) },
  { name: 'a control byte in a quoted value', raw: chunked('5;a="x\x01"\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(6) },
  { name: 'a quoted-pair escaping a control byte', raw: chunked('5;a="\\\x01"\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(6) },
  { name: 'a quoted-pair at the end of the line', raw: chunked('5;a="\\\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(6) },
  { name: 'something right after a quoted value', raw: chunked('5;a="x"y\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(7) },
  { name: 'missing CRLF after the data', raw: chunked('5\r\nhello0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(8) },
  { name: 'data longer than its size', raw: chunked('3\r\nhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(6) },
  { name: 'a bare CR after the data', raw: chunked('5\r\nhello\rX\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(8) },
  { name: 'a size of 17 hex digits', raw: chunked('fffffffffffffffff\r\n'), code: 'BODY_TOO_LARGE', status: 413, offset: at(0) },
  { name: 'a size line over 4 KiB of extensions', raw: chunked(`5;${'e'.repeat(5000)}\r\nhello\r\n0\r\n\r\n`), code: 'INVALID_CHUNK', status: 400, offset: at(0) },
  { name: 'a trailer with obs-fold', raw: chunked('0\r\nX: a\r\n b\r\n\r\n'), code: 'OBS_FOLD', status: 400, offset: at(9) },
  { name: 'a trailer with whitespace before the colon', raw: chunked('0\r\nX : a\r\n\r\n'), code: 'WHITESPACE_BEFORE_COLON', status: 400, offset: at(4) },
  { name: 'a trailer with a NUL in its value', raw: chunked('0\r\nX: a\x00\r\n\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: at(7) },
  { name: 'a trailer that is not a field line', raw: chunked('0\r\ngarbage\r\n\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: at(10) },
];

/** Every line of chunked framing ends in CRLF, even where the head may end its lines in LF alone (SPEC §2.1). */
const BARE_LINE_ENDS: RejectCase[] = [
  { name: 'a size line ending in LF alone', raw: chunked('5\nhello\r\n0\r\n\r\n'), code: 'BARE_LF', status: 400, offset: at(1) },
  { name: 'a size line with extensions ending in LF alone', raw: chunked('5;a=b\nhello\r\n0\r\n\r\n'), code: 'BARE_LF', status: 400, offset: at(5) },
  { name: 'data followed by LF alone', raw: chunked('5\r\nhello\n0\r\n\r\n'), code: 'BARE_LF', status: 400, offset: at(8) },
  { name: 'the last chunk ending in LF alone', raw: chunked('0\n\r\n'), code: 'BARE_LF', status: 400, offset: at(1) },
  { name: 'a trailer ending in LF alone', raw: chunked('0\r\nT: 1\n\r\n'), code: 'BARE_LF', status: 400, offset: at(7) },
  { name: 'the final empty line as LF alone', raw: chunked('0\r\n\n'), code: 'BARE_LF', status: 400, offset: at(3) },
  { name: 'the final empty line as LF alone, after a trailer', raw: chunked('0\r\nT: 1\r\n\n'), code: 'BARE_LF', status: 400, offset: at(9) },
  { name: 'a size line ending in CR alone', raw: chunked('5\rhello\r\n0\r\n\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(1) },
  { name: 'the last chunk ending in CR alone', raw: chunked('0\r\r\n'), code: 'INVALID_CHUNK', status: 400, offset: at(1) },
  { name: 'the final empty line as CR alone', raw: chunked('0\r\n\r\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: at(3) },
];

describe('chunked bodies: malformed chunks', () => {
  for (const c of REJECTIONS) it(`${c.name}: ${c.code} ${c.status}`, () => assertRejected(c, ['head']));

  for (const c of BARE_LINE_ENDS) {
    it(`${c.name}: ${c.code} ${c.status}, with or without bare LF allowed in the head`, () => {
      assertRejected(c, ['head']);
      assertRejected({ ...c, lenient: true }, ['head']);
    });
  }

  it('a chunk size one too large: the LF of the CRLF after the data does not end it, and the request behind it is not parsed', () => {
    // Read with LF alone as a line end, "hello\r" would be the chunk and the GET a second request.
    const raw = chunked('6\r\nhello\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n');
    const events = sameEventsAtEverySplit(() => new RequestParser({ allowBareLf: true }), raw, assert.deepStrictEqual, { end: true });
    assert.deepStrictEqual(
      events.map((e) => (e.kind === 'head' ? `head ${e.head.target}` : e.kind)),
      ['head /c', 'error'],
    );
    assert.deepStrictEqual(events[1], { kind: 'error', code: 'BARE_LF', status: 400, offset: at(9) });
  });

  it('a 64 KiB extension is refused at 4 KiB, whole or in pieces, and never held beyond that', () => {
    const raw = chunked(`5;${'e'.repeat(64 * 1024)}\r\nhello\r\n0\r\n\r\n`);
    assert.deepStrictEqual(parseAll(raw).at(-1), { kind: 'error', code: 'INVALID_CHUNK', status: 400, offset: at(0) });
    const parser = new RequestParser({ allowBareLf: true });
    let event = parser.next();
    for (let from = 0; from < raw.length && event.kind !== 'error'; from += 1024) {
      parser.feed(raw.subarray(from, from + 1024));
      for (event = parser.next(); event.kind === 'head'; event = parser.next());
      if (event.kind === 'need-data') assert.ok(parser.bufferedBytes <= 4097, `${parser.bufferedBytes} bytes held after ${from + 1024} fed`);
    }
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status, event.error.offset], ['INVALID_CHUNK', 400, at(0)]);
  });

  it('two bytes after the data that are not CRLF are refused before any LF arrives', () => {
    const parser = new RequestParser();
    parser.feed(chunked('5\r\nhelloab'));
    assert.equal(parser.next().kind, 'head');
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status, event.error.offset], ['INVALID_CHUNK', 400, at(8)]);
  });

  it('with a header limit under 4 KiB, a size line may be as long as that limit and no longer', () => {
    const limits = { maxHeaderBytes: 40 }; // the head's 37 bytes of field lines fit
    const ok = chunked(`5;${'e'.repeat(38)}\r\nhello\r\n0\r\n\r\n`);
    const events = sameEventsAtEverySplit(() => new RequestParser({ limits }), ok, assert.deepStrictEqual, { end: true });
    assert.deepStrictEqual(
      events.map((e) => e.kind),
      ['head', 'message', 'closed'],
    );
    const tooLong = chunked(`5;${'e'.repeat(39)}\r\nhello\r\n0\r\n\r\n`);
    const refused = sameEventsAtEverySplit(() => new RequestParser({ limits }), tooLong, assert.deepStrictEqual, { end: true });
    assert.deepStrictEqual(refused.at(-1), { kind: 'error', code: 'INVALID_CHUNK', status: 400, offset: at(0) });
  });

  it('an overlong size line is refused before its LF arrives, and not a byte earlier than it must be', () => {
    const parser = new RequestParser();
    // 4096 bytes and a CR could still end a valid size line.
    parser.feed(chunked(`5;${'e'.repeat(4094)}\r`));
    assert.equal(parser.next().kind, 'head');
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('e'));
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status, event.error.offset], ['INVALID_CHUNK', 400, at(0)]);
  });
});
