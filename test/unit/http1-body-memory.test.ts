/**
 * What a body in progress costs, whatever the pieces it comes in (issue 14, defect 2): a chunked
 * body of 1,048,576 one-byte chunks, or a Content-Length body fed one byte at a time, must hold
 * about its own length, not a Buffer per piece or the input it came in. Measured as the V8 heap
 * plus ArrayBuffer memory after a full collection, with the body one byte short of complete.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RequestParser } from '../../src/http1/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** 10,922 one-byte chunks (64 KiB less 4 bytes), fed again and again: the input costs nothing as it goes. */
const ONE_BYTE_CHUNKS = Buffer.from('1\r\na\r\n'.repeat(10_922));
const BLOCKS = 96;
/** 1,048,512 bytes: the body the blocks make. */
const BODY = BLOCKS * 10_922;
/** Twice the body (a buffer that doubles) plus room for the parser and the test's own objects. */
const BOUND = 2 * BODY + 1024 * 1024;

function retainedMemory(): number {
  // Twice: ArrayBuffers freed by one collection may be counted until the next.
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Feeds `input` `times` times over, `pieces` bytes at a time (views of it: the input itself costs nothing new). */
function feedInPieces(parser: RequestParser, input: Buffer, pieces: number, times = 1): void {
  for (let time = 0; time < times; time++) {
    for (let at = 0; at < input.length; at += pieces) {
      parser.feed(input.subarray(at, at + pieces));
      assert.equal(parser.next().kind, 'need-data');
    }
  }
}

describe('a body in many small pieces holds about its length', () => {
  for (const pieces of [65536, 7]) {
    it(`1 MiB of one-byte chunks fed ${pieces} bytes at a time`, () => {
      const parser = new RequestParser();
      parser.feed(Buffer.from('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n'));
      assert.equal(parser.next().kind, 'head');
      const before = retainedMemory();
      feedInPieces(parser, ONE_BYTE_CHUNKS, pieces, BLOCKS);
      const held = retainedMemory() - before;
      assert.ok(held <= BOUND, `${(held / 2 ** 20).toFixed(1)} MiB held for a 1 MiB body`);
      parser.feed(Buffer.from('0\r\n\r\n'));
      const event = parser.next();
      assert.ok(event.kind === 'message');
      assert.deepEqual(event.body, Buffer.alloc(BODY, 'a'));
    });
  }

  it('a 1 MiB Content-Length body fed one byte at a time', () => {
    const body = Buffer.alloc(BODY, 'b');
    retainedMemory();
    const parser = new RequestParser();
    parser.feed(Buffer.from(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${BODY}\r\n\r\n`));
    assert.equal(parser.next().kind, 'head');
    const before = retainedMemory();
    feedInPieces(parser, body.subarray(0, BODY - 1), 1);
    const held = retainedMemory() - before;
    assert.ok(held <= BOUND, `${(held / 2 ** 20).toFixed(1)} MiB held for a 1 MiB body`);
    parser.feed(body.subarray(BODY - 1));
    const event = parser.next();
    assert.ok(event.kind === 'message');
    assert.deepEqual(event.body, body);
  });

  it('a body that arrives in one piece is that piece, not a copy', () => {
    const input = Buffer.from('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello');
    const parser = new RequestParser();
    parser.feed(input);
    assert.equal(parser.next().kind, 'head');
    const event = parser.next();
    assert.ok(event.kind === 'message');
    assert.equal(event.body.buffer, input.buffer);
    assert.equal(event.body.toString(), 'hello');
  });
});
