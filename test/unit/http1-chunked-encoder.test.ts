/**
 * The chunked encoder mirrors the decoder: exact bytes for chunks, extensions and trailers, and
 * what it writes decodes back to the data it was given, at every split.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkSizeLine, encodeChunked, lastChunk, RequestParser } from '../../src/http1/index.js';
import { bytes, sameEventsAtEverySplit } from './http1-helpers.js';

const HEAD = bytes('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n');
const KOREAN = Buffer.from('안녕하세요', 'utf8');

describe('chunked encoder: exact bytes', () => {
  it('a size line is lower-case hex, the extension as given', () => {
    assert.equal(chunkSizeLine(255), 'ff\r\n');
    assert.equal(chunkSizeLine(16, ';a=1'), '10;a=1\r\n');
  });

  it('the last chunk: 0, its extension, the trailers in order, the empty line', () => {
    assert.equal(lastChunk(), '0\r\n\r\n');
    assert.equal(lastChunk({ extension: ';end', trailers: [['X-A', '1'], ['x-a', '2']] }), '0;end\r\nX-A: 1\r\nx-a: 2\r\n\r\n');
  });

  it('chunks, then the last chunk', () => {
    const out = encodeChunked([{ data: bytes('hello') }, { data: bytes('0123456789abcdef'), extension: ' ;x' }], { trailers: [['T', 'v']] });
    assert.deepStrictEqual(out, bytes('5\r\nhello\r\n10 ;x\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n'));
  });

  it('no chunks: only the last chunk', () => {
    assert.deepStrictEqual(encodeChunked([]), bytes('0\r\n\r\n'));
  });

  it('malformed parts are written as given: a fuzzer sends them on purpose', () => {
    assert.deepStrictEqual(encodeChunked([{ data: bytes('a'), extension: 'zz' }], { trailers: [['Bad Name', 'a\r\n b']] }), bytes('1zz\r\na\r\n0\r\nBad Name: a\r\n b\r\n\r\n'));
  });
});

describe('chunked encoder and decoder round trip', () => {
  it('Korean cut mid-character, extensions and trailers decode to the data, at every split', () => {
    const body = encodeChunked(
      [{ data: KOREAN.subarray(0, 4) }, { data: KOREAN.subarray(4), extension: ';n="v; w"' }],
      { extension: ';last', trailers: [['X-Checksum', 'abc']] },
    );
    const events = sameEventsAtEverySplit(() => new RequestParser(), Buffer.concat([HEAD, body]), assert.deepStrictEqual, { end: true });
    const message = events.find((event) => event.kind === 'message');
    assert.ok(message?.kind === 'message');
    assert.deepStrictEqual(message.body, KOREAN);
  });
});
