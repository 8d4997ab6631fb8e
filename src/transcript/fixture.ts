import type { Matcher } from './matchers.js';
import type { StatusMatcher } from './status-matcher.js';

/** A place in a fixture file; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * How binding a fixture's expectation is, in RFC 2119 terms. A `should` expectation that is not
 * met is reported as a warning, and fails the run only in strict mode.
 */
export type RequirementLevel = 'must' | 'should';

/** One exchange: the request to send and, usually, what the response must look like. */
export interface Fixture {
  readonly file: string;
  /** Why the fixture exists: the rule or case it pins down. */
  readonly why: string;
  /** `must` unless the fixture says `level: should`. */
  readonly level?: RequirementLevel;
  readonly request: RequestSpec;
  /** Absent for fixtures that only describe a request (e.g. one the server must drop). */
  readonly response?: ExpectedResponse;
}

export type RequestSpec = RawRequestSpec | StructuredRequestSpec;

/**
 * A request written as wire text in the loader's convention (docs/fixtures.md): line breaks
 * mean CRLF, backslash escapes give exact bytes, `{host}`-style placeholders are filled in
 * when the bytes are built. Kept as text so placeholders can still be filled.
 */
export interface RawRequestSpec {
  readonly kind: 'raw';
  readonly raw: string;
}

/** A request given field by field; serialized without any validation or added headers. */
export interface StructuredRequestSpec {
  readonly kind: 'structured';
  readonly method: string;
  readonly target: string;
  /** As sent, e.g. `HTTP/1.1`. */
  readonly version: string;
  /** In order; duplicates allowed. Values may hold placeholders. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** UTF-8 text, sent as is; empty for no body. */
  readonly body: string;
}

export type BodyTrailingWhitespace = 'exact' | 'ignore';

/** One expected header: its name as the fixture spells it, matched case-insensitively. */
export interface ExpectedHeader {
  readonly name: string;
  readonly matcher: Matcher;
}

export interface ExpectedResponse {
  readonly status: StatusMatcher;
  /** Unchecked when absent. */
  readonly reason?: Matcher;
  /** Only these are checked; other headers in the response are allowed. */
  readonly headers: readonly ExpectedHeader[];
  /** Unchecked when absent. */
  readonly body?: Matcher;
  /** `ignore`: trailing whitespace at the end of the body is not compared. */
  readonly bodyTrailingWhitespace: BodyTrailingWhitespace;
  /**
   * Where each expectation is written, keyed by the field name a mismatch reports
   * (`status`, `reason`, `header Content-Type`, `body`). Filled by the loader.
   */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

/** The field name a mismatch on header `name` reports, e.g. `header Content-Type`. */
export function headerField(name: string): string {
  return `header ${name}`;
}
