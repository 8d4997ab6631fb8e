import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runNode, type Ran } from './node-run.js';

// A Cucumber user's habits: plain `npx cucumber-js` in the repository, with no tsx of ours in
// NODE_OPTIONS, runs the suite against the bundled server and prints what the runner prints;
// Cucumber's own options pass through `npm run conformance`.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CUCUMBER = join(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js');
const CONFORMANCE = join(ROOT, 'src/cli/conformance.ts');

async function cucumberJs(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Ran & { reportDir: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-cucumber-'));
  const env: NodeJS.ProcessEnv = { ...process.env, REPORT_DIR: reportDir, PARALLEL: '1', ...extraEnv };
  for (const name of ['NODE_OPTIONS', 'TAGS', 'STRICT', 'WIRECHECK_SUITE_BUNDLE', 'WIRECHECK_FEATURES', 'WIRECHECK_HOST', 'WIRECHECK_PORT']) delete env[name];
  if (extraEnv.HOST === undefined) delete env.HOST;
  if (extraEnv.PORT === undefined) delete env.PORT;
  return { ...(await runNode([CUCUMBER, ...args], { cwd: ROOT, env })), reportDir };
}

/** The line a scenario is written on, so that the test follows the feature when it is edited. */
function lineOf(feature: string, scenario: string): number {
  return readFileSync(join(ROOT, feature), 'utf8').split('\n').findIndex((line) => line.includes(`Scenario: ${scenario}`)) + 1;
}

describe('plain cucumber-js', () => {
  it('runs a path:line against the bundled server, with the runner’s summary and reports', { timeout: 60_000 }, async () => {
    const line = lineOf('features/seed/messages.feature', 'GET / lists the stored messages');
    const result = await cucumberJs([`features/seed/messages.feature:${line}`]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^conformance: 1 scenarios in /m);
    assert.match(result.stdout, /^1 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    assert.equal(result.stderr, '');
    for (const file of ['conformance.html', 'summary.json', 'sections.md']) assert.ok(existsSync(join(result.reportDir, file)), file);
  });

  it('names the defined step closest to a misspelt one, and never a code snippet', { timeout: 60_000 }, async () => {
    // In Cucumber's own process: the hint comes from the snippet syntax, which only that process loads.
    const result = await cucumberJs(['test/features/undefined-step.feature'], { PARALLEL: '0' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^ {2}⚠ error test\/features\/undefined-step\.feature:\d+ request is misspelt\n {10}@seed · no step is defined as "the "seed\/get-root-empty" reqest is sent"; the closest defined step is "the \{string\} request is sent" \(docs\/steps\.md lists every step\)$/m);
    const everything = result.stdout + result.stderr + readFileSync(join(result.reportDir, 'messages.ndjson'), 'utf8');
    assert.doesNotMatch(everything, /Implement with|function \(|'pending'/);
  });

  it('refuses HOST and PORT in one line: only the runner probes a foreign target', { timeout: 30_000 }, async () => {
    const result = await cucumberJs([], { HOST: '127.0.0.1', PORT: '1' });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^wirecheck: plain cucumber-js runs the suite against the bundled server only; .*npm run conformance.*\n$/);
  });
});

describe("npm run conformance with Cucumber's own options", () => {
  it('--name, --format NAME:FILE (from the caller’s folder), --parallel and --profile reach Cucumber', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wirecheck-passthrough-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['NODE_OPTIONS', 'HOST', 'PORT', 'TAGS', 'STRICT', 'PARALLEL', 'WIRECHECK_SUITE_BUNDLE']) delete env[name];
    const args = ['--import', import.meta.resolve('tsx'), CONFORMANCE, '--name', 'Korean', '--format', 'json:cucumber.json', '--parallel', '1', '--profile', 'default', '--report-dir', 'out'];
    const result = await runNode(args, { cwd: folder, env });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^1 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    const features = JSON.parse(readFileSync(join(folder, 'cucumber.json'), 'utf8')) as { elements: { name: string }[] }[];
    assert.deepEqual(features.flatMap((f) => f.elements.map((e) => e.name)), ['Messages are stored and returned byte for byte, Korean included (case 3)']);
    assert.ok(existsSync(join(folder, 'out', 'summary.json')));
  });
});
