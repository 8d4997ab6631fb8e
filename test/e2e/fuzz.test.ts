/**
 * A short, bounded fuzz run against the bundled server (issue 7): a fixed seed, at most 2,000
 * cases or 3 seconds, and not one failure or crash. `npm run fuzz -- --seconds 60` runs longer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFuzz } from '../../src/fuzz/runner.js';

const SEED = 20_261_125;

test('fuzz: 3 s or 2,000 cases, seed 20261125, no failure and no crash', async () => {
  const run = await runFuzz({ seed: SEED, seconds: 3, maxCases: 2_000, maxFailures: 1, minimize: false });
  const { stats } = run;
  const failed = stats.failures.map(({ case: c, failures }) => `case ${c.index} (${c.description.join(' | ')}):\n  ${failures.join('\n  ')}`);
  assert.deepStrictEqual(failed, [], `replay with: tsx src/fuzz/cli.ts --seed ${SEED} --seconds 3`);
  assert.equal(stats.crashes, 0);
  // The run must have done something: enough cases, and both stored messages and rejected input.
  assert.ok(stats.cases >= 50, `only ${stats.cases} cases ran`);
  for (const status of [200, 201, 400]) assert.ok((stats.statuses.get(status) ?? 0) > 0, `no ${status} response in ${stats.cases} cases`);
});
