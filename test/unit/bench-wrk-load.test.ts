/**
 * The benchmark's wrk mode without running wrk: the Lua script made for each load, how wrk's
 * report becomes a LoadResult, finding wrk on a PATH, and the --generator flag.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseBenchArgs } from '../../bench/bench-options.js';
import { UsageError as BenchUsageError } from '../../src/cli/arguments.js';
import type { WrkSpec } from '../../bench/load-spec.js';
import { LOADS, specFor } from '../../bench/loads.js';
import { loadResultOf, maybeWrkOnPath, wrkArgs, wrkScript, type WrkReport } from '../../bench/wrk-load.js';

const SETTINGS = { host: '127.0.0.1', port: 8080, connections: 50, durationS: 2 };

function wrkSpecOf(id: string): WrkSpec {
  const load = LOADS.find((candidate) => candidate.id === id)!;
  const spec = specFor(load, SETTINGS, '/usr/bin/wrk');
  assert.equal(spec.kind, 'wrk', `${id} has a wrk form`);
  return spec as WrkSpec;
}

const REPORT: WrkReport = {
  requests: 200_000,
  durationUs: 2_000_000,
  meanUs: 480.5,
  p50Us: 450,
  p90Us: 700,
  p99Us: 1_900,
  p999Us: 4_000,
  maxUs: 9_000,
  connectErrors: 1,
  readErrors: 2,
  writeErrors: 3,
  statusErrors: 0,
  timeouts: 4,
};

describe('wrk scripts', () => {
  test('kept-alive GET / is wrk\'s static request: no Lua call per request', () => {
    const script = wrkScript(wrkSpecOf('get-keepalive'));
    assert.match(script, /wrk\.method = "GET"/);
    assert.match(script, /wrk\.path = "\/"/);
    assert.doesNotMatch(script, /function request/);
    assert.doesNotMatch(script, /Connection/);
    assert.match(script, /function done\(summary, latency, requests\)/);
  });

  test('new connection each: every request says Connection: close', () => {
    assert.match(wrkScript(wrkSpecOf('get-new-connection')), /^wrk\.headers\["Connection"\] = "close"$/m);
  });

  test('pipelined: 16 copies of the request in each write', () => {
    const script = wrkScript(wrkSpecOf('get-pipelined'));
    assert.match(script, /string\.rep\(wrk\.format\("GET", "\/"\), 16\)/);
    assert.match(script, /function request\(\)/);
  });

  test('the mix cycles POST, GET, POST, GET, DELETE, POSTs with a 1 KiB text body', () => {
    const script = wrkScript(wrkSpecOf('post-get-mix'));
    const methods = [...script.matchAll(/wrk\.format\("(\w+)"/g)].map((match) => match[1]);
    assert.deepEqual(methods, ['POST', 'GET', 'POST', 'GET', 'DELETE']);
    const body = /\["Content-Type"\] = "text\/plain".*?, ("(?:[^"\\]|\\.)*")\)/.exec(script)?.[1];
    assert.ok(body !== undefined, 'a POST body literal');
    assert.equal((JSON.parse(body) as string).length, 1024);
  });

  test('the raw keep-alive load (a′) has no wrk form: it exists for want of wrk', () => {
    const load = LOADS.find((candidate) => candidate.id === 'get-keepalive-raw')!;
    assert.equal(specFor(load, SETTINGS, '/usr/bin/wrk').kind, 'keep-alive');
  });

  test('one thread, the connections, the duration, a timeout and the script', () => {
    assert.deepEqual(wrkArgs(wrkSpecOf('get-keepalive'), '/tmp/x.lua'), ['-t1', '-c50', '-d2s', '--timeout', '5s', '-s', '/tmp/x.lua', 'http://127.0.0.1:8080/']);
  });

  test('wrk takes whole seconds: the duration is rounded, to 1 s at least', () => {
    const seconds = (durationS: number): string | undefined => wrkArgs({ ...wrkSpecOf('get-keepalive'), durationS }, 'x.lua')[2];
    assert.equal(seconds(1.5), '-d2s');
    assert.equal(seconds(0.2), '-d1s');
  });
});

describe('wrk report → LoadResult', () => {
  test('rate from wrk\'s own duration, latencies in ms, errors summed apart from timeouts', () => {
    const result = loadResultOf(REPORT, wrkSpecOf('get-keepalive'), 1_700);
    assert.equal(result.generator, 'wrk');
    assert.equal(result.requestsPerSecond, 100_000);
    assert.equal(result.durationS, 2);
    assert.equal(result.latency.p50Ms, 0.45);
    assert.equal(result.latency.p99Ms, 1.9);
    assert.equal(result.errors, 6);
    assert.equal(result.timeouts, 4);
    assert.equal(result.generatorCpuMs, 1_700);
    assert.deepEqual(result.statusCounts, {});
  });

  test('statuses above 399 are counted as non-2xx', () => {
    const result = loadResultOf({ ...REPORT, statusErrors: 7 }, wrkSpecOf('get-keepalive'), 1);
    assert.equal(result.non2xx, 7);
    assert.deepEqual(result.statusCounts, { '400-599': 7 });
  });

  test('pipelined, latencies are unknown, not wrk\'s mis-corrected figures', () => {
    const result = loadResultOf({ ...REPORT, p99Us: 0 }, wrkSpecOf('get-pipelined'), 1);
    assert.equal(result.requestsPerSecond, 100_000);
    assert.ok(Number.isNaN(result.latency.p50Ms) && Number.isNaN(result.latency.p99Ms));
  });
});

describe('finding wrk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirecheck-path-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an executable named wrk in a PATH directory; none elsewhere', () => {
    const missing = join(dir, 'missing');
    writeFileSync(join(dir, 'wrk'), '', { mode: 0o644 });
    assert.equal(maybeWrkOnPath([missing, dir].join(delimiter)), undefined, 'not executable');
    chmodSync(join(dir, 'wrk'), 0o755);
    assert.equal(maybeWrkOnPath(['', missing, dir].join(delimiter)), join(dir, 'wrk'));
  });
});

describe('--generator', () => {
  test('auto by default; wrk and node when asked; anything else is a usage error', () => {
    assert.equal(parseBenchArgs([]).generator, 'auto');
    assert.equal(parseBenchArgs(['--generator', 'wrk']).generator, 'wrk');
    assert.equal(parseBenchArgs(['--generator', 'node']).generator, 'node');
    assert.throws(() => parseBenchArgs(['--generator', 'ab']), BenchUsageError);
  });

  test('no --loads leaves the choice to the generator', () => {
    assert.equal(parseBenchArgs([]).loads, undefined);
    assert.deepEqual(parseBenchArgs(['--loads', 'get-pipelined,get-keepalive']).loads, ['get-keepalive', 'get-pipelined']);
  });
});
