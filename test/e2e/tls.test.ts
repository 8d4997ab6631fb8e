/**
 * HTTPS end to end: the bundled server's CLI with --tls-cert/--tls-key (a certificate made here,
 * for `localhost` only, never committed), a part of the suite against it over TLS with the
 * certificate checked, the client, the matrix's https:// target, ALPN, and the one-line errors.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { selfSignedCertificate } from './self-signed.js';
import { cli, compileClis } from './compiled-cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** What the server is started with and the suite is told of it, so that the timeout and limit scenarios run too. */
const SETTINGS = ['--request-timeout', '1000', '--idle-timeout', '1000', '--max-connections', '16'];
/**
 * The part of the suite that TLS could change: the seed cases, connections that persist, pipeline
 * and close, bodies and their framing, and what waits on the timeouts and the connection limit.
 * The rest sends other bytes through the same connections; `npm test` runs it over TCP.
 */
const OVER_TLS = ['features/seed', 'features/rfc9112/connection.feature', 'features/rfc9110/message-bodies.feature', 'features/robustness/timeouts.feature', 'features/robustness/connections.feature'];
const SUITE_MS = 120_000;
const CLI_MS = 20_000;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without what the CLIs would take as a target or a TLS setting. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { HOST: _h, PORT: _p, TLS: _t, INSECURE: _i, SERVERNAME: _s, TARGET_FILE: _f, NODE_EXTRA_CA_CERTS: _c, ...env } = process.env;
  return { ...env, ...extra };
}

before(() => compileClis('src/server/cli.ts', 'src/cli/conformance.ts', 'src/client/cli.ts', 'src/cli/matrix.ts'));

function start(script: string, args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => Result } {
  const child = spawn(process.execPath, cli(script, ...args), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, output: () => ({ code: child.exitCode, stdout, stderr }) };
}

/** Runs a CLI to its end, killed past `ms`. */
function run(script: string, args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv(), ms = CLI_MS): Promise<Result> {
  const { child, output } = start(script, args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) =>
    child.once('close', () => {
      clearTimeout(timer);
      resolve(output());
    }),
  );
}

function assertOneLine(result: Result, code: number, line: RegExp): void {
  assert.equal(result.code, code, result.stdout + result.stderr);
  assert.match(result.stderr, /^[^\n]+\n$/, 'one line on stderr');
  assert.match(result.stderr, line);
}

