/** The pcapng blocks, field by field, and the reader that reads them back. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BLOCK_TYPE,
  BYTE_ORDER_MAGIC,
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  LINKTYPE_RAW,
  pcapngBlocks,
  PcapngFormatError,
  readPcapng,
  sectionHeaderBlock,
} from '../../src/capture/pcapng.js';

/** Every block starts with its type and length and ends with the length again. */
function assertFramed(block: Buffer, type: number): void {
  assert.equal(block.readUInt32LE(0), type);
  assert.equal(block.readUInt32LE(4), block.length);
  assert.equal(block.readUInt32LE(block.length - 4), block.length);
  assert.equal(block.length % 4, 0);
}

describe('pcapng blocks', () => {
  test('the section header: magic, version 1.0, length unknown, the application, the end of options', () => {
    const block = sectionHeaderBlock('wirecheck');
    assertFramed(block, BLOCK_TYPE.sectionHeader);
    assert.equal(block.length, 12 + 16 + 4 + 12 + 4);
    assert.equal(block.readUInt32LE(8), BYTE_ORDER_MAGIC);
    assert.deepEqual([block.readUInt16LE(12), block.readUInt16LE(14)], [1, 0]);
    assert.equal(block.readBigInt64LE(16), -1n);
    // shb_userappl (4), 9 bytes, padded to 12
    assert.deepEqual([block.readUInt16LE(24), block.readUInt16LE(26)], [4, 9]);
    assert.equal(block.subarray(28, 37).toString(), 'wirecheck');
    assert.deepEqual([...block.subarray(37, 40)], [0, 0, 0]);
    assert.deepEqual([block.readUInt16LE(40), block.readUInt16LE(42)], [0, 0]);
  });

  test('the interface: raw IP, no snap length, no options', () => {
    const block = interfaceDescriptionBlock(LINKTYPE_RAW);
    assertFramed(block, BLOCK_TYPE.interfaceDescription);
    assert.equal(block.length, 20);
    assert.equal(block.readUInt16LE(8), 101);
    assert.equal(block.readUInt16LE(10), 0);
    assert.equal(block.readUInt32LE(12), 0);
  });

  test('an enhanced packet: interface 0, the timestamp in two halves, the lengths, the data padded', () => {
    const timestampUs = 1_700_000_000_123_456;
    const block = enhancedPacketBlock({ timestampUs, data: Buffer.from([1, 2, 3, 4, 5]) });
    assertFramed(block, BLOCK_TYPE.enhancedPacket);
    assert.equal(block.length, 12 + 20 + 8);
    assert.equal(block.readUInt32LE(8), 0);
    assert.equal(block.readUInt32LE(12) * 2 ** 32 + block.readUInt32LE(16), timestampUs);
    assert.deepEqual([block.readUInt32LE(20), block.readUInt32LE(24)], [5, 5]);
    assert.deepEqual([...block.subarray(28, 36)], [1, 2, 3, 4, 5, 0, 0, 0]);
  });

  test('a packet comment is an opt_comment option, then the end of options', () => {
    const block = enhancedPacketBlock({ timestampUs: 0, data: Buffer.alloc(4), comment: 'scénario' });
    assertFramed(block, BLOCK_TYPE.enhancedPacket);
    const options = block.subarray(32, block.length - 4);
    assert.deepEqual([options.readUInt16LE(0), options.readUInt16LE(2)], [1, Buffer.byteLength('scénario')]);
    assert.equal(options.subarray(4, 13).toString(), 'scénario');
    assert.deepEqual([options.readUInt16LE(options.length - 4), options.readUInt16LE(options.length - 2)], [0, 0]);
    assert.equal(options.length, 4 + 12 + 4);
  });
});

describe('readPcapng', () => {
  const packets = [
    { timestampUs: 1_700_000_000_000_001, data: Buffer.from('abc') },
    { timestampUs: 1_700_000_000_000_002, data: Buffer.alloc(1500, 7), comment: 'scenario: x' },
  ];
  const file = Buffer.concat([...pcapngBlocks({ linkType: LINKTYPE_RAW, packets }, 'wirecheck')]);

  test('gives back the link type, every packet, its time and its comment', () => {
    assert.deepEqual(readPcapng(file), { linkType: LINKTYPE_RAW, packets });
  });

  test('refuses what is not one of its files, saying where', () => {
    assert.throws(() => readPcapng(file.subarray(28)), PcapngFormatError);
    assert.throws(() => readPcapng(file.subarray(0, file.length - 2)), /truncated block|block length/);
    const corrupt = Buffer.from(file);
    corrupt.writeUInt32LE(0, file.length - 4);
    assert.throws(() => readPcapng(corrupt), /ends with another length/);
    assert.throws(() => readPcapng(sectionHeaderBlock('x')), /no interface description/);
  });
});
