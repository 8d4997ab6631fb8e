import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { COLLECTION_FILE } from '../../src/postman/export.js';
import type { PostmanCollection } from '../../src/postman/collection.js';
import { startAssignmentServer } from '../doubles/assignment-server.js';
import { withProxy } from './counting-proxy.js';
import { cli, compileClis } from './compiled-cli.js';

// Postman's command-line runner with the collection made from the @seed features: every check
// passes against the bundled server (its CLI, compiled), over Postman's one kept-alive connection, and against the
// assignment's own server; a server that is not the assignment's fails them.

const COLLECTION = JSON.parse(readFileSync(COLLECTION_FILE, 'utf8')) as PostmanCollection;
const REQUESTS = COLLECTION.item.reduce((sum, folder) => sum + (folder.item?.length ?? 0), 0);
const ASSERTIONS = COLLECTION.item.flatMap((folder) => folder.item ?? []).flatMap((item) => item.event ?? []).flatMap((event) => event.script.exec).filter((line) => line.startsWith('pm.test(')).length;

async function startServerProcess(): Promise<{ child: ChildProcess; baseUrl: string }> {
  await compileClis('src/server/cli.ts');
  const child = spawn(process.execPath, cli('src/server/cli.ts', '--port', '0', '--quiet'), { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^listening on (http:\/\/\S+)$/.exec(line);
    if (match) return { child, baseUrl: match[1]! };
  }
  throw new Error('the server exited before it listened');
}

interface NewmanSummary {
  run: { stats: { assertions: { total: number; failed: number }; requests: { total: number; failed: number } }; failures: unknown[] };
}

async function newman(baseUrl: string): Promise<{ code: number; output: string; summary: NewmanSummary }> {
  const out = join(mkdtempSync(join(tmpdir(), 'wirecheck-newman-')), 'summary.json');
  const child = spawn('node_modules/.bin/newman', ['run', COLLECTION_FILE, '--env-var', `baseUrl=${baseUrl.replace(/\/$/, '')}`, '--reporters', 'cli,json', '--reporter-json-export', out, '--timeout-request', '5000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output, summary: JSON.parse(readFileSync(out, 'utf8')) as NewmanSummary };
}

function assertAllPassed({ code, output, summary }: Awaited<ReturnType<typeof newman>>): void {
  assert.equal(code, 0, output);
  assert.equal(summary.run.failures.length, 0, output);
  assert.deepEqual(summary.run.stats.requests, { total: REQUESTS, failed: 0, pending: 0 });
  assert.deepEqual(summary.run.stats.assertions, { total: ASSERTIONS, failed: 0, pending: 0 });
}

describe('Newman runs the collection made from the @seed features', () => {
  let server: { child: ChildProcess; baseUrl: string };
  before(async () => (server = await startServerProcess()));
  after(async () => {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  });

  it('has a request for every step that sends one and a test for every check', () => {
    assert.equal(COLLECTION.item.length, 8);
    assert.ok(REQUESTS >= 20, `${REQUESTS} requests`);
    assert.ok(ASSERTIONS >= 80, `${ASSERTIONS} tests`);
  });

  it('passes every test of every request against npm start, over one kept-alive connection', { timeout: 60_000 }, async () =>
    withProxy(Number(new URL(server.baseUrl).port), async (proxy) => {
      assertAllPassed(await newman(proxy.url));
      assert.equal(proxy.accepted, 1, 'Newman sent every request on one connection');
    }));

  it("passes against the assignment's own server, which closes every connection", { timeout: 60_000 }, async () => {
    const assignment = await startAssignmentServer({ port: 0 });
    try {
      assertAllPassed(await newman(`http://${assignment.host}:${assignment.port}`));
    } finally {
      await assignment.close();
    }
  });

  it('fails against a server that answers every request 200 hello', { timeout: 60_000 }, async () => {
    const hello = createServer((_request, response) => response.end('hello'));
    hello.listen(0, '127.0.0.1');
    await once(hello, 'listening');
    try {
      const { code, summary } = await newman(`http://127.0.0.1:${(hello.address() as { port: number }).port}`);
      assert.equal(code, 1);
      assert.ok(summary.run.stats.assertions.failed >= 20, `only ${summary.run.stats.assertions.failed} tests failed`);
    } finally {
      hello.close();
    }
  });
});
