/**
 * A transcript as TCP/IP packets: the handshake, data at most one MSS a segment, the peer's ACKs,
 * sequence and acknowledgment numbers, checksums that verify, the close or the reset; and the
 * client port of a real connection.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { Connection, type Transcript } from '../../src/client/index.js';
import { internetChecksum, maybeIpAddress, pseudoHeader } from '../../src/capture/ip-packet.js';
import type { CapturedPacket } from '../../src/capture/pcapng.js';
import { ACK_EVERY_SEGMENTS, MSS, tcpConversation } from '../../src/capture/tcp-stream.js';

const STARTED = '2024-05-01T12:00:00.000Z';
const ORIGIN_US = Date.parse(STARTED) * 1000;
const REQUEST = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
const RESPONSE = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n'), Buffer.alloc(3000, 'a')]);

function transcript(overrides: Partial<Transcript> = {}): Transcript {
  return {
    host: 'localhost',
    port: 8080,
    startedAt: STARTED,
    connected: { atMs: 1, localAddress: '127.0.0.1', localPort: 50123, remoteAddress: '127.0.0.1', remotePort: 8080 },
    sent: [{ atMs: 2, sendIndex: 0, bytes: REQUEST }],
    received: [{ atMs: 3.5, offset: 0, bytes: RESPONSE }],
    responses: [],
    closed: { atMs: 4, by: 'server', reset: false },
    errors: [],
    ...overrides,
  };
}

const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK'] as const;

interface Decoded {
  readonly atUs: number;
  readonly source: string;
  readonly destination: string;
  readonly flags: string;
  readonly sequence: number;
  readonly acknowledgment: number;
  readonly payload: Buffer;
  readonly comment: string | undefined;
}

/** Reads a packet back, checking its IP lengths and both checksums on the way. */
function decode(packet: CapturedPacket): Decoded {
  const { data } = packet;
  const version = data[0]! >> 4;
  let ipHeader: number;
  let source: Buffer;
  let destination: Buffer;
  if (version === 4) {
    ipHeader = (data[0]! & 0x0f) * 4;
    assert.equal(data.readUInt16BE(2), data.length, 'IPv4 total length');
    assert.equal(data[9], 6, 'protocol TCP');
    assert.equal(internetChecksum(data.subarray(0, ipHeader)), 0, 'IPv4 header checksum');
    [source, destination] = [data.subarray(12, 16), data.subarray(16, 20)];
  } else {
    assert.equal(version, 6);
    ipHeader = 40;
    assert.equal(data.readUInt16BE(4), data.length - 40, 'IPv6 payload length');
    assert.equal(data[6], 6, 'next header TCP');
    [source, destination] = [data.subarray(8, 24), data.subarray(24, 40)];
  }
  const segment = data.subarray(ipHeader);
  assert.equal(internetChecksum(pseudoHeader(source, destination, 6, segment.length), segment), 0, 'TCP checksum');
  const flags = FLAG_NAMES.filter((_, bit) => segment[13]! & (1 << bit)).join('+');
  return {
    atUs: packet.timestampUs - ORIGIN_US,
    source: `${source.toString('hex')}:${segment.readUInt16BE(0)}`,
    destination: `${destination.toString('hex')}:${segment.readUInt16BE(2)}`,
    flags,
    sequence: segment.readUInt32BE(4),
    acknowledgment: segment.readUInt32BE(8),
    payload: segment.subarray((segment[12]! >> 4) * 4),
    comment: packet.comment,
  };
}

const CLIENT = '7f000001:50123';
const SERVER = '7f000001:8080';

