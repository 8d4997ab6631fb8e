import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { glossaryPages, pagesOnDisk, RULES_DIR } from '../../src/rules/rules-dir.js';

// docs/rules/ is generated from the features, the fixtures and docs/rules/panel.json: it must
// be exactly what `npm run rules` would write now, no page missing, none left over, none edited.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STALE = 'docs/rules/ is stale: run npm run rules';

test('docs/rules/ is what npm run rules writes from the features, fixtures and panel', () => {
  const pages = glossaryPages(ROOT);
  const onDisk = pagesOnDisk(ROOT);
  const missing = [...pages.keys()].filter((path) => !onDisk.includes(path));
  const extra = onDisk.filter((path) => !pages.has(path));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${STALE} (pages missing or left over)`);
  const differing = [...pages].filter(([path, content]) => readFileSync(join(ROOT, RULES_DIR, path), 'utf8') !== content).map(([path]) => path);
  assert.deepEqual(differing, [], `${STALE} (pages that differ: ${differing.join(', ')})`);
});
