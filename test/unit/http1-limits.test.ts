/**
 * Size limits (SPEC §2.4): request line 414, header section and field count 431, body 413, each
 * exactly at the boundary; and memory that stays bounded whatever the peer sends.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS, RequestParser, type Limits } from '../../src/http1/index.js';
import { bytes, parseAll } from './http1-helpers.js';

/** The kinds of events, with an error shown as `CODE status`. */
function outcome(raw: Buffer | string, limits?: Partial<Limits>): string[] {
  return parseAll(raw, { limits, end: true }).map((e) => (e.kind === 'error' ? `${e.code} ${e.status}` : e.kind));
}

const OK = ['head', 'message', 'closed'];

describe('limits: the defaults are those of SPEC §2.4', () => {
  it('8 KiB request line, 16 KiB header section, 100 fields, 1 MiB body', () => {
    assert.deepStrictEqual(DEFAULT_LIMITS, {
      maxStartLineBytes: 8192,
      maxHeaderBytes: 16384,
      maxHeaderCount: 100,
      maxBodyBytes: 1048576,
    });
  });
});

describe('limits: configuration', () => {
  it('a limit given as undefined keeps its default instead of switching the check off', () => {
    const limits = { maxStartLineBytes: undefined, maxHeaderBytes: undefined, maxHeaderCount: undefined, maxBodyBytes: undefined };
    assert.deepStrictEqual(outcome(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n`, limits), ['BODY_TOO_LARGE 413']);
    assert.deepStrictEqual(outcome(`GET /${'a'.repeat(8192)} HTTP/1.1\r\n\r\n`, limits), ['REQUEST_LINE_TOO_LONG 414']);
  });

  it('one limit can be set alone; the others keep their defaults', () => {
    assert.deepStrictEqual(outcome('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc', { maxBodyBytes: 2 }), ['BODY_TOO_LARGE 413']);
    assert.deepStrictEqual(outcome(`GET /${'a'.repeat(8000)} HTTP/1.1\r\nHost: h\r\n\r\n`, { maxBodyBytes: 2 }), OK);
  });
});

describe('limits: request line (414)', () => {
  /** A request line of exactly `length` bytes, CRLF excluded. */
  const lineOf = (length: number): string => `GET /${'a'.repeat(length - 'GET / HTTP/1.1'.length)} HTTP/1.1`;

  it('a request line of exactly 8 KiB is accepted', () => {
    assert.equal(lineOf(8192).length, 8192);
    assert.deepStrictEqual(outcome(`${lineOf(8192)}\r\nHost: h\r\n\r\n`), OK);
  });

  it('a request line of 8 KiB + 1 is 414', () => {
    assert.deepStrictEqual(parseAll(`${lineOf(8193)}\r\nHost: h\r\n\r\n`), [{ kind: 'error', code: 'REQUEST_LINE_TOO_LONG', status: 414, offset: 0 }]);
  });

  it('a long request line is 414 before its LF arrives, and not a byte earlier than it must be', () => {
    const limits = { maxStartLineBytes: 20 };
    const parser = new RequestParser({ limits });
    // 20 bytes and a CR could still end a valid line.
    parser.feed(bytes(`GET /${'a'.repeat(15)}\r`));
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('b'));
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status, event.error.offset], ['REQUEST_LINE_TOO_LONG', 414, 0]);
  });

  it('the limit applies to the line, not to the empty lines before it', () => {
    const limits = { maxStartLineBytes: 16 };
    assert.deepStrictEqual(outcome(`${'\r\n'.repeat(50)}GET / HTTP/1.1\r\nHost: h\r\n\r\n`, limits), OK);
    assert.deepStrictEqual(outcome(`\r\n\r\nGET /abc HTTP/1.1\r\nHost: h\r\n\r\n`, limits), ['REQUEST_LINE_TOO_LONG 414']);
  });

  it('the 414 offset points at the start of the line, after earlier messages', () => {
    const first = 'GET / HTTP/1.1\r\nHost: h\r\n\r\n';
    const events = parseAll(`${first}GET /${'x'.repeat(40)} HTTP/1.1\r\n`, { limits: { maxStartLineBytes: 30 } });
    assert.deepStrictEqual(events.at(-1), { kind: 'error', code: 'REQUEST_LINE_TOO_LONG', status: 414, offset: first.length });
  });
});

describe('limits: method (501, RFC 9112 §3: longer than any the server implements)', () => {
  it('a method as long as OPTIONS is read; one byte longer is 501, whatever follows it', () => {
    assert.deepStrictEqual(outcome('OPTIONS / HTTP/1.1\r\nHost: h\r\n\r\n'), OK);
    assert.deepStrictEqual(parseAll('PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n'), [{ kind: 'error', code: 'METHOD_TOO_LONG', status: 501, offset: 0 }]);
    assert.deepStrictEqual(outcome('PROPFIND\r\n'), ['METHOD_TOO_LONG 501']);
  });

  it('a long method is 501 as soon as its 8th byte arrives, before its line ends or is long enough for 414', () => {
    const parser = new RequestParser();
    parser.feed(bytes('\r\nOPTIONS'));
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('X'));
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status, event.error.offset], ['METHOD_TOO_LONG', 501, 2]);
  });

  it('a long method ahead of a long target is 501; a long target after a short method is 414', () => {
    assert.deepStrictEqual(outcome(`PROPFIND /${'a'.repeat(9000)} HTTP/1.1\r\nHost: h\r\n\r\n`), ['METHOD_TOO_LONG 501']);
    assert.deepStrictEqual(outcome(`OPTIONS /${'a'.repeat(9000)} HTTP/1.1\r\nHost: h\r\n\r\n`), ['REQUEST_LINE_TOO_LONG 414']);
  });
});

describe('limits: header section (431)', () => {
  const LINE = 'GET / HTTP/1.1\r\n';
  /** Host plus one X-Pad field so that the field lines, CRLFs included, total `size` bytes. */
  const fieldsOf = (size: number): string => `Host: h\r\nX-Pad: ${'p'.repeat(size - 9 - 'X-Pad: \r\n'.length)}\r\n`;

  it('a header section of exactly 16 KiB is accepted', () => {
    assert.equal(fieldsOf(16384).length, 16384);
    assert.deepStrictEqual(outcome(`${LINE}${fieldsOf(16384)}\r\n`), OK);
  });

  it('a header section of 16 KiB + 1 is 431, the offset at the line that crosses the limit', () => {
    assert.deepStrictEqual(parseAll(`${LINE}${fieldsOf(16385)}\r\n`), [{ kind: 'error', code: 'HEADERS_TOO_LARGE', status: 431, offset: LINE.length + 9 }]);
  });

  it('a header section over the limit is 431 before the line ends', () => {
    const parser = new RequestParser({ limits: { maxHeaderBytes: 40 } });
    parser.feed(bytes(`${LINE}Host: h\r\nX: ${'v'.repeat(28)}`)); // 9 + 31 = 40 bytes of field lines so far
    assert.deepStrictEqual(parser.next(), { kind: 'need-data' });
    parser.feed(bytes('v'));
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.deepStrictEqual([event.error.code, event.error.status], ['HEADERS_TOO_LARGE', 431]);
  });

  it('100 fields are accepted and the 101st is 431', () => {
    const fields = (n: number): string => `Host: h\r\n${Array.from({ length: n - 1 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}`;
    assert.deepStrictEqual(outcome(`${LINE}${fields(100)}\r\n`), OK);
    const events = parseAll(`${LINE}${fields(101)}\r\n`);
    const offset = `${LINE}${fields(100)}`.length;
    assert.deepStrictEqual(events, [{ kind: 'error', code: 'TOO_MANY_HEADERS', status: 431, offset }]);
  });

  it('the limits are per message: two pipelined heads each just under them pass', () => {
    const limits = { maxHeaderBytes: 30, maxHeaderCount: 2 };
    const request = `${LINE}Host: h\r\nX-A: ${'a'.repeat(14)}\r\n\r\n`; // 9 + 21 = 30 bytes, 2 fields
    assert.deepStrictEqual(outcome(request + request, limits), ['head', 'message', 'head', 'message', 'closed']);
  });
});

describe('limits: body (413)', () => {
  const post = (fields: string, body = ''): string => `POST / HTTP/1.1\r\nHost: h\r\n${fields}\r\n${body}`;

  it('Content-Length at the limit is accepted', () => {
    assert.deepStrictEqual(outcome(post('Content-Length: 10\r\n', '0123456789'), { maxBodyBytes: 10 }), OK);
  });

  it('Content-Length over the limit is 413 at head time, before any body byte', () => {
    assert.deepStrictEqual(outcome(post('Content-Length: 11\r\n'), { maxBodyBytes: 10 }), ['BODY_TOO_LARGE 413']);
    assert.deepStrictEqual(outcome(post(`Content-Length: ${1024 * 1024 + 1}\r\n`)), ['BODY_TOO_LARGE 413']);
    assert.deepStrictEqual(outcome(post('Content-Length: 999999999999999\r\n')), ['BODY_TOO_LARGE 413']);
  });

  it('a chunked body at the limit is accepted', () => {
    assert.deepStrictEqual(outcome(post('Transfer-Encoding: chunked\r\n', '4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n'), { maxBodyBytes: 10 }), OK);
  });

  it('a chunked body over the limit is 413 at the size line that crosses it', () => {
    const raw = post('Transfer-Encoding: chunked\r\n', '4\r\nabcd\r\n7\r\nefghijk\r\n0\r\n\r\n');
    const events = parseAll(raw, { limits: { maxBodyBytes: 10 } });
    assert.deepStrictEqual(events.at(-1), { kind: 'error', code: 'BODY_TOO_LARGE', status: 413, offset: raw.indexOf('7\r\n') });
  });

  it('a single chunk over the default 1 MiB is 413', () => {
    assert.deepStrictEqual(outcome(post('Transfer-Encoding: chunked\r\n', '100001\r\n')), ['head', 'BODY_TOO_LARGE 413']);
    assert.deepStrictEqual(outcome(post('Transfer-Encoding: chunked\r\n', '100000\r\n')), ['head', 'INCOMPLETE_MESSAGE 400']);
  });

  it('a trailer section over the header limit is 431', () => {
    const raw = post('Transfer-Encoding: chunked\r\n', `0\r\nX-T: ${'t'.repeat(40)}\r\n\r\n`);
    assert.deepStrictEqual(outcome(raw, { maxHeaderBytes: 40 }), ['head', 'HEADERS_TOO_LARGE 431']);
  });
});

describe('limits: memory stays bounded', () => {
  /** A deterministic stream of pseudo-random bytes (xorshift32). */
  function noise(length: number, seed: number): Buffer {
    const out = Buffer.alloc(length);
    let x = seed;
    for (let i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  }

  /**
   * Feeds `total` bytes made by `make` in 4 KiB chunks, pulling events after each, and checks
   * that the parser never holds more than `bound` bytes while it waits for more. Returns the
   * error's code, or 'no error'.
   */
  function stream(prefix: string, make: (i: number) => Buffer, total: number, bound: number, limits?: Partial<Limits>): string {
    const parser = new RequestParser({ allowBareLf: true, limits });
    parser.feed(bytes(prefix));
    for (let fed = 0; fed < total; fed += 4096) {
      parser.feed(make(fed));
      for (;;) {
        const event = parser.next();
        if (event.kind === 'error') return event.error.code;
        if (event.kind === 'need-data') {
          assert.ok(parser.bufferedBytes <= bound, `${parser.bufferedBytes} bytes held after ${fed} fed`);
          break;
        }
      }
    }
    return 'no error';
  }

  const FOUR_MIB = 4 * 1024 * 1024;
  const HEAD_BOUND = Math.max(DEFAULT_LIMITS.maxStartLineBytes + 1, DEFAULT_LIMITS.maxHeaderBytes);

  it('a request line that never ends: 414, never more than the limit held', () => {
    assert.equal(stream('GET /', () => Buffer.alloc(4096, 0x61), FOUR_MIB, DEFAULT_LIMITS.maxStartLineBytes + 1), 'REQUEST_LINE_TOO_LONG');
  });

  it('a 100 KiB method in one piece, or one that never ends: 501 at its first chunk, never more than that held', () => {
    const parser = new RequestParser();
    parser.feed(Buffer.alloc(100 * 1024, 0x41));
    const event = parser.next();
    assert.ok(event.kind === 'error');
    assert.equal(event.error.code, 'METHOD_TOO_LONG');
    assert.equal(stream('', () => Buffer.alloc(4096, 0x41), FOUR_MIB, 4096), 'METHOD_TOO_LONG');
  });

  it('a header line that never ends: 431, never more than the limit held', () => {
    assert.equal(stream('GET / HTTP/1.1\r\nX: ', () => Buffer.alloc(4096, 0x61), FOUR_MIB, DEFAULT_LIMITS.maxHeaderBytes), 'HEADERS_TOO_LARGE');
  });

  it('endless small header fields: 431 by count, never more than the limit held', () => {
    const lines = bytes('X: y\r\n'.repeat(4096 / 8));
    assert.equal(stream('GET / HTTP/1.1\r\n', () => lines, FOUR_MIB, DEFAULT_LIMITS.maxHeaderBytes), 'TOO_MANY_HEADERS');
  });

  it('endless empty lines between requests: nothing held, no error', () => {
    const empty = bytes('\r\n'.repeat(2048));
    assert.equal(stream('', () => empty, FOUR_MIB, 4096), 'no error');
  });

  it('pseudo-random bytes: an error, and the parser holds no more than its limits', () => {
    for (const seed of [1, 7, 42, 0xdeadbeef, 123456789]) {
      const code = stream('', (i) => noise(4096, seed + i), FOUR_MIB, HEAD_BOUND);
      assert.notEqual(code, 'no error', `seed ${seed}`);
    }
  });

  it('a chunk-size line that never ends: refused, never more than 4 KiB and a CR held', () => {
    const head = 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;';
    assert.equal(stream(head, () => Buffer.alloc(4096, 0x61), FOUR_MIB, 4097), 'INVALID_CHUNK');
  });

  it('endless one-byte chunks: 413 at the body limit', () => {
    const chunks = bytes('1\r\na\r\n'.repeat(4096 / 8));
    const head = 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n';
    assert.equal(stream(head, () => chunks, 8 * FOUR_MIB, DEFAULT_LIMITS.maxBodyBytes + 8), 'BODY_TOO_LARGE');
  });

  it('input fed after an error is dropped, not kept', () => {
    const parser = new RequestParser();
    parser.feed(bytes('G(T / HTTP/1.1\r\n'));
    assert.equal(parser.next().kind, 'error');
    const held = parser.bufferedBytes;
    for (let i = 0; i < 1000; i++) parser.feed(Buffer.alloc(4096, 0x61));
    assert.equal(parser.bufferedBytes, held);
    assert.equal(parser.next().kind, 'error');
  });

  it('bufferedBytes counts the body bytes received, not those announced', () => {
    const chunkedParser = new RequestParser();
    chunkedParser.feed(bytes('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n0123456789'));
    assert.equal(chunkedParser.next().kind, 'head');
    assert.deepStrictEqual(chunkedParser.next(), { kind: 'need-data' });
    assert.equal(chunkedParser.bufferedBytes, 10);

    const lengthParser = new RequestParser();
    lengthParser.feed(bytes('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n0123456789'));
    assert.equal(lengthParser.next().kind, 'head');
    assert.deepStrictEqual(lengthParser.next(), { kind: 'need-data' });
    assert.equal(lengthParser.bufferedBytes, 10);
  });

  it('bufferedBytes right after a message is the unparsed input that follows it', () => {
    const parser = new RequestParser();
    parser.feed(bytes('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\nGET /'));
    assert.equal(parser.next().kind, 'head');
    assert.equal(parser.next().kind, 'message');
    assert.equal(parser.bufferedBytes, 'GET /'.length);
  });
});
