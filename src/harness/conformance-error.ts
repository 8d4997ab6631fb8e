/**
 * A conformance expectation the target did not meet. Its message is what the report shows
 * first: one line naming the field, then details.
 */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}
