import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LINKTYPE_RAW, readPcapng, type Capture } from '../../src/capture/pcapng.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// The seed scenarios (features/seed) against the bundled server with --pcap: the capture read
// back by our reader, then by Wireshark's tshark, whose HTTP dissector must find the requests
// the scenarios sent and the answers they got. And `npm run client -- --pcap`.

/** Each scenario's background empties the store first, then the documented case (SPEC §1). */
const SEED_REQUESTS = ['DELETE', 'DELETE', 'DELETE', 'DELETE', 'DELETE', 'DELETE', 'DELETE', 'DELETE', 'DELETE', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'PUT'];
const SEED_STATUSES = [...Array<string>(15).fill('200'), '201', '201', '201', '404', '404', '405'];
const SEED_SCENARIOS = 8;

interface Stream {
  readonly clientToServer: Buffer;
  readonly serverToClient: Buffer;
  readonly serverPort: number;
}

/** The payload each way of every TCP connection in the capture, by client port (IPv4 only: the bundled server's 127.0.0.1). */
function streamsOf(capture: Capture): Map<number, Stream> {
  const parts = new Map<number, { up: Buffer[]; down: Buffer[]; serverPort: number }>();
  for (const { data } of capture.packets) {
    assert.equal(data[0]! >> 4, 4, 'an IPv4 packet');
    const tcp = data.subarray((data[0]! & 0x0f) * 4);
    const [source, destination] = [tcp.readUInt16BE(0), tcp.readUInt16BE(2)];
    const payload = tcp.subarray((tcp[12]! >> 4) * 4);
    const syn = (tcp[13]! & 0x12) === 0x02;
    if (syn) parts.set(source, { up: [], down: [], serverPort: destination });
    const fromClient = parts.has(source) && parts.get(source)!.serverPort === destination;
    const stream = parts.get(fromClient ? source : destination);
    assert.ok(stream !== undefined, `a packet between ${source} and ${destination} before its connection's SYN`);
    (fromClient ? stream.up : stream.down).push(payload);
  }
  return new Map([...parts].map(([port, { up, down, serverPort }]) => [port, { clientToServer: Buffer.concat(up), serverToClient: Buffer.concat(down), serverPort }]));
}

function tsharkVersion(): string | undefined {
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}


/** One of our programs (its script, then its arguments), compiled; the environment without a target, tags or capture of the caller's. */
async function runProgram([script, ...args]: readonly string[]): Promise<Ran> {
  const env = { ...process.env };
  for (const name of ['HOST', 'PORT', 'TARGET_FILE', 'TAGS', 'PCAP']) delete env[name];
  await compileClis(script!);
  return runNode(cli(script!, ...args), { env });
}

describe('--pcap: the run as a capture', () => {
  const folder = mkdtempSync(join(tmpdir(), 'wirecheck-pcap-'));
  const file = join(folder, 'seed.pcapng');
  let result: Ran;

  before(async () => {
    result = await runProgram(['src/cli/conformance.ts', '--report-dir', join(folder, 'reports'), '--pcap', file, 'features/seed']);
  });

  it('says where the capture is and what it holds', () => {
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^capture: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ packets of ${SEED_SCENARIOS} scenario runs\\)$`, 'm'));
    assert.ok(existsSync(file));
  });

  it('holds every connection whole, in time order, each SYN naming its scenario', () => {
    const capture = readPcapng(readFileSync(file));
    assert.equal(capture.linkType, LINKTYPE_RAW);
    const times = capture.packets.map((packet) => packet.timestampUs);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    const comments = new Set(capture.packets.flatMap((packet) => (packet.comment === undefined ? [] : [packet.comment])));
    assert.equal(comments.size, SEED_SCENARIOS, [...comments].join('\n'));
    for (const comment of comments) assert.match(comment, /^scenario: .*\(case \d\)$/);
    // A request or response may follow a body on its connection: the lines are found anywhere.
    const streams = [...streamsOf(capture).values()];
    const requestLines = streams.flatMap((stream) => [...stream.clientToServer.toString('latin1').matchAll(/(DELETE|GET|POST|PUT) \/\S* HTTP\/1\.1\r\n/g)].map((match) => match[1]));
    assert.deepEqual(requestLines.sort(), SEED_REQUESTS);
    const statusLines = streams.flatMap((stream) => [...stream.serverToClient.toString('latin1').matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]));
    assert.deepEqual(statusLines.sort(), SEED_STATUSES);
  });

  it("is read by Wireshark's tshark: the same requests and answers, sound TCP, checksums that verify", (t) => {
    const version = tsharkVersion();
    if (version === undefined) {
      t.skip('tshark is not installed (Debian: apt-get install tshark); the capture was checked by our own reader only');
      return;
    }
    t.diagnostic(version);
    // Wireshark finds HTTP on any port by its heuristics; naming the servers' ports makes it certain.
    const ports = new Set([...streamsOf(readPcapng(readFileSync(file))).values()].map((stream) => stream.serverPort));
    const tshark = (...args: string[]): string[] => {
      const run = spawnSync('tshark', ['-r', file, ...[...ports].flatMap((port) => ['-d', `tcp.port==${port},http`]), ...args], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.split('\n').filter((line) => line !== '');
    };
    const fields = tshark('-Y', 'http', '-T', 'fields', '-E', 'separator=,', '-e', 'http.request.method', '-e', 'http.response.code').map((line) => line.split(','));
    assert.deepEqual(fields.flatMap(([method]) => (method ? [method] : [])).sort(), SEED_REQUESTS);
    assert.deepEqual(fields.flatMap(([, code]) => (code ? [code] : [])).sort(), SEED_STATUSES);
    assert.deepEqual(tshark('-Y', 'tcp.analysis.flags'), [], 'no retransmission, lost segment or window problem');
    const checked = ['-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE'];
    assert.deepEqual(tshark(...checked, '-Y', 'tcp.checksum.status != 1 || ip.checksum.status != 1'), [], 'every checksum good');
  });
});

describe('npm run client -- --pcap', () => {
  let server: RunningServer;
  before(async () => (server = await startServer({ host: '127.0.0.1', port: 0, quiet: true })));
  after(() => server.close());

  it('writes its one connection: the request it sent and the response it printed, byte for byte', { timeout: 30_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wirecheck-pcap-')), 'client.pcapng');
    const ran = await runProgram(['src/client/cli.ts', '--host', server.host, '--port', String(server.port), '--method', 'POST', '--body', 'hello', '--pcap', file]);
    assert.equal(ran.code, 0, ran.stderr);
    const streams = [...streamsOf(readPcapng(readFileSync(file))).values()];
    assert.equal(streams.length, 1);
    assert.match(streams[0]!.clientToServer.toString(), /^POST \/ HTTP\/1\.1\r\n[^]*\r\n\r\nhello$/);
    assert.equal(streams[0]!.serverToClient.toString(), ran.stdout);
    assert.match(ran.stdout, /^HTTP\/1\.1 201 /);
  });
});
