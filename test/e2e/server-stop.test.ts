/**
 * How the server stops (docs/behaviour.md "Connections and timeouts"): a repeated signal does not
 * cut a graceful stop short, a third one does; SIGHUP stops it as SIGTERM does; a request that
 * reached the server before the stop is answered, with `Connection: close`, before its connection
 * closes. The signal tests run the server as a child process (src/stress/server-child.ts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { after, describe, test } from 'node:test';
import { startServer } from '../../src/server/server.js';
import { REPO_ROOT, startServerChild, type ChildExit, type ServerChild } from '../../src/stress/server-child.js';
import { header, request, sleep, text, WireClient } from './socket-helpers.js';

const TEST_MS = 60_000;
/** Generous: the machine may be busy. */
const WAIT_MS = 10_000;
const DOWNLOAD_BYTES = 4 * 1024 * 1024;
const UPLOAD_BYTES = 64 * 1024;

const children: ServerChild[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

async function start(args: string[]): Promise<ServerChild> {
  const child = await startServerChild(args, { plainJavaScript: true });
  children.push(child);
  return child;
}

async function exitWithin(child: ServerChild, ms: number): Promise<ChildExit> {
  const exit = await Promise.race([child.exited, sleep(ms).then(() => undefined)]);
  assert.ok(exit !== undefined, `the server did not exit within ${ms} ms; stderr: ${child.stderr()}`);
  return exit;
}

/** Waits for `pattern` on the child's stderr: the sign that it has handled a signal. */
async function stderrShows(child: ServerChild, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!pattern.test(child.stderr())) {
    if (!child.isRunning()) assert.fail(`the server exited (${JSON.stringify(await child.exited)}) before ${pattern} on stderr`);
    assert.ok(Date.now() < deadline, `no ${pattern} on stderr within ${WAIT_MS} ms; stderr: ${JSON.stringify(child.stderr())}`);
    await sleep(20);
  }
}

/** Waits until the server refuses connections: the sign that it has begun to stop. */
async function refusesConnections(child: ServerChild): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (!child.isRunning()) assert.fail(`the server exited (${JSON.stringify(await child.exited)}) instead of stopping gracefully`);
    const probe = await WireClient.open(child.port).catch((error: NodeJS.ErrnoException) => error.code);
    if (probe === 'ECONNREFUSED') return;
    if (probe instanceof WireClient) probe.destroy();
    assert.ok(Date.now() < deadline, `still accepting connections ${WAIT_MS} ms after the signal`);
    await sleep(20);
  }
}

interface Download {
  /** Reading resumes: the rest of the response comes in. */
  resume(): void;
  /** Every byte received, once the server has closed the connection. */
  readonly done: Promise<Buffer>;
}

/** A GET / whose response has begun to arrive and whose reading then pauses, so that most of it waits in the server. */
function startDownload(port: number): Promise<Download> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolveDone) => socket.once('close', () => resolveDone(Buffer.concat(chunks))));
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      if (chunks.length === 0) {
        socket.pause();
        resolve({ resume: () => socket.resume(), done });
      }
      chunks.push(chunk);
    });
    socket.write(request('GET', '/'));
  });
}

