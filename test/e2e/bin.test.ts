import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startAssignmentServer } from '../doubles/assignment-server.js';
import { runNode, type Ran } from './node-run.js';

// `npx wirecheck` as a user of another server runs it: plain node on the bin, from a folder of
// their own, with no tsx loader of ours in NODE_OPTIONS.

const BIN = fileURLToPath(new URL('../../bin/wirecheck.js', import.meta.url));

function wirecheck(args: string[], cwd: string): Promise<Ran> {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'HOST', 'PORT', 'TAGS', 'REPORT_DIR', 'STRICT']) delete env[name];
  return runNode([BIN, ...args], { cwd, env });
}

describe('bin/wirecheck.js', () => {
  let server: Awaited<ReturnType<typeof startAssignmentServer>>;
  before(async () => (server = await startAssignmentServer({ port: 0 })));
  after(() => server.close());

  it('runs the suite from another folder and writes the reports to ./reports there', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wirecheck-bin-'));
    const result = await wirecheck(['--host', server.host, '--port', String(server.port), '--tags', '@seed'], folder);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^8 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    for (const file of ['conformance.html', 'conformance.xml', 'sections.html', 'sections.md']) assert.ok(existsSync(join(folder, 'reports', file)), file);
    assert.match(readFileSync(join(folder, 'reports', 'conformance.html'), 'utf8'), /Cucumber/);
    assert.ok(result.stdout.includes(`reports: ${join(folder, 'reports', 'conformance.html')}`));
  });

  it('prints its usage, and refuses an unknown flag in one line', { timeout: 30_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wirecheck-bin-'));
    const help = await wirecheck(['--help'], folder);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: wirecheck \[--host H --port P\b/);
    const bad = await wirecheck(['--hots', 'x'], folder);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^wirecheck: Unknown option '--hots'/);
    assert.equal(bad.stderr.split('\n').length, 2);
  });
});
