import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packageCopy } from './package-copy.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// New scenarios as a user makes them, each in a copy of the package with empty features/ and
// fixtures/: README's "Adding a scenario" followed as written, and a Postman collection and a
// HAR file imported. Each passes `npm run check` and then its conformance run at once.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function run(cwd: string, script: string, args: readonly string[]): Promise<Ran> {
  const env = { ...process.env };
  for (const name of ['HOST', 'PORT', 'TAGS', 'REPORT_DIR', 'STRICT']) delete env[name];
  const path = join(cwd, script);
  await compileClis(path);
  return runNode(cli(path, ...args), { cwd, env });
}

function ok(result: Ran): string {
  assert.equal(result.code, 0, result.stdout + result.stderr);
  return result.stdout;
}

/** The part of the README between "## Adding a scenario" and the next section. */
function addingAScenario(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Adding a scenario\n');
  assert.ok(start >= 0, 'README has no "Adding a scenario"');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function found(text: string, pattern: RegExp, what: string): RegExpExecArray {
  return pattern.exec(text) ?? assert.fail(`README's "Adding a scenario" has no ${what} (${pattern}): this test follows it as written`);
}

describe('new scenarios', () => {
  const copies: string[] = [];
  after(() => copies.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
  const copy = (): string => {
    const folder = packageCopy('wirecheck-new-');
    copies.push(folder);
    return folder;
  };

  it('README "Adding a scenario", followed as written, passes check and its run', { timeout: 90_000 }, async () => {
    const section = addingAScenario();
    const [, recordArgs, fixtureFile] = found(section, /`npm run record -- (.* --out (fixtures\/\S+\.yaml))`/, 'record command with --out');
    const [, featureFile] = found(section, /`(features\/[^`]+\.feature)`:/, 'feature file');
    const [, gherkin] = found(section, /```gherkin\n([\s\S]*?)\n\s*```/, 'feature text');
    const [, runArgs] = found(section, /`npm run conformance -- (features\/\S+)`/, 'conformance command');
    const folder = copy();

    assert.match(ok(await run(folder, 'src/cli/record.ts', ['--help'])), /^usage: npm run record -- \[--out FILE\] REQUEST_FLAGS\n/);
    assert.match(ok(await run(folder, 'src/cli/record.ts', recordArgs!.split(' '))), /^record: fixtures\/\S+\.yaml: 404 Not Found\n$/);
    const recorded = readFileSync(join(folder, fixtureFile!), 'utf8');
    assert.match(recorded, /^why: TODO/m);
    writeFileSync(join(folder, fixtureFile!), recorded.replace(/^why: TODO.*$/m, 'why: The bundled server answers a path it does not serve with 404 (SPEC §2.2).'));
    const indent = /^\s*/.exec(gherkin!)![0].length;
    mkdirSync(dirname(join(folder, featureFile!)), { recursive: true });
    writeFileSync(join(folder, featureFile!), `${gherkin!.split('\n').map((line) => line.slice(indent)).join('\n')}\n`);

    assert.match(ok(await run(folder, 'src/cli/check.ts', [])), /: no problems \(/);
    assert.match(ok(await run(folder, 'src/cli/conformance.ts', [runArgs!])), /^1 passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    // Recording over the fixture would lose what was written into it.
    const again = await run(folder, 'src/cli/record.ts', recordArgs!.split(' '));
    assert.equal(again.code, 1);
    assert.equal(again.stderr, `wirecheck-record: ${fixtureFile} exists: remove it, or name another file\n`);
  });

  it('a Postman collection and a HAR file imported run at once on the bundled server; the @seed collection imported back too', { timeout: 90_000 }, async () => {
    const folder = copy();
    const collection = {
      info: { name: 'My API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Post a message', request: { method: 'POST', header: [{ key: 'Content-Type', value: 'text/plain' }], url: '{{baseUrl}}/', body: { mode: 'raw', raw: 'hello' } }, event: [{ listen: 'test', script: { type: 'text/javascript', exec: ['pm.response.to.have.status(201);'] } }] },
        { name: 'List them', request: { method: 'GET', url: '{{baseUrl}}/?page=1' } },
        { name: 'Upload', request: { method: 'POST', url: '{{baseUrl}}/', body: { mode: 'formdata', formdata: [] } } },
      ],
    };
    const har = { log: { version: '1.2', creator: { name: 'test' }, entries: [{ request: { method: 'PUT', url: 'http://example.com/', headers: [{ name: 'Host', value: 'example.com' }] }, response: { status: 405 } }] } };
    writeFileSync(join(folder, 'my-api.postman_collection.json'), JSON.stringify(collection));
    writeFileSync(join(folder, 'site.har'), JSON.stringify(har));

    const imported = await run(folder, 'src/cli/import.ts', ['my-api.postman_collection.json', '--into', 'fixtures/my-api']);
    assert.equal(ok(imported), 'import: 2 requests from my-api.postman_collection.json: fixtures/my-api/, features/my-api/my-api.feature\n');
    assert.equal(imported.stderr, 'wirecheck-import: skipped "Upload": its formdata body is not imported (raw and urlencoded are)\n');
    assert.equal(ok(await run(folder, 'src/cli/import.ts', ['site.har', '--into', 'fixtures/my-site'])), 'import: 1 request from site.har: fixtures/my-site/, features/my-site/site.feature\n');
    ok(await run(folder, 'src/cli/import.ts', [join(ROOT, 'collections/wirecheck.postman_collection.json'), '--into', 'fixtures/seed-again']));
    const twice = await run(folder, 'src/cli/import.ts', ['site.har', '--into', 'fixtures/my-site']);
    assert.deepEqual([twice.code, twice.stderr], [1, 'wirecheck-import: fixtures/my-site/put.yaml exists: nothing written (remove it, or import into another folder)\n']);

    assert.match(ok(await run(folder, 'src/cli/check.ts', [])), /^check: 3 features, \d+ scenarios, \d+ fixtures: no problems/);
    const conformance = ok(await run(folder, 'src/cli/conformance.ts', ['features/my-api/my-api.feature', 'features/my-site', 'features/seed-again']));
    assert.match(conformance, /^(\d+) passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
    assert.ok(Number(/^(\d+) passed/m.exec(conformance)![1]) >= 23, conformance);
  });
});
