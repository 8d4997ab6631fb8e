/**
 * `npm run client` as a user runs it: the CLI spawned against a canned server on 127.0.0.1, in
 * one-shot mode, with --raw from stdin, interactively with piped stdin, and against nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RequestParser, serializeResponse, type Request } from '../../src/http1/index.js';
import { cli, compileClis } from './compiled-cli.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Spawning node with tsx takes a while; a test still ends in bounded time. */
const BOUNDED = { timeout: 20_000 };
const CLI_KILL_AFTER_MS = 15_000;

/** What the canned server saw: one entry per connection, the requests on it and their raw bytes. */
interface ServerConnection {
  readonly requests: Request[];
  raw: Buffer;
}

const seen: ServerConnection[] = [];
const sockets = new Set<Socket>();

/** Answers each request with a 200 whose body names it, except /missing, which is a 404. */
function reply(request: Request): string {
  const status = request.target === '/missing' ? 404 : 200;
  const body = `${request.method} ${request.target} ${request.body.toString('utf8')}`;
  return serializeResponse({ status, headers: [['Content-Type', 'text/plain'], ['Content-Length', String(Buffer.byteLength(body))]], body }).toString('utf8');
}

const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => {});
  const connection: ServerConnection = { requests: [], raw: Buffer.alloc(0) };
  seen.push(connection);
  const parser = new RequestParser({ allowBareLf: true });
  socket.on('data', (chunk: Buffer) => {
    connection.raw = Buffer.concat([connection.raw, chunk]);
    parser.feed(chunk);
    for (let event = parser.next(); event.kind !== 'need-data'; event = parser.next()) {
      if (event.kind === 'error' || event.kind === 'closed') return void socket.destroy();
      if (event.kind !== 'message') continue;
      const request: Request = { ...event.head, body: event.body };
      connection.requests.push(request);
      socket.write(reply(request));
    }
  });
});

let port = 0;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  port = address.port;
});

beforeEach(() => {
  seen.length = 0;
});

after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface CliRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

before(() => compileClis('src/client/cli.ts'));

/** Runs the CLI to its end with `stdin` piped in; HOST and PORT are cleared so flags decide. */
function runCli(args: readonly string[], stdin: string | Buffer = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cli('src/client/cli.ts', ...args), {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '', PORT: '' },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const killer = setTimeout(() => child.kill('SIGKILL'), CLI_KILL_AFTER_MS);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString() });
    });
    child.stdin.end(stdin);
  });
}

describe('wirecheck-client CLI', () => {
  test("one-shot POST: the assignment's request goes out, the raw response comes back exactly", BOUNDED, async () => {
    const run = await runCli(['--host', '127.0.0.1', '--port', String(port), '--method', 'POST', '--url', '/', '--body', '안녕 hello']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(run.stdout.toString('utf8'), reply(seen[0]!.requests[0]!));
    assert.equal(
      seen[0]!.raw.toString('utf8'),
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nUser-Agent: wirecheck-client/0.1\r\n` +
        'Connection: keep-alive\r\nContent-Length: 12\r\n\r\n안녕 hello',
    );
  });

  test('a 4xx response is still a response: printed, exit code 0', BOUNDED, async () => {
    const run = await runCli(['--port', String(port), '--url', '/missing']);
    assert.equal(run.code, 0);
    assert.match(run.stdout.toString(), /^HTTP\/1\.1 404 Not Found\r\n/);
  });

  test('--raw - sends stdin verbatim, in the fragments asked for', BOUNDED, async () => {
    const request = Buffer.from('PUT /raw HTTP/1.1\nHost: x\nContent-Length: 3\n\n\x00\xffz', 'latin1');
    const run = await runCli(['--port', String(port), '--raw', '-', '--fragment', '7', '--delay', '5'], request);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.deepEqual(seen[0]!.raw, request);
    assert.match(run.stdout.toString('latin1'), /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nPUT \/raw /);
  });

  test('interactive, stdin piped: prompts answered, two requests on one kept-alive connection', BOUNDED, async () => {
    const run = await runCli(['--port', String(port)], 'POST\n/\nHTTP/1.1\nfirst message\nGET\n/other\nHTTP/1.1\n');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(seen.length, 1, 'the second request opened a new connection');
    const [post, get] = seen[0]!.requests;
    assert.deepEqual([post!.method, post!.target, post!.body.toString()], ['POST', '/', 'first message']);
    assert.deepEqual([get!.method, get!.target, get!.body.length], ['GET', '/other', 0]);
    assert.equal(
      run.stdout.toString(),
      'METHOD >> URL >> HTTP VERSION >> MESSAGE >> ' + `${reply(post!)}\n` + 'METHOD >> URL >> HTTP VERSION >> ' + `${reply(get!)}\n` + 'METHOD >> \n',
    );
  });

  test('nothing listening: one line on stderr, exit code 1', BOUNDED, async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    assert.ok(address !== null && typeof address === 'object');
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runCli(['--port', String(address.port), '--method', 'GET']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout.length, 0);
    assert.equal(run.stderr, `wirecheck-client: cannot connect to 127.0.0.1:${address.port}: connection refused\n`);
  });

  test('a bad flag or an unreadable file: one line on stderr, exit code 1', BOUNDED, async () => {
    const badFlag = await runCli(['--bogus']);
    assert.equal(badFlag.code, 1);
    assert.match(badFlag.stderr, /^wirecheck-client: .*'--bogus'.*\n$/);
    const missing = await runCli(['--port', String(port), '--raw', 'no/such/file']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'wirecheck-client: cannot read no/such/file: no such file\n');
  });
});
