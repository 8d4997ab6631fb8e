import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckFailed, HarnessError, stepEnding } from '../../src/harness/harness-errors.js';

// How a step that threw ends for Cucumber: a rule not met at SHOULD or MAY level is pending
// (never retried, never counted failed); a MUST-level one and anything else stay thrown.

test('a SHOULD- or MAY-level check that stopped the scenario ends the step as pending', () => {
  assert.equal(stepEnding(new CheckFailed('the status is 505: got 200', 'should')), 'pending');
  assert.equal(stepEnding(new CheckFailed('the server closes: still open', 'may')), 'pending');
});

test('a MUST-level check and the harness failing are thrown on', () => {
  const must = new CheckFailed('the status is 400: got 200', 'must');
  assert.throws(() => stepEnding(must), (error) => error === must);
  assert.throws(() => stepEnding(new HarnessError('no request was prepared')), HarnessError);
});
