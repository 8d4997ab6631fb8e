/**
 * `npm run bench` end to end, made tiny: one round of 0.3 s of one load over 10 connections,
 * 50 idle connections, both servers (a longer load only keeps both cores busy for longer). Checks that it finishes, kills what it started, and writes a
 * well-formed bench.json with numbers for both servers (not that the numbers are good).
 * With the Node generators always; with wrk where it is on the PATH (reported as skipped
 * otherwise).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from '../../bench/report.js';
import { maybeWrkOnPath } from '../../bench/wrk-load.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUN = join(REPO_ROOT, 'bench', 'run.ts');

interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runBench(args: readonly string[], timeoutMs: number): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', RUN, ...args], { cwd: REPO_ROOT, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

describe('npm run bench', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'wirecheck-bench-'));
  after(() => rmSync(outDir, { recursive: true, force: true }));

  test('a short run writes bench.json and bench.md with figures for both servers', { timeout: 30_000 }, async () => {
    const args = ['--generator', 'node', '--rounds', '1', '--duration', '0.3', '--connections', '10', '--warmup', '0', '--loads', 'get-keepalive', '--idle-connections', '50', '--out', outDir];
    const exit = await runBench(args, 25_000);
    assert.equal(exit.code, 0, `bench exited ${exit.code}\n${exit.stderr}`);

    const report = JSON.parse(readFileSync(join(outDir, 'bench.json'), 'utf8')) as BenchReport;
    assert.equal(report.schema, 'wirecheck-bench/2');
    assert.equal(report.settings.rounds, 1);
    assert.deepEqual(report.loads.map((load) => load.id), ['get-keepalive']);
    assert.equal(report.settings.generator, 'node');
    const [load] = report.loads;
    assert.equal(load!.generator, 'autocannon');
    assert.equal(load!.runs.length, 2);
    assert.deepEqual(load!.runs.map((run) => run.server).sort(), ['bundled', 'peer']);
    for (const server of ['bundled', 'peer'] as const) {
      const median = load!.median[server];
      assert.ok(isPositive(median.requestsPerSecond), `${server} req/s: ${median.requestsPerSecond}`);
      assert.ok(isPositive(median.p50Ms) && isPositive(median.p99Ms) && median.p99Ms! >= median.p50Ms!, `${server} latency: ${median.p50Ms} / ${median.p99Ms}`);
      assert.ok(isPositive(median.peakRssMiB), `${server} peak RSS: ${median.peakRssMiB}`);
      assert.equal(report.idle?.servers[server].open, 50, `${server}: idle connections still open`);
      assert.ok(isPositive(report.idle?.servers[server].rssMiB), `${server} idle RSS`);
    }
    assert.ok(isPositive(load!.ratio.requestsPerSecond));
    assert.ok(report.goals.some((goal) => goal.goal.startsWith('GET keep-alive')));
    assert.ok(!report.goals.some((goal) => goal.goal.startsWith('RSS')), 'the RSS goal is for 1,000 connections, not 50');

    const markdown = readFileSync(join(outDir, 'bench.md'), 'utf8');
    assert.match(markdown, /\| GET \/ kept alive \| \*\*bundled\/peer\*\* \|/);
    assert.match(exit.stdout, /Medians of 1 round/);
  });

  const wrkMissing = maybeWrkOnPath() === undefined ? 'wrk is not on the PATH' : false;
  test('with wrk: every load it has, each run by wrk, with latencies where wrk can time them', { timeout: 40_000, skip: wrkMissing }, async () => {
    const wrkDir = join(outDir, 'wrk');
    const exit = await runBench(['--generator', 'wrk', '--rounds', '1', '--duration', '1', '--warmup', '0', '--idle-connections', '0', '--out', wrkDir], 35_000);
    assert.equal(exit.code, 0, `bench exited ${exit.code}\n${exit.stderr}`);
    const report = JSON.parse(readFileSync(join(wrkDir, 'bench.json'), 'utf8')) as BenchReport;
    assert.equal(report.settings.generator, 'wrk');
    assert.deepEqual(report.loads.map((load) => load.id), ['get-keepalive', 'get-new-connection', 'post-get-mix', 'get-pipelined']);
    for (const load of report.loads) {
      assert.equal(load.generator, 'wrk', load.id);
      for (const run of load.runs) {
        assert.ok(isPositive(run.requestsPerSecond), `${load.id} ${run.server} req/s`);
        assert.equal(run.errors + run.timeouts + run.non2xx, 0, `${load.id} ${run.server}: errors`);
        if (load.id === 'get-pipelined') assert.equal(run.p99Ms, null, 'wrk cannot time pipelined responses');
        else assert.ok(isPositive(run.p99Ms), `${load.id} ${run.server} p99`);
      }
    }
  });

  test('an unknown load is a usage error: exit code 1, nothing started', { timeout: 15_000 }, async () => {
    const exit = await runBench(['--loads', 'get-everything', '--out', outDir], 10_000);
    assert.equal(exit.code, 1);
    assert.match(exit.stderr, /--loads takes a comma-separated list/);
  });
});
