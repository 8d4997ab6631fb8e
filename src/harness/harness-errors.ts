import type { Level } from '../findings/verdict.js';

/**
 * The harness could not do what a step asked: no request prepared, a fixture without a
 * `response:`, its own read timeout. The scenario's verdict is `error`, never a finding about
 * the target.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/**
 * A check failed at a level that ends the scenario. The check is recorded before this is thrown:
 * it only stops the remaining steps, and its message is the check's one line for Cucumber.
 */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';

  constructor(
    message: string,
    readonly level: Level,
  ) {
    super(message);
  }
}

/**
 * What a step that threw `error` ends with, for Cucumber: `pending` when a SHOULD- or MAY-level
 * check stopped it (the finding says warn or pass; Cucumber must not retry a rule that merely
 * was not met, nor count it as failed), else the error itself.
 */
export function stepEnding(error: unknown): 'pending' | never {
  if (error instanceof CheckFailed && error.level !== 'must') return 'pending';
  throw error;
}
