import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packageCopy } from './package-copy.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// `npm run check` with the real step definitions: the shipped suite has no problem (how long
// the check took is printed, not judged: a timed test fails on a busy machine); a broken feature
// and fixture are reported one line each, exit 1.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function check(cwd: string): Promise<Ran> {
  const script = join(cwd, 'src/cli/check.ts');
  await compileClis(script);
  return runNode(cli(script), { cwd });
}

describe('npm run check', () => {
  const copies: string[] = [];
  after(() => copies.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('finds no problem in the shipped features and fixtures, and says how long it took', { timeout: 30_000 }, async () => {
    const result = await check(ROOT);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^check: \d+ features, \d+ scenarios, \d+ fixtures: no problems \(\d+\.\d s\)\n$/);
  });

  it('names each problem of a broken feature and fixture at its line, and exits 1', { timeout: 30_000 }, async () => {
    const folder = packageCopy('wirecheck-check-');
    copies.push(folder);
    mkdirSync(join(folder, 'features/my-area'));
    mkdirSync(join(folder, 'fixtures/my-area'));
    writeFileSync(join(folder, 'fixtures/my-area/get-hello.yaml'), 'why: GET /hello\nrequest:\n  method: GET\n  target: /hello\nrespons:\n  status: 404\n');
    writeFileSync(
      join(folder, 'features/my-area/hello.feature'),
      ['@my-area', 'Feature: mine', '', '  Scenario: hello', '    When the "my-area/get-helo" request is sent', '    Then the response is not found', '', '  @rfc9110-9.9 @must', '  Scenario: unknown section', '    When the "my-area/get-hello" request is sent', ''].join('\n'),
    );
    const result = await check(folder);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.split('\n').slice(0, -2), [
      "fixtures/my-area/get-hello.yaml:5: unknown key 'respons' in the fixture (expected one of: why, level, request, response)",
      'features/my-area/hello.feature:5: no fixture "my-area/get-helo" (fixtures/my-area/get-helo.yaml)',
      'features/my-area/hello.feature:6: no step definition matches "the response is not found" (docs/steps.md lists every step)',
      'features/my-area/hello.feature:9: "unknown section": @rfc9110-9.9 is not a section src/findings/rfc-sections.ts knows',
    ]);
    assert.match(result.stdout, /\ncheck: 1 feature, 2 scenarios, 1 fixture: 4 problems \(\d+\.\d s\)\n$/);
  });
});
