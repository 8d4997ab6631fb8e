/**
 * The server's command line as a user runs it: a child process, its stdout and stderr, its exit
 * code, and signals. Every child is started on port 0 (or a port this test holds) and ended here.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { header, request, sleep, text, WireClient } from './socket-helpers.js';

const TEST_MS = 20_000;
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'src/server/cli.ts';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<Exit>;
}

const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The environment without HOST and PORT, which the CLI would take as defaults. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { HOST: _host, PORT: _port, ...env } = process.env;
  return { ...env, ...extra };
}

function spawnCli(args: string[], env = cleanEnv()): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, check: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Starts the CLI and reads the port from its `listening on` line. */
async function startCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliProcess & { port: number }> {
  const cli = spawnCli(args, env);
  const port = await waitFor('the listening line', () => {
    if (cli.child.exitCode !== null) throw new Error(`the server exited ${cli.child.exitCode}: ${cli.stderr()}`);
    const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(cli.stdout());
    return match === null ? undefined : Number(match[1]);
  });
  return { ...cli, port };
}

/** Runs the CLI to its end, which must come within `ms`. */
async function runCli(args: string[], ms = 10_000): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = spawnCli(args);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), ms);
  const exit = await cli.exited;
  clearTimeout(timer);
  return { ...exit, stdout: cli.stdout(), stderr: cli.stderr() };
}

async function withExitWithin(cli: CliProcess, ms: number): Promise<Exit> {
  const timeout = sleep(ms).then(() => undefined);
  const exit = await Promise.race([cli.exited, timeout]);
  assert.ok(exit !== undefined, `the server did not exit within ${ms} ms`);
  return exit;
}

function assertOneLineError(result: { code: number | null; stderr: string; stdout: string }): void {
  assert.equal(result.code, 1, 'exit code 1');
  assert.match(result.stderr, /^[^\n]+\n$/, 'exactly one line on stderr');
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(result.stdout, '', 'nothing on stdout');
}

function holdPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('server CLI', { timeout: TEST_MS }, () => {
  test('--port 0 --quiet: prints where it listens, serves, prints nothing else, exits 0 on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--quiet']);
    assert.ok(cli.port > 0);
    const client = await WireClient.open(cli.port);
    await client.send(Buffer.concat([request('POST', '/', { body: '안녕' }), request('GET', '/')]));
    const [posted, listed] = await client.read('POST', 'GET');
    assert.equal(posted!.status, 201);
    assert.equal(text(listed!), 'HTTP GET Method (Success)\n\n안녕');
    client.destroy();
    cli.child.kill('SIGTERM');
    assert.deepEqual(await withExitWithin(cli, 5_000), { code: 0, signal: null });
    assert.equal(cli.stdout(), `listening on http://127.0.0.1:${cli.port}\n`);
    assert.equal(cli.stderr(), '');
  });

  test('without --quiet, request heads are printed as they arrive', async () => {
    const cli = await startCli(['--port', '0']);
    const client = await WireClient.open(cli.port);
    await client.send(request('GET', '/?seen=1', { headers: [['X-Probe', 'printed-head'], ['User-Agent', 'cli-test']] }));
    await client.read('GET');
    const printed = await waitFor('the printed head', () => (cli.stdout().includes('X-Probe') ? cli.stdout() : undefined));
    assert.match(printed, /^GET \/\?seen=1 HTTP\/1\.1$/m);
    assert.match(printed, /^Host: 127\.0\.0\.1$/m);
    assert.match(printed, /^X-Probe: printed-head$/m);
    assert.match(printed, /^User-Agent: cli-test$/m);
    client.destroy();
    cli.child.kill('SIGINT');
    assert.equal((await withExitWithin(cli, 5_000)).code, 0, 'SIGINT ends it as cleanly');
  });

  test('flags reach the server: --max-messages, --max-body, --idle-timeout', async () => {
    const cli = await startCli(['--port', '0', '--quiet', '--max-messages', '1', '--max-body', '8', '--idle-timeout', '300']);
    const client = await WireClient.open(cli.port);
    await client.send(Buffer.concat([request('POST', '/', { body: 'first' }), request('POST', '/', { body: 'second' })]));
    assert.deepEqual((await client.read('POST', 'POST')).map((r) => r.status), [201, 507]);
    await client.send(request('POST', '/', { body: 'ninebytes' }));
    assert.equal((await client.read('POST'))[0]!.status, 413);
    const idle = await WireClient.open(cli.port);
    assert.equal(await idle.closesWithin(2_000), true, 'closed by the 300 ms idle timeout');
    cli.child.kill('SIGTERM');
    assert.equal((await withExitWithin(cli, 5_000)).code, 0);
  });

  test('PORT and HOST from the environment', async () => {
    const cli = await startCli(['--quiet'], cleanEnv({ HOST: '127.0.0.1', PORT: '0' }));
    const client = await WireClient.open(cli.port);
    await client.send(request('GET', '/'));
    assert.equal((await client.read('GET'))[0]!.status, 200);
    client.destroy();
    cli.child.kill('SIGTERM');
    assert.equal((await withExitWithin(cli, 5_000)).code, 0);
  });

  test('a port in use: one line on stderr, exit 1', async () => {
    const holder = await holdPort();
    try {
      const address = holder.address();
      assert.ok(typeof address === 'object' && address !== null);
      const result = await runCli(['--host', '127.0.0.1', '--port', String(address.port), '--quiet']);
      assertOneLineError(result);
      assert.match(result.stderr, new RegExp(`${address.port}.*in use`));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  for (const [what, args] of [
    ['an unknown flag', ['--bogus']],
    ['a bad port', ['--port', 'eighty']],
    ['a port out of range', ['--port', '70000']],
    ['a positional argument', ['serve']],
    ['a bad limit', ['--port', '0', '--max-body', '-5']],
  ] as const) {
    test(`${what}: one line on stderr, exit 1, no stack trace`, async () => {
      const result = await runCli([...args]);
      assertOneLineError(result);
      assert.match(result.stderr, /^wirecheck-server: /);
    });
  }

  test('--help prints the usage and exits 0', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^usage: /);
    assert.match(result.stdout, /--port/);
  });

  test('SIGTERM with a request in flight: it is answered (Connection: close), idle ones close, then exit 0', async () => {
    const cli = await startCli(['--port', '0', '--quiet', '--shutdown-timeout', '5000']);
    const busy = await WireClient.open(cli.port);
    const idle = await WireClient.open(cli.port);
    await busy.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello');
    await sleep(200);
    cli.child.kill('SIGTERM');
    assert.equal(await idle.closesWithin(2_000), true, 'the idle connection is closed at once');
    assert.equal(idle.received.length, 0, 'without a response');
    await sleep(200);
    assert.equal(cli.child.exitCode, null, 'still running while a request is in flight');
    await assert.rejects(WireClient.open(cli.port), 'no longer accepting connections');
    await busy.send('world');
    const [response] = await busy.read('POST');
    assert.equal(response!.status, 201);
    assert.equal(text(response!), 'HTTP POST Method (Success)\n\nhelloworld');
    assert.equal(header(response!, 'connection'), 'close');
    assert.equal(await busy.closedCleanly(), true);
    assert.deepEqual(await withExitWithin(cli, 5_000), { code: 0, signal: null });
  });

  test('SIGTERM with a request that never finishes: cut at the shutdown timeout, exit 0', async () => {
    const cli = await startCli(['--port', '0', '--quiet', '--shutdown-timeout', '400', '--request-timeout', '60000']);
    const stalled = await WireClient.open(cli.port);
    await stalled.send('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhel');
    await sleep(100);
    const signalled = Date.now();
    cli.child.kill('SIGTERM');
    const exit = await withExitWithin(cli, 5_000);
    const elapsed = Date.now() - signalled;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(elapsed >= 300, `exited ${elapsed} ms after SIGTERM, before the shutdown timeout`);
    assert.equal(await stalled.closesWithin(1_000), true);
    assert.equal(stalled.received.length, 0, 'cut, not answered');
  });
});

describe('server CLI: the address it listens on', { timeout: TEST_MS }, () => {
  test('an empty --host is one line on stderr and exit 1, not every interface', async () => {
    const result = await runCli(['--host', '', '--port', '0']);
    assertOneLineError(result);
    assert.match(result.stderr, /^wirecheck-server: --host \(or HOST\) is empty/);
  });
});