/** The bundled server over TLS, as its CLI starts it, added to `servers` at once; its port once it listens. */
function startTlsServer(certFile: string, keyFile: string, servers: ChildProcess[]): Promise<number> {
  const started = start('src/server/cli.ts', ['--port', '0', '--quiet', '--echo-path', '/echo', '--tls-cert', certFile, '--tls-key', keyFile, ...SETTINGS], cleanEnv());
  servers.push(started.child);
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${JSON.stringify(started.output())}`)), CLI_MS);
    started.child.stdout!.on('data', () => {
      const match = /listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(started.output().stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    started.child.once('exit', () => reject(new Error(`the server exited: ${started.output().stderr}`)));
  });
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

// The tests run side by side, most of their time spent waiting on the children they start; the
// suite has a server of its own, so that no other test's requests reach its message store or its
// connection limit.
describe('over TLS', { concurrency: true }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirecheck-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const trusted = cleanEnv({ NODE_EXTRA_CA_CERTS: certFile });
  const servers: ChildProcess[] = [];
  let port: number;
  let suitePort: number;

  before(async () => {
    const { cert, key } = selfSignedCertificate('localhost');
    writeFileSync(certFile, cert);
    writeFileSync(keyFile, key);
    [port, suitePort] = await Promise.all([startTlsServer(certFile, keyFile, servers), startTlsServer(certFile, keyFile, servers)]);
  });

  after(async () => {
    await Promise.all(servers.map(stop));
    rmSync(dir, { recursive: true, force: true });
  });

  test('the suite over TLS, every connection TLS and the certificate checked for --servername: every scenario passes', { timeout: SUITE_MS }, async () => {
    const reportDir = join(dir, 'suite');
    const args = ['--host', '127.0.0.1', '--port', String(suitePort), '--tls', '--servername', 'localhost', '--echo-path', '/echo', ...SETTINGS, '--report-dir', reportDir, ...OVER_TLS];
    const result = await run('src/cli/conformance.ts', args, trusted, SUITE_MS);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^target 127\\.0\\.0\\.1:${suitePort} over TLS: GET / 200; .*; TLS to server name localhost, certificate verified$`, 'm'));
    const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'));
    assert.equal(summary.target.address, `127.0.0.1:${suitePort} over TLS`);
    // None left out for want of a plain connection, and none of the files missed.
    const total = summary.scenarios.length;
    assert.deepEqual(summary.counts, { pass: total, fail: 0, warn: 0, 'n/a': 0, error: 0 });
    const files = new Set(summary.scenarios.map((s: { uri: string }) => OVER_TLS.find((path) => s.uri.startsWith(path))));
    assert.deepEqual([...files].sort(), [...OVER_TLS].sort());
    // What the reports hold is the bytes inside TLS.
    assert.ok(readFileSync(join(reportDir, 'messages.ndjson'), 'utf8').includes('HTTP/1.1 200 OK'), 'the responses in the report');
  });

  test('a certificate not trusted, or not for the host, is one line before the suite starts', { timeout: CLI_MS * 2 }, async () => {
    const target = ['--host', '127.0.0.1', '--port', String(port), '--tls'];
    const untrusted = await run('src/cli/conformance.ts', target);
    assertOneLine(untrusted, 2, new RegExp(`^wirecheck: cannot reach 127\\.0\\.0\\.1:${port} over TLS: self-signed certificate \\(--insecure accepts it, NODE_EXTRA_CA_CERTS=FILE trusts its CA\\)\\n$`));
    const otherName = await run('src/cli/conformance.ts', target, trusted);
    assertOneLine(otherName, 2, /over TLS: Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list \(--servername names the host the certificate is for, --insecure accepts it\)\n$/);
  });

  test('the client: --tls --insecure prints and captures the decrypted response; without --insecure, one line', { timeout: CLI_MS * 2 }, async () => {
    const pcap = join(dir, 'client.pcapng');
    const insecure = await run('src/client/cli.ts', ['--port', String(port), '--tls', '--insecure', '--url', '/', '--pcap', pcap]);
    assert.equal(insecure.code, 0, insecure.stderr);
    assert.match(insecure.stdout, /^HTTP\/1\.1 200 OK\r\n/);
    assert.ok(readFileSync(pcap).includes('HTTP/1.1 200 OK\r\n'), 'the capture holds the response as sent inside TLS');
    const checked = await run('src/client/cli.ts', ['--port', String(port), '--tls', '--url', '/']);
    assertOneLine(checked, 1, new RegExp(`^wirecheck-client: cannot connect to 127\\.0\\.0\\.1:${port}: TLS handshake failed: self-signed certificate `));
    assert.equal(checked.stdout, '');
  });

  test('the matrix: NAME=https://HOST:PORT with --insecure', { timeout: SUITE_MS }, async () => {
    const args = [`tls=https://127.0.0.1:${port}`, '--insecure', '--features', 'features/rfc9110/content-length.feature', '--report-dir', join(dir, 'matrix')];
    const result = await run('src/cli/matrix.ts', args, cleanEnv(), SUITE_MS);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^\\[1/1\\] tls: 127\\.0\\.0\\.1:${port} over TLS; GET / 200; .*certificate not verified \\(insecure\\)$`, 'm'));
    assert.match(result.stdout, /^\[1\/1\] tls: \d+ scenarios in [\d.]+ s: [1-9]\d* passed, 0 failed, 0 warned, \d+ not applicable, 0 harness errors$/m);
  });

  test('ALPN: HTTP/1.1 is chosen; a client that offers only h2 is refused in the handshake', async () => {
    const handshake = (protocols: string[]): Promise<string | false> =>
      new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ALPNProtocols: protocols });
        socket.once('secureConnect', () => {
          resolve(socket.alpnProtocol ?? false);
          socket.destroy();
        });
        socket.once('error', reject);
      });
    assert.equal(await handshake(['h2', 'http/1.1']), 'http/1.1');
    await assert.rejects(handshake(['h2']), { code: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL' });
  });

  test('the server: --tls-cert and --tls-key go together, and each must be readable and fit the other: one line, exit 1', { timeout: CLI_MS * 2 }, async () => {
    const alone = await run('src/server/cli.ts', ['--port', '0', '--tls-cert', certFile]);
    assertOneLine(alone, 1, /^wirecheck-server: --tls-cert FILE and --tls-key FILE go together/);
    const missing = await run('src/server/cli.ts', ['--port', '0', '--tls-cert', join(dir, 'none.pem'), '--tls-key', keyFile]);
    assertOneLine(missing, 1, /^wirecheck-server: --tls-cert: cannot read .*none\.pem: ENOENT/);
    const otherKey = join(dir, 'other-key.pem');
    writeFileSync(otherKey, selfSignedCertificate().key);
    const mismatch = await run('src/server/cli.ts', ['--port', '0', '--tls-cert', certFile, '--tls-key', otherKey]);
    assertOneLine(mismatch, 1, /: not a PEM certificate and its private key: key values mismatch/);
  });
});
