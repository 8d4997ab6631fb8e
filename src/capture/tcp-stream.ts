/**
 * One connection's transcript as the packets a capture on the client would have shown: the
 * three-way handshake, each write and each read as data segments of at most one MSS with the
 * peer's ACKs, and the close (FIN from whoever closed first, answered in kind) or the reset.
 * The bytes are the real ones and the times the transcript's; what the kernel did below the
 * socket (its own segmentation, window updates, retransmissions) was never seen, so it is made
 * up the simplest believable way.
 */
import type { ConnectedEndpoints, Transcript } from '../client/transcript.js';
import { ipDatagram, maybeIpAddress, PROTOCOL_TCP, type IpAddress } from './ip-packet.js';
import type { CapturedPacket } from './pcapng.js';
import { TCP_FLAG, tcpSegmentBytes } from './tcp-segment.js';

/** Ethernet's 1500-byte MTU less the IPv4 and TCP headers. */
export const MSS = 1460;
/** The receiver acknowledges a long write at least this often, in segments: well inside its window. */
export const ACK_EVERY_SEGMENTS = 16;
const WINDOW = 65535;

type Side = 'client' | 'server';

interface End {
  readonly address: IpAddress;
  readonly port: number;
  /** The sequence number of the next byte it sends. */
  next: number;
  identification: number;
}

/** Something one side put on the wire: a write of the client or a read of what the server sent. */
interface Transfer {
  readonly atMs: number;
  readonly from: Side;
  readonly bytes: Buffer;
}

export interface ConversationOptions {
  /** Shown on the connection's SYN as the packet's comment, e.g. the scenario it belongs to. */
  readonly comment?: string;
}

/** The packets of the transcript's connection, in order; none for a connection never established. */
export function tcpConversation(transcript: Transcript, options: ConversationOptions = {}): CapturedPacket[] {
  const { connected } = transcript;
  const ends = connected === undefined ? undefined : endsOf(connected);
  if (connected === undefined || ends === undefined) return [];
  const stream = new SegmentWriter(Date.parse(transcript.startedAt) * 1000, ends.client, ends.server);
  stream.emit(0, 'client', TCP_FLAG.syn, { mss: MSS, ...(options.comment === undefined ? {} : { comment: options.comment }) });
  stream.emit(connected.atMs, 'server', TCP_FLAG.syn | TCP_FLAG.ack, { mss: MSS });
  stream.emit(connected.atMs, 'client', TCP_FLAG.ack);
  const all = transfers(transcript);
  for (const transfer of all) stream.transfer(transfer);
  const { closed } = transcript;
  if (closed === undefined) return stream.packets;
  // A write that failed on a closed connection is still in the transcript: the close comes after it, so that time runs forward.
  const atMs = Math.max(closed.atMs, all.at(-1)?.atMs ?? 0);
  if (closed.reset) {
    stream.emit(atMs, 'server', TCP_FLAG.rst | TCP_FLAG.ack);
    return stream.packets;
  }
  // A node socket ends its own side as soon as the peer's FIN arrives (allowHalfOpen is off).
  const first = closed.by;
  stream.emit(atMs, first, TCP_FLAG.fin | TCP_FLAG.ack);
  stream.emit(atMs, other(first), TCP_FLAG.fin | TCP_FLAG.ack);
  stream.emit(atMs, first, TCP_FLAG.ack);
  return stream.packets;
}

/** The client's writes and reads in the order they happened; at the same time, a write before a read. */
function transfers(transcript: Transcript): Transfer[] {
  const sent = transcript.sent.map((fragment): Transfer => ({ atMs: fragment.atMs, from: 'client', bytes: fragment.bytes }));
  const received = transcript.received.map((chunk): Transfer => ({ atMs: chunk.atMs, from: 'server', bytes: chunk.bytes }));
  // Array.prototype.sort is stable: each side keeps its own order.
  return [...sent, ...received].sort((a, b) => a.atMs - b.atMs);
}

function endsOf(connected: ConnectedEndpoints): { client: End; server: End } | undefined {
  const client = maybeIpAddress(connected.localAddress);
  const server = maybeIpAddress(connected.remoteAddress);
  if (client === undefined || server === undefined || client.length !== server.length) return undefined;
  return {
    client: { address: client, port: connected.localPort, next: initialSequence(connected.localPort, connected.remotePort, 1), identification: 1 },
    server: { address: server, port: connected.remotePort, next: initialSequence(connected.localPort, connected.remotePort, 2), identification: 1 },
  };
}

/** A fixed function of the ports, so that the same transcript always gives the same capture. */
function initialSequence(clientPort: number, serverPort: number, side: number): number {
  return Math.imul((clientPort << 16) ^ serverPort ^ side, 0x9e3779b1) >>> 0;
}

function other(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

class SegmentWriter {
  readonly packets: CapturedPacket[] = [];

  constructor(
    private readonly originUs: number,
    private readonly client: End,
    private readonly server: End,
  ) {}

  /** A write or a read: segments of at most one MSS, the last pushed, and the receiver's ACKs. */
  transfer({ atMs, from, bytes }: Transfer): void {
    const count = Math.ceil(bytes.length / MSS);
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      this.emit(atMs, from, last ? TCP_FLAG.psh | TCP_FLAG.ack : TCP_FLAG.ack, { payload: bytes.subarray(i * MSS, (i + 1) * MSS) });
      if (last || (i + 1) % ACK_EVERY_SEGMENTS === 0) this.emit(atMs, other(from), TCP_FLAG.ack);
    }
  }

  /** One segment from `from`, acknowledging all the peer has sent (but on the first SYN). */
  emit(atMs: number, from: Side, flags: number, extra: { payload?: Buffer; mss?: number; comment?: string } = {}): void {
    const source = from === 'client' ? this.client : this.server;
    const destination = from === 'client' ? this.server : this.client;
    const payload = extra.payload ?? Buffer.alloc(0);
    const segment = tcpSegmentBytes(
      {
        sourcePort: source.port,
        destinationPort: destination.port,
        sequence: source.next,
        acknowledgment: flags & TCP_FLAG.ack ? destination.next : 0,
        flags,
        window: WINDOW,
        ...(extra.mss === undefined ? {} : { mss: extra.mss }),
        payload,
      },
      source.address,
      destination.address,
    );
    // SYN and FIN take a sequence number each, as a byte would.
    source.next = (source.next + payload.length + (flags & (TCP_FLAG.syn | TCP_FLAG.fin) ? 1 : 0)) >>> 0;
    const data = ipDatagram({ source: source.address, destination: destination.address, protocol: PROTOCOL_TCP, identification: source.identification++, payload: segment });
    const timestampUs = this.originUs + Math.round(atMs * 1000);
    this.packets.push(extra.comment === undefined ? { timestampUs, data } : { timestampUs, data, comment: extra.comment });
  }
}
