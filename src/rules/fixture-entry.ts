import { describe } from '../expect/matchers.js';
import { describeStatus, WAIT_MS, type SingleStatusMatcher, type StatusMatcher } from '../expect/status-matcher.js';
import { visibleBytes } from '../expect/visible.js';
import type { Fixture, RequirementLevel } from '../fixture/fixture.js';
import { ROOT_PATHS, type ServerAddress } from '../fixture/placeholders.js';
import { requestBytes } from '../fixture/request-bytes.js';

/**
 * A fixture as the glossary shows it: why it exists, the bytes it sends, and what it accepts,
 * each field as the fixture writes its matcher. The bytes are built for one example address
 * and the default paths, so the pages do not change from one machine to the next.
 */

/** The address the glossary's request bytes are built for. */
export const EXAMPLE_SERVER: ServerAddress = { host: '127.0.0.1', port: 8080 };

export interface Expectation {
  /** `status`, `reason`, `header Content-Type`, `body`. */
  readonly field: string;
  /** As the fixture writes it: `[400, close]`, `<http-date>`, `!re '^text/plain'`. */
  readonly expected: string;
  /** What a tolerance in it means, when it has one. */
  readonly note?: string;
}

export interface FixtureEntry {
  /** `rfc9112/framing/post-chunked`. */
  readonly name: string;
  /** `fixtures/rfc9112/framing/post-chunked.yaml`. */
  readonly file: string;
  readonly why: string;
  /** As the fixture says; undefined: its checks are at the scenario's level. */
  readonly level: RequirementLevel | undefined;
  /** The request's bytes, CR and LF shown (`\r\n`, a line break after each LF). */
  readonly bytes: string;
  /** Empty when the fixture expects no response: the scenario's steps judge what happens. */
  readonly expectations: readonly Expectation[];
  readonly expectsResponse: boolean;
}

const TOLERANCES: Readonly<Record<'close' | 'wait', string>> = {
  close: 'close: the connection closed without any response also passes',
  wait: `wait: nothing sent for ${WAIT_MS / 1000} s (the server still waiting for what the request promised) also passes`,
};

export function fixtureEntry(name: string, file: string, fixture: Fixture): FixtureEntry {
  const response = fixture.response;
  const expectations: Expectation[] = [];
  if (response !== undefined) {
    const note = statusNote(response.status);
    expectations.push({ field: 'status', expected: describeStatus(response.status), ...(note === undefined ? {} : { note }) });
    if (response.reason !== undefined) expectations.push({ field: 'reason', expected: describe(response.reason) });
    for (const header of response.headers) expectations.push({ field: `header ${header.name}`, expected: describe(header.matcher) });
    if (response.body !== undefined) {
      const ignore = response.bodyTrailingWhitespace === 'ignore';
      expectations.push({ field: 'body', expected: describe(response.body), ...(ignore ? { note: 'trailing whitespace at its end is not compared' } : {}) });
    }
  }
  return {
    name,
    file,
    why: fixture.why,
    level: fixture.level,
    bytes: visibleBytes(requestBytes(fixture.request, EXAMPLE_SERVER, ROOT_PATHS)),
    expectations,
    expectsResponse: response !== undefined,
  };
}

function statusNote(status: StatusMatcher): string | undefined {
  const alternatives: readonly SingleStatusMatcher[] = status.kind === 'status-one-of' ? status.alternatives : [status];
  const notes = alternatives.flatMap((a) => (a.kind === 'close' || a.kind === 'wait' ? [TOLERANCES[a.kind]] : []));
  return notes.length === 0 ? undefined : notes.join('; ');
}
