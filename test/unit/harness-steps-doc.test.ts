import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { definedStepPatterns } from '../../src/harness/step-vocabulary.js';

// docs/steps.md is the step vocabulary: it must list every step the suite defines, and its
// fixture examples must load.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'docs/steps.md';
const doc = readFileSync(join(ROOT, DOC), 'utf8');

test('every step defined under steps/ is listed in docs/steps.md', () => {
  const steps = definedStepPatterns(join(ROOT, 'steps'));
  assert.ok(steps.length >= 40, `found only ${steps.length} steps`);
  const missing = steps.filter((step) => !doc.includes(`\`${step}\``));
  assert.deepEqual(missing, [], `not in ${DOC}`);
});

test('the fixture examples in docs/steps.md load', () => {
  const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  assert.ok(blocks.length >= 2);
  const [either, should] = blocks.map((text, i) => parseFixture(text, `${DOC} example ${i + 1}`));
  assert.equal(either?.response?.status.kind, 'status-one-of');
  assert.equal(should?.level, 'should');
});