describe('tcpConversation', () => {
  test('handshake, request, response in MSS segments with an ACK each way, FIN by the server first', () => {
    const packets = tcpConversation(transcript(), { comment: 'scenario: one' }).map(decode);
    assert.deepEqual(
      packets.map((p) => [p.source === CLIENT ? 'c' : 's', p.flags, p.payload.length, p.atUs]),
      [
        ['c', 'SYN', 0, 0],
        ['s', 'SYN+ACK', 0, 1000],
        ['c', 'ACK', 0, 1000],
        ['c', 'PSH+ACK', REQUEST.length, 2000],
        ['s', 'ACK', 0, 2000],
        ['s', 'ACK', MSS, 3500],
        ['s', 'ACK', MSS, 3500],
        ['s', 'PSH+ACK', RESPONSE.length - 2 * MSS, 3500],
        ['c', 'ACK', 0, 3500],
        ['s', 'FIN+ACK', 0, 4000],
        ['c', 'FIN+ACK', 0, 4000],
        ['s', 'ACK', 0, 4000],
      ],
    );
    for (const p of packets) assert.equal(p.source === CLIENT ? p.destination : p.source, SERVER);
    assert.deepEqual(Buffer.concat(packets.filter((p) => p.source === CLIENT).map((p) => p.payload)), REQUEST);
    assert.deepEqual(Buffer.concat(packets.filter((p) => p.source === SERVER).map((p) => p.payload)), RESPONSE);
    assert.deepEqual(
      packets.map((p) => p.comment),
      ['scenario: one', ...Array<undefined>(packets.length - 1).fill(undefined)],
    );
  });

  test('sequence numbers count every byte and the SYN and FIN; each ACK names the peer next byte', () => {
    const packets = tcpConversation(transcript()).map(decode);
    const clientIsn = packets[0]!.sequence;
    const serverIsn = packets[1]!.sequence;
    const relative = packets.map((p) => {
      const [own, peer] = p.source === CLIENT ? [clientIsn, serverIsn] : [serverIsn, clientIsn];
      return [(p.sequence - own) >>> 0, p.flags.includes('ACK') ? (p.acknowledgment - peer) >>> 0 : 0];
    });
    const request = REQUEST.length;
    const response = RESPONSE.length;
    assert.deepEqual(relative, [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 1 + request],
      [1, 1 + request],
      [1 + MSS, 1 + request],
      [1 + 2 * MSS, 1 + request],
      [1 + request, 1 + response],
      [1 + response, 1 + request],
      [1 + request, 2 + response],
      [2 + response, 2 + request],
    ]);
  });

  test('the same transcript gives the same packets', () => {
    assert.deepEqual(tcpConversation(transcript()), tcpConversation(transcript()));
  });

  test('a long write is acknowledged every few segments and at its end', () => {
    const count = 2 * ACK_EVERY_SEGMENTS + 3;
    const packets = tcpConversation(transcript({ sent: [{ atMs: 2, sendIndex: 0, bytes: Buffer.alloc(count * MSS) }], received: [], closed: undefined })).map(decode);
    const acks = packets.slice(3).flatMap((p, i) => (p.source === SERVER ? [i] : []));
    assert.deepEqual(acks, [ACK_EVERY_SEGMENTS, 2 * ACK_EVERY_SEGMENTS + 1, count + 2]);
    assert.equal(packets.length, 3 + count + 3, 'no close while the transcript has none');
  });

  test('a reset by the server is its RST; a close by the client starts with the client FIN', () => {
    const reset = tcpConversation(transcript({ closed: { atMs: 4, by: 'server', reset: true } })).map(decode);
    assert.deepEqual(
      reset.slice(-2).map((p) => [p.source, p.flags]),
      [[CLIENT, 'ACK'], [SERVER, 'RST+ACK']],
    );
    const byClient = tcpConversation(transcript({ closed: { atMs: 4, by: 'client', reset: false } })).map(decode);
    assert.deepEqual(
      byClient.slice(-3).map((p) => [p.source, p.flags]),
      [[CLIENT, 'FIN+ACK'], [SERVER, 'FIN+ACK'], [CLIENT, 'ACK']],
    );
  });

  test('a write recorded after the close still comes before it, so that time runs forward', () => {
    const late = transcript({ sent: [REQUEST, REQUEST].map((bytes, i) => ({ atMs: 2 + 3 * i, sendIndex: i, bytes })), closed: { atMs: 4, by: 'server', reset: false } });
    const times = tcpConversation(late).map((p) => p.timestampUs);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  test('over IPv6, and nothing for a connection never established', () => {
    const v6 = tcpConversation(transcript({ connected: { atMs: 1, localAddress: '::1', localPort: 50123, remoteAddress: '::1', remotePort: 8080 } })).map(decode);
    assert.equal(v6.length, 12);
    assert.equal(v6[0]!.source, `${'0'.repeat(31)}1:50123`);
    assert.deepEqual(tcpConversation(transcript({ connected: undefined })), []);
  });
});

describe('ip-packet', () => {
  test('the Internet checksum of RFC 1071 §3, odd lengths padded, the bytes split anywhere', () => {
    const bytes = Buffer.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    assert.equal(internetChecksum(bytes), 0x220d);
    assert.equal(internetChecksum(bytes.subarray(0, 3), bytes.subarray(3)), 0x220d);
    assert.equal(internetChecksum(Buffer.from([0x01])), ~0x0100 & 0xffff);
  });

  test('addresses: IPv4, IPv4-mapped IPv6 as IPv4, IPv6 with :: and a zone, host names not', () => {
    assert.deepEqual([...maybeIpAddress('10.1.2.3')!], [10, 1, 2, 3]);
    assert.deepEqual([...maybeIpAddress('::ffff:127.0.0.1')!], [127, 0, 0, 1]);
    assert.equal(maybeIpAddress('2001:db8::8:1')!.toString('hex'), '20010db8000000000000000000080001');
    assert.equal(maybeIpAddress('fe80::1%eth0')!.toString('hex'), 'fe800000000000000000000000000001');
    assert.equal(maybeIpAddress('::1.2.3.4')!.toString('hex'), '00000000000000000000000001020304');
    assert.equal(maybeIpAddress('localhost'), undefined);
  });
});

describe('a real connection', () => {
  test('is captured with the client port and addresses its socket had', { timeout: 5_000 }, async () => {
    let seen: Socket | undefined;
    const server = createServer((socket) => {
      seen = socket;
      socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const connection = await Connection.open({ host: '127.0.0.1', port });
      await connection.send(REQUEST);
      await connection.readResponse();
      await connection.waitForClose(1_000);
      const packets = tcpConversation(connection.transcript).map(decode);
      assert.equal(packets[0]!.source, `7f000001:${seen!.remotePort}`);
      assert.equal(packets[0]!.destination, `7f000001:${port}`);
      assert.deepEqual(Buffer.concat(packets.filter((p) => p.source === packets[1]!.source).map((p) => p.payload)).toString(), 'HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
      assert.deepEqual(
        packets.slice(-3).map((p) => p.flags),
        ['FIN+ACK', 'FIN+ACK', 'ACK'],
      );
    } finally {
      seen?.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
