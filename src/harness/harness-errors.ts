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
}
