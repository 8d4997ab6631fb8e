import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { withProxy } from './counting-proxy.js';

// Postman's command-line runner against `npm start`: the assignment tried its server with
// Postman, and ours must pass every @seed check over Postman's kept-alive connections.

const COLLECTION = 'collections/wirecheck.postman_collection.json';

async function startServerProcess(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

describe('Newman runs the shipped Postman collection against npm start', () => {
  let server: { child: ChildProcess; baseUrl: string };
  before(async () => (server = await startServerProcess()));
  after(async () => {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  });

  it('passes every assertion of every request, over one kept-alive connection', { timeout: 60_000 }, async () =>
    withProxy(Number(new URL(server.baseUrl).port), async (proxy) => {
      const out = join(mkdtempSync(join(tmpdir(), 'wirecheck-newman-')), 'summary.json');
      const newman = spawn('node_modules/.bin/newman', ['run', COLLECTION, '--env-var', `baseUrl=${proxy.url.replace(/\/$/, '')}`, '--reporters', 'cli,json', '--reporter-json-export', out, '--timeout-request', '5000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      newman.stdout!.on('data', (chunk) => (output += chunk));
      newman.stderr!.on('data', (chunk) => (output += chunk));
      const [code] = await once(newman, 'exit');
      assert.equal(code, 0, output);
      const summary = JSON.parse(readFileSync(out, 'utf8')) as NewmanSummary;
      assert.equal(summary.run.failures.length, 0, output);
      assert.equal(summary.run.stats.requests.failed, 0);
      assert.ok(summary.run.stats.requests.total >= 7, `only ${summary.run.stats.requests.total} requests ran`);
      assert.ok(summary.run.stats.assertions.total >= 14, `only ${summary.run.stats.assertions.total} assertions ran`);
      assert.equal(proxy.accepted, 1, 'Newman sent every request on one connection');
    }));
});
