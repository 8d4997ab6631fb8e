/** A TCP segment's bytes (RFC 9293 §3.1), its checksum over the IP pseudo-header included. */
import { internetChecksum, PROTOCOL_TCP, pseudoHeader, type IpAddress } from './ip-packet.js';

export const TCP_FLAG = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

const HEADER_BYTES = 20;
const OPTION_MSS = 2;
const MSS_OPTION_BYTES = 4;

export interface TcpSegment {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequence: number;
  /** Zero unless the ACK flag is set. */
  readonly acknowledgment: number;
  readonly flags: number;
  readonly window: number;
  /** The maximum segment size announced, on a SYN. */
  readonly mss?: number;
  readonly payload: Buffer;
}

export function tcpSegmentBytes(segment: TcpSegment, source: IpAddress, destination: IpAddress): Buffer {
  const optionBytes = segment.mss === undefined ? 0 : MSS_OPTION_BYTES;
  const header = Buffer.alloc(HEADER_BYTES + optionBytes);
  header.writeUInt16BE(segment.sourcePort, 0);
  header.writeUInt16BE(segment.destinationPort, 2);
  header.writeUInt32BE(segment.sequence >>> 0, 4);
  header.writeUInt32BE(segment.acknowledgment >>> 0, 8);
  header.writeUInt8((header.length / 4) << 4, 12);
  header.writeUInt8(segment.flags, 13);
  header.writeUInt16BE(segment.window, 14);
  if (segment.mss !== undefined) {
    header.writeUInt8(OPTION_MSS, HEADER_BYTES);
    header.writeUInt8(MSS_OPTION_BYTES, HEADER_BYTES + 1);
    header.writeUInt16BE(segment.mss, HEADER_BYTES + 2);
  }
  const length = header.length + segment.payload.length;
  header.writeUInt16BE(internetChecksum(pseudoHeader(source, destination, PROTOCOL_TCP, length), header, segment.payload), 16);
  return Buffer.concat([header, segment.payload]);
}
