/**
 * IP datagrams around TCP segments, for a capture: IPv4 (RFC 791) or IPv6 (RFC 8200) headers
 * and the Internet checksum (RFC 1071) that TCP's pseudo-header sum also uses.
 */
import { isIPv4, isIPv6 } from 'node:net';

export const PROTOCOL_TCP = 6;
const TTL = 64;
const IPV4_HEADER_BYTES = 20;
const IPV6_HEADER_BYTES = 40;
/** IPv4's Don't Fragment flag: what a TCP stack with path MTU discovery sets. */
const DONT_FRAGMENT = 0x4000;

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpAddress = Buffer;

/**
 * The bytes of a textual address, an IPv4-mapped IPv6 one as IPv4; undefined when it is neither
 * (a host name, an empty string).
 */
export function maybeIpAddress(text: string): IpAddress | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text)?.[1];
  if (mapped !== undefined) return maybeIpAddress(mapped);
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  if (isIPv6(text)) return ipv6Bytes(text.replace(/%.*$/, ''));
  return undefined;
}

function ipv6Bytes(text: string): IpAddress {
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const pieces = part.split(':');
    const last = pieces.at(-1) ?? '';
    if (!last.includes('.')) return pieces.map((piece) => parseInt(piece, 16));
    // An embedded IPv4 address is the last two groups.
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    return [...pieces.slice(0, -1).map((piece) => parseInt(piece, 16)), (a << 8) | b, (c << 8) | d];
  };
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}

/** The one's complement of the one's complement sum of the bytes as 16-bit words, an odd last byte padded with zero. */
export function internetChecksum(...parts: readonly Buffer[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const part of parts) {
    for (const byte of part) {
      if (odd === undefined) odd = byte;
      else {
        sum += (odd << 8) | byte;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  // A Number holds the sum exactly up to 2^53, a part of petabytes; each fold at least halves it.
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** The pseudo-header a TCP checksum covers besides the segment: the addresses, the protocol, the segment's length. */
export function pseudoHeader(source: IpAddress, destination: IpAddress, protocol: number, length: number): Buffer {
  if (source.length === 4) {
    const header = Buffer.alloc(12);
    source.copy(header, 0);
    destination.copy(header, 4);
    header.writeUInt8(protocol, 9);
    header.writeUInt16BE(length, 10);
    return header;
  }
  const header = Buffer.alloc(40);
  source.copy(header, 0);
  destination.copy(header, 16);
  header.writeUInt32BE(length, 32);
  header.writeUInt8(protocol, 39);
  return header;
}

export interface IpDatagram {
  readonly source: IpAddress;
  readonly destination: IpAddress;
  readonly protocol: number;
  /** IPv4's identification field; IPv6 has none outside fragments. */
  readonly identification: number;
  readonly payload: Buffer;
}

/** The datagram with its header: IPv4 when the addresses are 4 bytes, with the header checksum; else IPv6. */
export function ipDatagram(datagram: IpDatagram): Buffer {
  return datagram.source.length === 4 ? ipv4Datagram(datagram) : ipv6Datagram(datagram);
}

function ipv4Datagram({ source, destination, protocol, identification, payload }: IpDatagram): Buffer {
  const header = Buffer.alloc(IPV4_HEADER_BYTES);
  header.writeUInt8(0x45, 0); // version 4, five 32-bit words of header
  header.writeUInt16BE(IPV4_HEADER_BYTES + payload.length, 2);
  header.writeUInt16BE(identification & 0xffff, 4);
  header.writeUInt16BE(DONT_FRAGMENT, 6);
  header.writeUInt8(TTL, 8);
  header.writeUInt8(protocol, 9);
  source.copy(header, 12);
  destination.copy(header, 16);
  header.writeUInt16BE(internetChecksum(header), 10);
  return Buffer.concat([header, payload]);
}

function ipv6Datagram({ source, destination, protocol, payload }: IpDatagram): Buffer {
  const header = Buffer.alloc(IPV6_HEADER_BYTES);
  header.writeUInt32BE(0x60000000, 0); // version 6, no traffic class, no flow label
  header.writeUInt16BE(payload.length, 4);
  header.writeUInt8(protocol, 6);
  header.writeUInt8(TTL, 7);
  source.copy(header, 8);
  destination.copy(header, 24);
  return Buffer.concat([header, payload]);
}
