/**
 * A conformance expectation the target did not meet. Its message is what the report shows
 * first: one line naming the field, then details.
 */
export class ConformanceError extends Error {
  override readonly name: string = 'ConformanceError';
}

/**
 * SHOULD-level expectations (fixtures with `level: should`) the target did not meet. Thrown at
 * the end of the scenario, after every MUST-level step has run; the run reports it as a warning
 * and fails on it only in strict mode (STRICT=1).
 */
export class ShouldLevelError extends ConformanceError {
  override readonly name: string = 'ShouldLevelError';
}
