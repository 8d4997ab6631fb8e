/**
 * pcapng, sans I/O: the blocks of a capture file as bytes, and those bytes read back.
 * One section, one interface, little-endian, microsecond timestamps (the format's default
 * resolution, so the interface carries no if_tsresol). Block layouts: draft-ietf-opsawg-pcapng.
 */

export const BLOCK_TYPE = { sectionHeader: 0x0a0d0d0a, interfaceDescription: 0x00000001, enhancedPacket: 0x00000006 } as const;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** The packets are IPv4 or IPv6 datagrams without a link-layer header, the version nibble telling which. */
export const LINKTYPE_RAW = 101;

const OPTION = { endOfOptions: 0, comment: 1, shbUserApplication: 4 } as const;
/** Block type, block total length, then the same length again after the body. */
const BLOCK_OVERHEAD = 12;

/** One packet as a capture holds it. */
export interface CapturedPacket {
  /** Microseconds since the Unix epoch (a Number holds them exactly until the year 2255). */
  readonly timestampUs: number;
  readonly data: Buffer;
  /** Shown by Wireshark as the packet's comment (`frame.comment`). */
  readonly comment?: string;
}

export interface Capture {
  readonly linkType: number;
  readonly packets: readonly CapturedPacket[];
}

/** The Section Header Block that opens a file: byte-order magic, version 1.0, section length unknown. */
export function sectionHeaderBlock(application: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8);
  return block(BLOCK_TYPE.sectionHeader, fixed, options([[OPTION.shbUserApplication, application]]));
}

/** The Interface Description Block for interface 0; a snap length of 0 means packets are never cut. */
export function interfaceDescriptionBlock(linkType: number): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(linkType, 0);
  fixed.writeUInt32LE(0, 4);
  return block(BLOCK_TYPE.interfaceDescription, fixed, Buffer.alloc(0));
}

/** One Enhanced Packet Block on interface 0, the packet whole. */
export function enhancedPacketBlock(packet: CapturedPacket): Buffer {
  const fixed = Buffer.alloc(20);
  const timestamp = BigInt(packet.timestampUs);
  fixed.writeUInt32LE(0, 0);
  fixed.writeUInt32LE(Number(timestamp >> 32n), 4);
  fixed.writeUInt32LE(Number(timestamp & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.data.length, 12);
  fixed.writeUInt32LE(packet.data.length, 16);
  const opts = packet.comment === undefined ? Buffer.alloc(0) : options([[OPTION.comment, packet.comment]]);
  return block(BLOCK_TYPE.enhancedPacket, Buffer.concat([fixed, padded(packet.data)]), opts);
}

/** A whole file's blocks: its header, its interface, its packets in the order given. */
export function* pcapngBlocks(capture: Capture, application: string): Generator<Buffer> {
  yield sectionHeaderBlock(application);
  yield interfaceDescriptionBlock(capture.linkType);
  for (const packet of capture.packets) yield enhancedPacketBlock(packet);
}

/** Thrown for bytes that are not a pcapng file this module writes. */
export class PcapngFormatError extends Error {
  override readonly name = 'PcapngFormatError';
}

/**
 * Reads a file of one little-endian section with one interface back: its link type and packets
 * with their comments. Blocks of other types are passed over.
 */
export function readPcapng(bytes: Buffer): Capture {
  let linkType: number | undefined;
  const packets: CapturedPacket[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < BLOCK_OVERHEAD) throw new PcapngFormatError(`a truncated block at byte ${offset}`);
    const type = bytes.readUInt32LE(offset);
    const length = bytes.readUInt32LE(offset + 4);
    if (length < BLOCK_OVERHEAD || length % 4 !== 0 || offset + length > bytes.length) throw new PcapngFormatError(`a block length of ${length} at byte ${offset}`);
    if (bytes.readUInt32LE(offset + length - 4) !== length) throw new PcapngFormatError(`the block at byte ${offset} ends with another length`);
    const body = bytes.subarray(offset + 8, offset + length - 4);
    if (offset === 0 && (type !== BLOCK_TYPE.sectionHeader || body.readUInt32LE(0) !== BYTE_ORDER_MAGIC)) throw new PcapngFormatError('not a little-endian pcapng section');
    if (type === BLOCK_TYPE.interfaceDescription) {
      if (linkType !== undefined) throw new PcapngFormatError('more than one interface');
      linkType = body.readUInt16LE(0);
    } else if (type === BLOCK_TYPE.enhancedPacket) {
      packets.push(packetOf(body));
    }
    offset += length;
  }
  if (linkType === undefined) throw new PcapngFormatError('no interface description');
  return { linkType, packets };
}

function packetOf(body: Buffer): CapturedPacket {
  const timestampUs = Number((BigInt(body.readUInt32LE(4)) << 32n) | BigInt(body.readUInt32LE(8)));
  const captured = body.readUInt32LE(12);
  const data = Buffer.from(body.subarray(20, 20 + captured));
  const comment = optionValues(body.subarray(20 + paddedLength(captured))).get(OPTION.comment);
  return comment === undefined ? { timestampUs, data } : { timestampUs, data, comment: comment.toString('utf8') };
}

function optionValues(bytes: Buffer): Map<number, Buffer> {
  const values = new Map<number, Buffer>();
  // Each option advances by at least its 4-byte header.
  for (let at = 0; at + 4 <= bytes.length; ) {
    const code = bytes.readUInt16LE(at);
    const length = bytes.readUInt16LE(at + 2);
    if (code === OPTION.endOfOptions) break;
    values.set(code, bytes.subarray(at + 4, at + 4 + length));
    at += 4 + paddedLength(length);
  }
  return values;
}

/** Options as pcapng lays them out: code, length, value padded to 32 bits, and the end-of-options marker. */
function options(entries: readonly (readonly [number, string])[]): Buffer {
  const parts = entries.map(([code, text]) => {
    const value = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt16LE(code, 0);
    header.writeUInt16LE(value.length, 2);
    return Buffer.concat([header, padded(value)]);
  });
  return Buffer.concat([...parts, Buffer.alloc(4)]);
}

function block(type: number, body: Buffer, opts: Buffer): Buffer {
  const length = BLOCK_OVERHEAD + body.length + opts.length;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(length, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(length, 0);
  return Buffer.concat([head, body, opts, tail]);
}

function padded(bytes: Buffer): Buffer {
  const padding = paddedLength(bytes.length) - bytes.length;
  return padding === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(padding)]);
}

function paddedLength(length: number): number {
  return Math.ceil(length / 4) * 4;
}
