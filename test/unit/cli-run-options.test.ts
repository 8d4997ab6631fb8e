import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { UsageError } from '../../src/cli/arguments.js';
import { noScenarioLine, readTimeoutOption, tagsOption } from '../../src/cli/run-options.js';

/** The one line a UsageError would print, or undefined when `run` returns. */
function usageLine(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    assert.doesNotMatch(error.message, /\n/);
    return error.message;
  }
}

suite('tagsOption', () => {
  test('a tag expression passes as it is, from the flag before TAGS; none or an empty one is the default selection', () => {
    assert.equal(tagsOption('@seed and not @slow', { TAGS: '@x' }), '@seed and not @slow');
    assert.equal(tagsOption(undefined, { TAGS: '(@a or @b) and @c' }), '(@a or @b) and @c');
    assert.equal(tagsOption(undefined, {}), undefined);
    assert.equal(tagsOption(undefined, { TAGS: '' }), '');
  });

  test('one that does not parse is one line naming where it came from and what is wrong', () => {
    assert.equal(usageLine(() => tagsOption(undefined, { TAGS: '@seed and' })), 'TAGS "@seed and" is not a tag expression: syntax error: Expected operand.');
    assert.match(usageLine(() => tagsOption('(@seed', {}))!, /^--tags "\(@seed" is not a tag expression: syntax error: /);
    assert.match(usageLine(() => tagsOption('@a @b', {}))!, /^--tags "@a @b" is not a tag expression: /);
  });
});

suite('readTimeoutOption', () => {
  test('milliseconds from 100 to 10000, from --timeout before TIMEOUT_MS; none keeps the default', () => {
    assert.equal(readTimeoutOption('250', { TIMEOUT_MS: '9000' }), 250);
    assert.equal(readTimeoutOption(undefined, { TIMEOUT_MS: '10000' }), 10_000);
    assert.equal(readTimeoutOption(undefined, { TIMEOUT_MS: '' }), undefined);
    assert.equal(readTimeoutOption(undefined, {}), undefined);
  });

  test('anything else is one line naming the flag or the variable', () => {
    for (const raw of ['99', '10001', '1.5', '-5', 'abc', '']) assert.match(usageLine(() => readTimeoutOption(raw, {}))!, /^--timeout must be a whole number of milliseconds from 100 to 10000, got /, raw);
    assert.equal(usageLine(() => readTimeoutOption(undefined, { TIMEOUT_MS: '5s' })), 'TIMEOUT_MS must be a whole number of milliseconds from 100 to 10000, got "5s"');
  });
});

test('noScenarioLine names the selection', () => {
  assert.equal(noScenarioLine('@nonexistent', undefined), 'no scenario matches the tags "@nonexistent"');
  assert.equal(noScenarioLine(undefined, ['/x/a.feature:3']), 'no scenario matches the default selection in /x/a.feature:3');
});
