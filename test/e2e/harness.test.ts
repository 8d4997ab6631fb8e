import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { compareResponse } from '../../src/expect/compare.js';
import { exchange } from '../../src/client/index.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';
import { startServer } from '../../src/server/server.js';
import { startAssignmentServer } from '../doubles/assignment-server.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// The conformance suite run as a user runs it, against servers that are not the bundled one.
// The run against a deliberately wrong server is run-results.test.ts's, checked there.

interface Run extends Ran {
  readonly reportDir: string;
}

async function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-harness-'));
  await compileClis(script);
  return { ...(await runNode(cli(script, ...args), { env: { ...process.env, REPORT_DIR: reportDir, ...env } })), reportDir };
}

const conformance = (env: Record<string, string>) => run('src/cli/conformance.ts', [], env);

describe('the @seed profile against an assignment-style server', () => {
  let server: Awaited<ReturnType<typeof startAssignmentServer>>;
  before(async () => (server = await startAssignmentServer({ port: 0 })));
  after(() => server.close());

  it('passes through HOST/PORT, and writes both reports', { timeout: 60_000 }, async () => {
    const result = await conformance({ HOST: server.host, PORT: String(server.port), TAGS: '@seed' });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^8 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    assert.match(readFileSync(join(result.reportDir, 'conformance.xml'), 'utf8'), /<testsuite[^>]*tests="8"[^>]*failures="0"/);
    assert.match(readFileSync(join(result.reportDir, 'conformance.html'), 'utf8'), /Cucumber/);
  });
});

describe('a server without the message store (a node:http hello world)', () => {
  let server: Server;
  before(async () => {
    server = createServer((_request, response) => response.end('hello world\n'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  after(() => new Promise<void>((done) => server.close(() => done())));
  const env = (): Record<string, string> => ({ HOST: '127.0.0.1', PORT: String((server.address() as AddressInfo).port), TAGS: '@seed' });

  it('is probed with one GET and said in one line; the scenarios that need the store are not applicable, never failed', { timeout: 60_000 }, async () => {
    const result = await conformance(env());
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^target 127\.0\.0\.1:\d+: GET \/ 200; POST \/ 200: body path \/; no echo \(--echo-path names one\); message store: no \(probed: GET \/ is not the assignment's listing\); no timeouts or limits declared$/m);
    assert.match(result.stdout, /^0 passed, 0 failed, 0 warned, 8 not applicable, 0 harness errors$/m);
    assert.match(readFileSync(join(result.reportDir, 'conformance.xml'), 'utf8'), /<skipped message="not applicable: the target has no message store/);
  });

  it('is judged as having one when the user says so (STORE=yes), and then fails what it does not do', { timeout: 60_000 }, async () => {
    const result = await conformance({ ...env(), STORE: 'yes' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /message store: yes \(declared\); no timeouts or limits declared$/m);
    assert.match(result.stdout, /^0 passed, 8 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
  });

  it('refuses a STORE that is neither yes nor no, in one line', { timeout: 30_000 }, async () => {
    const result = await conformance({ ...env(), STORE: 'maybe' });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'wirecheck: STORE must be yes or no, got "maybe"\n');
  });
});

describe('an unreachable target', () => {
  it('is one line on stderr and a non-zero exit, not a wall of failed steps', { timeout: 30_000 }, async () => {
    const idle = await startServer({ port: 0, quiet: true });
    const port = idle.port;
    await idle.close();
    const result = await conformance({ HOST: '127.0.0.1', PORT: String(port) });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `wirecheck: cannot reach 127.0.0.1:${port}: connection refused\n`);
    assert.equal(result.stdout, '');
  });
});

describe('npm run record', () => {
  it('prints a fixture that loads and matches a fresh exchange with the bundled server', { timeout: 30_000 }, async () => {
    const result = await run('src/cli/record.ts', ['--method', 'POST', '--url', '/', '--body', '기록'], {});
    assert.equal(result.code, 0, result.stderr);
    const fixture = parseFixture(result.stdout, 'recorded.yaml');
    const server = await startServer({ port: 0, quiet: true });
    try {
      const { response } = await exchange({ host: server.host, port: server.port, bytes: requestBytes(fixture.request, server) });
      assert.deepEqual(compareResponse(fixture.response!, response.response), []);
    } finally {
      await server.close();
    }
  });

  it('says in one line that it needs a request', { timeout: 30_000 }, async () => {
    const result = await run('src/cli/record.ts', [], {});
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^wirecheck-record: record needs a request to send/);
    assert.equal(result.stderr.split('\n').length, 2);
  });
});