/** A POST whose head has been read (100 Continue came back) and whose body has only begun. */
async function startUpload(port: number, body: Buffer): Promise<WireClient> {
  const client = await WireClient.open(port);
  await client.send(`POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
  client.expect('POST');
  assert.equal((await client.next(WAIT_MS)).status, 100);
  await client.send(body.subarray(0, 1024));
  return client;
}

describe('signals', { timeout: TEST_MS }, () => {
  test('two SIGTERMs 10 ms apart during a slow upload and a 4 MiB download: both complete, exit 0', async () => {
    const server = await start(['--shutdown-timeout', '30000', '--request-timeout', '60000', '--max-body', String(DOWNLOAD_BYTES)]);
    const seed = await WireClient.open(server.port);
    await seed.send(request('POST', '/', { body: Buffer.alloc(DOWNLOAD_BYTES, 0x64) }));
    assert.equal((await seed.read('POST'))[0]!.status, 201);
    seed.destroy();

    const upload = Buffer.alloc(UPLOAD_BYTES, 0x75);
    const uploading = await startUpload(server.port, upload);
    const download = await startDownload(server.port);
    server.kill('SIGTERM');
    await sleep(10);
    server.kill('SIGTERM');
    await stderrShows(server, /already stopping/);

    download.resume();
    // The rest of the body in four parts, a little apart: the upload is still going on.
    for (let at = 1024, part = (UPLOAD_BYTES - 1024) / 4; at < UPLOAD_BYTES; at += part) {
      await uploading.send(upload.subarray(at, at + part));
      await sleep(20);
    }
    const answer = await uploading.next(WAIT_MS);
    assert.equal(answer.status, 201, 'the upload is stored');
    assert.equal(answer.body.length, 'HTTP POST Method (Success)\n\n'.length + UPLOAD_BYTES);
    assert.equal(header(answer, 'connection'), 'close');
    assert.equal(await uploading.closedCleanly(WAIT_MS), true);

    const received = (await download.done).toString('latin1');
    const bodyStart = received.indexOf('\r\n\r\n') + 4;
    assert.match(received, /^HTTP\/1\.1 200 /);
    assert.equal(received.length - bodyStart, 'HTTP GET Method (Success)\n\n'.length + DOWNLOAD_BYTES, 'the download arrived whole');

    assert.deepEqual(await exitWithin(server, WAIT_MS), { code: 0, signal: null });
    assert.equal(server.stderr(), 'wirecheck-server: SIGTERM: already stopping; one more signal stops at once\n');
  });

  test('a third signal stops at once: exit 1 with one line, long before the shutdown timeout', async () => {
    const server = await start(['--shutdown-timeout', '60000', '--request-timeout', '60000']);
    const stalled = await startUpload(server.port, Buffer.alloc(UPLOAD_BYTES, 0x73));
    server.kill('SIGTERM');
    await sleep(10);
    server.kill('SIGINT');
    await stderrShows(server, /already stopping/);
    server.kill('SIGHUP');
    assert.deepEqual(await exitWithin(server, WAIT_MS), { code: 1, signal: null });
    assert.equal(server.stderr(), 'wirecheck-server: SIGINT: already stopping; one more signal stops at once\nwirecheck-server: SIGHUP: stopped at once, open connections cut\n');
    assert.equal(await stalled.closesWithin(WAIT_MS), true);
    assert.equal(stalled.received.length, 'HTTP/1.1 100 Continue\r\n\r\n'.length, 'cut, not answered');
  });

  test('SIGHUP stops it as SIGTERM does: the request in progress is answered, exit 0', async () => {
    const server = await start(['--shutdown-timeout', '30000']);
    const body = Buffer.from('hung up');
    const uploading = await WireClient.open(server.port);
    await uploading.send(`POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
    uploading.expect('POST');
    assert.equal((await uploading.next(WAIT_MS)).status, 100);
    server.kill('SIGHUP');
    await refusesConnections(server);
    await uploading.send(body);
    const answer = await uploading.next(WAIT_MS);
    assert.equal(answer.status, 201);
    assert.equal(text(answer), 'HTTP POST Method (Success)\n\nhung up');
    assert.equal(header(answer, 'connection'), 'close');
    assert.deepEqual(await exitWithin(server, WAIT_MS), { code: 0, signal: null });
    assert.equal(server.stderr(), '');
  });
});

describe('requests at the stop', { timeout: TEST_MS }, () => {
  test('requests that reached the server before the stop, on idle kept-alive connections, are answered with Connection: close', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, quiet: true, shutdownTimeoutMs: WAIT_MS });
    try {
      const clients: WireClient[] = [];
      for (let i = 0; i < 8; i++) {
        const client = await WireClient.open(server.port);
        await client.send(request('GET', '/'));
        assert.equal(header((await client.read('GET'))[0]!, 'connection'), 'keep-alive');
        clients.push(client);
      }
      // Each write is in the server's socket buffer when it returns; the server has not read it: it stops now.
      const methods = clients.map((_, i) => (i % 2 === 0 ? 'POST' : 'GET'));
      for (const [i, client] of clients.entries()) void client.send(request(methods[i]!, '/', methods[i] === 'POST' ? { body: `before the stop ${i}` } : {}));
      const closing = server.close();
      for (const [i, client] of clients.entries()) {
        const [response] = await client.read(methods[i]!);
        assert.equal(response!.status, methods[i] === 'POST' ? 201 : 200, `client ${i}`);
        assert.equal(header(response!, 'connection'), 'close', `client ${i}`);
        assert.equal(await client.closedCleanly(WAIT_MS), true, `client ${i}: closed after the response`);
      }
      await closing;
      assert.equal(server.store.size, 4, 'every POST received before the stop is stored');
    } finally {
      await server.close();
    }
  });
});

/** npm itself, as the one running the tests (npm_execpath), or from the PATH. */
function npmCommand(): [string, string[]] {
  const npmCli = process.env.npm_execpath;
  return npmCli !== undefined && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
}

describe('npm start', { timeout: TEST_MS }, () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    test(`${signal} to npm alone leaves no server running`, async () => {
      const [command, prefix] = npmCommand();
      const npm = spawn(command, [...prefix, 'start', '--silent', '--', '--port', '0', '--quiet'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOST: undefined, PORT: undefined } });
      const npmExited = new Promise((resolve) => npm.once('exit', resolve));
      let stdout = '';
      npm.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      try {
        const deadline = Date.now() + 3 * WAIT_MS;
        while (!/listening on http:\/\/127\.0\.0\.1:\d+\n/.test(stdout)) {
          assert.ok(Date.now() < deadline && npm.exitCode === null, `npm start printed no listening line: ${stdout}`);
          await sleep(50);
        }
        const port = Number(/:(\d+)\n/.exec(stdout)![1]);
        npm.kill(signal);
        await npmExited;
        // npm passes SIGTERM on to the server; after a SIGHUP it is gone, and the server sees itself orphaned.
        const stopped = Date.now() + WAIT_MS;
        for (;;) {
          const probe = await WireClient.open(port).catch((error: NodeJS.ErrnoException) => error.code);
          if (probe === 'ECONNREFUSED') break;
          if (probe instanceof WireClient) probe.destroy();
          assert.ok(Date.now() < stopped, `the server still accepts connections ${WAIT_MS} ms after npm ended`);
          await sleep(50);
        }
      } finally {
        npm.kill('SIGKILL');
      }
    });
  }
});
