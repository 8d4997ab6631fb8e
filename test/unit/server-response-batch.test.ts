/** ResponseBatch: what one write of a chunk's responses hands to the socket. */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, test } from 'node:test';
import { ResponseBatch } from '../../src/server/response-batch.js';

/** A stand-in socket that records each write (and whether it came while corked). */
function recordingSocket(): { socket: Socket; writes: Array<{ bytes: Buffer; corked: boolean }> } {
  const writes: Array<{ bytes: Buffer; corked: boolean }> = [];
  let corked = false;
  const socket = {
    write: (bytes: Buffer) => writes.push({ bytes, corked }) > 0,
    cork: () => (corked = true),
    uncork: () => (corked = false),
  } as unknown as Socket;
  return { socket, writes };
}

describe('ResponseBatch', () => {
  test('empty: nothing is written', () => {
    const { socket, writes } = recordingSocket();
    new ResponseBatch().writeTo(socket);
    assert.equal(writes.length, 0);
  });

  test('one buffer is written as it is, not copied', () => {
    const { socket, writes } = recordingSocket();
    const batch = new ResponseBatch();
    const response = Buffer.from('HTTP/1.1 200 OK\r\n\r\n');
    batch.push(response);
    assert.equal(batch.bytes, response.length);
    batch.writeTo(socket);
    assert.equal(writes.length, 1);
    assert.equal(writes[0]!.bytes, response);
  });

  test('small buffers go out as one, in order; the batch is empty afterwards', () => {
    const { socket, writes } = recordingSocket();
    const batch = new ResponseBatch();
    batch.push(Buffer.from('a'));
    batch.push(Buffer.from('b'), Buffer.from('c'));
    batch.writeTo(socket);
    assert.deepEqual(writes.map((w) => w.bytes.toString()), ['abc']);
    assert.equal(batch.bytes, 0);
    batch.writeTo(socket);
    assert.equal(writes.length, 1, 'nothing written twice');
  });

  test('past 64 KiB the buffers go out as they are, corked into one writev', () => {
    const { socket, writes } = recordingSocket();
    const batch = new ResponseBatch();
    const head = Buffer.from('head');
    const body = Buffer.alloc(70 * 1024, 0x61);
    batch.push(head, body);
    batch.writeTo(socket);
    assert.equal(writes.length, 2);
    assert.equal(writes[0]!.bytes, head);
    assert.equal(writes[1]!.bytes, body);
    assert.ok(writes.every((w) => w.corked));
  });

  test('a body larger than 16 KiB is handed over as it is, even in a write under 64 KiB: shared, never copied', () => {
    const { socket, writes } = recordingSocket();
    const batch = new ResponseBatch();
    const head = Buffer.from('head');
    const body = Buffer.alloc(40 * 1024, 0x61);
    batch.push(head, body);
    batch.writeTo(socket);
    assert.deepEqual(writes.map((w) => w.bytes), [head, body]);
    assert.equal(writes[1]!.bytes, body);
    batch.push(Buffer.from('a'));
    batch.push(Buffer.from('b'));
    batch.writeTo(socket);
    assert.equal(writes.at(-1)!.bytes.toString(), 'ab', 'the next write coalesces again');
  });
});
