import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closestStep, definedStepPatterns, firstUndefinedStep, undefinedStepHint } from '../../src/harness/step-vocabulary.js';
import StepHintSyntax from '../../src/run/snippet-syntax.js';


const PATTERNS = definedStepPatterns(fileURLToPath(new URL('../../steps', import.meta.url)));

test("the suite's step patterns are read from steps/*.steps.ts, as written", () => {
  assert.ok(PATTERNS.length >= 40, `found only ${PATTERNS.length}`);
  assert.ok(PATTERNS.includes('the {string} request is sent'));
  assert.ok(PATTERNS.includes('the requests {fixtures} are sent in one write'));
});

test('the first step no pattern matches, parameters of our own types included', () => {
  const defined = ['the "seed/get-root" request is sent', 'the requests "a/b" and "a/c" are sent in one write', 'the response matches the fixture'];
  assert.equal(firstUndefinedStep(defined, PATTERNS), undefined);
  assert.equal(firstUndefinedStep([defined[0]!, 'the "seed/get-root" reqest is sent', 'nonsense'], PATTERNS), 'the "seed/get-root" reqest is sent');
});

test('the closest pattern compares parameters as what they stand for', () => {
  assert.equal(closestStep('the "seed/get-root" reqest is sent', PATTERNS), 'the {string} request is sent');
  assert.equal(closestStep('the {string} reqest is sent', PATTERNS), 'the {string} request is sent');
  assert.equal(closestStep('the "x" request is sent in 3 byte fragments', PATTERNS), 'the {string} request is sent in {int}-byte fragments');
  assert.equal(closestStep('anything', []), undefined);
});

test('a step without a definition is told the closest one and docs/steps.md, and no code', () => {
  assert.equal(undefinedStepHint('the "x" reqest is sent', PATTERNS), 'no step is defined as "the "x" reqest is sent"; the closest defined step is "the {string} request is sent" (docs/steps.md lists every step)');
  const snippet = new StepHintSyntax().build({ generatedExpressions: [{ source: 'the {string} reqest is sent' }] });
  assert.match(snippet, /the closest defined step is "the \{string\} request is sent"\. docs\/steps\.md lists every step/i);
  assert.doesNotMatch(snippet, /function|=>|When\(/);
});
