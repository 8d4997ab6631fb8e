/**
 * Replays every failing input the fuzzer saved under test/fuzz-regressions/ (one JSON file per
 * case: the bytes, where they were split into writes, and how the connection ended) against a
 * fresh bundled server started with the fuzz profile, plus a seeded sample of generated cases, so
 * that this file asserts something even when the folder holds only its README.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ExpectedStore } from '../../src/fuzz/checks.js';
import { generateCase, type FuzzCase } from '../../src/fuzz/fuzz-case.js';
import { listRegressions, loadRegression } from '../../src/fuzz/regression-file.js';
import { newStats, openTarget, profileOf, resetStore, runCase, type FuzzTarget } from '../../src/fuzz/runner.js';
import type { RunningServer } from '../../src/server/server.js';

const DIR = fileURLToPath(new URL('../fuzz-regressions/', import.meta.url));
const SAMPLE_SEED = 1;
const SAMPLE_CASES = 40;

describe('fuzz regressions', () => {
  let target: FuzzTarget;
  let server: RunningServer | undefined;
  const store = new ExpectedStore();

  before(async () => {
    ({ target, server } = await openTarget(undefined));
  });
  after(async () => {
    await server?.close();
  });

  /** Each case starts from an empty store, as it did when it was minimized. */
  async function replay(fuzzCase: FuzzCase): Promise<string[]> {
    const reset = await resetStore(target, store, newStats());
    assert.deepStrictEqual(reset, [], 'DELETE / before the case');
    return runCase(target, fuzzCase, store);
  }

  for (const path of listRegressions(DIR)) {
    test(`saved case ${path.slice(DIR.length)}`, async () => {
      const fuzzCase = loadRegression(path);
      assert.deepStrictEqual(await replay(fuzzCase), [], `${path}: ${fuzzCase.description.join(' | ')}`);
    });
  }

  test(`seeded sample: seed ${SAMPLE_SEED}, cases 0–${SAMPLE_CASES - 1}`, async () => {
    const failed: string[] = [];
    for (let index = 0; index < SAMPLE_CASES; index++) {
      const fuzzCase = generateCase(SAMPLE_SEED, index, profileOf(target));
      const failures = await replay(fuzzCase);
      if (failures.length > 0) failed.push(`case ${index}: ${failures.join('; ')}`);
    }
    assert.deepStrictEqual(failed, []);
  });
});
