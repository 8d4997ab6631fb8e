import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/arguments.js';
import { cucumberArguments } from '../../src/cli/cucumber-options.js';

const folder = mkdtempSync(join(tmpdir(), 'wirecheck-cucumber-options-'));
const config = join(folder, 'cucumber.js');
writeFileSync(config, "export default {};\nexport const ci = { retry: 2 };\nexport function nightly() { return {}; }\n");

function usageError(make: () => unknown): string {
  try {
    make();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('no usage error');
}

test('nothing given is nothing passed on', () => {
  assert.deepEqual(cucumberArguments({}, config, '/here'), []);
});

test('--name and --format repeat; a format’s file and a module path are the caller’s, made absolute and quoted', () => {
  assert.deepEqual(cucumberArguments({ name: ['Korean', '^GET'], format: ['progress', 'json:out/run.json', './my-formatter.js:x.txt'] }, config, '/here'), [
    '--name', 'Korean', '--name', '^GET',
    '--format', '"progress"', '--format', '"json":"/here/out/run.json"', '--format', '"/here/my-formatter.js":"/here/x.txt"',
  ]);
});

test('--parallel is a whole number from 0 to 64', () => {
  assert.deepEqual(cucumberArguments({ parallel: '1' }, config, '/'), ['--parallel', '1']);
  assert.equal(usageError(() => cucumberArguments({ parallel: '65' }, config, '/')), '--parallel must be a whole number from 0 to 64, got "65"');
});

test('a profile is a named export of cucumber.js, applied over the default one', () => {
  assert.deepEqual(cucumberArguments({ profile: ['ci', 'nightly'] }, config, '/'), ['--profile', 'default', '--profile', 'ci', '--profile', 'nightly']);
  assert.deepEqual(cucumberArguments({ profile: ['default'] }, config, '/'), ['--profile', 'default']);
  assert.equal(usageError(() => cucumberArguments({ profile: ['nope'] }, config, '/')), '--profile "nope": cucumber.js has no such profile (it has default, ci, nightly)');
});

test('a mistake is one line before Cucumber starts', () => {
  assert.equal(usageError(() => cucumberArguments({ name: ['('] }, config, '/')), '--name "(" is not a regular expression: /(/: Unterminated group');
  assert.match(usageError(() => cucumberArguments({ format: ['json:'] }, config, '/')), /^--format "json:": give a formatter/);
});
