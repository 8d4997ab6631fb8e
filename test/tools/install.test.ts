import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startAssignmentServer } from '../doubles/assignment-server.js';

// The package as npm would publish it: packed from the clone, installed globally (into a prefix
// of the test's own), and run from a folder that is not the clone, by plain node.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'HOST', 'PORT', 'TAGS', 'REPORT_DIR', 'STRICT', 'WIRECHECK_SUITE_BUNDLE']) delete env[name];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The line a scenario is written on, so that the test follows the feature when it is edited. */
function lineOf(feature: string, scenario: string): number {
  return readFileSync(join(ROOT, feature), 'utf8').split('\n').findIndex((line) => line.includes(`Scenario: ${scenario}`)) + 1;
}

describe('npm pack, then npm install -g of the tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'wirecheck-install-'));
  const prefix = join(work, 'global');
  const elsewhere = mkdtempSync(join(tmpdir(), 'wirecheck-elsewhere-'));
  const bin = join(prefix, 'bin', 'wirecheck');
  let server: Awaited<ReturnType<typeof startAssignmentServer>>;

  before(async () => {
    server = await startAssignmentServer({ port: 0 });
    const pack = await run('npm', ['pack', '--silent', '--pack-destination', work, ROOT], work);
    assert.equal(pack.code, 0, pack.stderr);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.ok(tarball !== undefined, 'no tarball');
    // From npm's cache where it can: the dependencies are the clone's own.
    const install = await run('npm', ['install', '-g', join(work, tarball), '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], work);
    assert.equal(install.code, 0, install.stdout + install.stderr);
  });
  after(() => server.close());

  it('holds what a run needs and nothing of the tests', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'wirecheck');
    for (const path of ['bin/wirecheck.js', 'cucumber.js', 'steps/support/hooks.ts', 'features/seed/messages.feature', 'fixtures/seed', 'docs/steps.md', 'docs/spec.md']) assert.ok(existsSync(join(installed, path)), path);
    assert.ok(!existsSync(join(installed, 'test')));
  });

  it('prints its usage', { timeout: 30_000 }, async () => {
    const help = await run(bin, ['--help'], elsewhere);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^usage: wirecheck /);
  });

  it("runs one of the suite's own scenarios, named as in the repository, from another folder, the reports there", { timeout: 60_000 }, async () => {
    const line = lineOf('features/seed/messages.feature', 'GET / lists the stored messages');
    const result = await run(bin, ['--host', server.host, '--port', String(server.port), `features/seed/messages.feature:${line}`], elsewhere);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^1 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    assert.ok(existsSync(join(elsewhere, 'reports', 'summary.json')));
  });

  it('refuses a feature path that is neither here nor in the suite, in one line', { timeout: 30_000 }, async () => {
    const result = await run(bin, ['features/nowhere.feature:3'], elsewhere);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'wirecheck: no feature file or folder features/nowhere.feature here nor in the suite\n');
  });
});
