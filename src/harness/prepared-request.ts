import { maybeRequestMethod } from '../client/index.js';
import type { Fixture } from '../fixture/fixture.js';

/** A request ready to go on the wire, and where it came from. */
export interface PreparedRequest {
  readonly bytes: Buffer;
  /** The method its response answers, which decides the response's framing. */
  readonly method: string;
  /** How the report names it: a fixture file, or "raw request". */
  readonly label: string;
  readonly fixture?: Fixture;
}

export function prepared(bytes: Buffer, label: string, fixture?: Fixture): PreparedRequest {
  const method = maybeRequestMethod(bytes) ?? 'GET';
  return fixture === undefined ? { bytes, method, label } : { bytes, method, label, fixture };
}
