import { headerValues, type Headers } from '../http1/headers.js';
import type { HttpVersion } from '../http1/messages.js';
import { headerField, type ExpectedResponse, type SourceLocation } from '../fixture/fixture.js';
import { describe, exact, matches, oneOf, type Matcher } from './matchers.js';
import { describeStatus, matchesStatus } from './status-matcher.js';
import { hexBytes, maybeUtf8Text } from './utf8.js';

/** A response as the client read it. `Response` from src/http1 fits. */
export interface ActualResponse {
  /** Not compared; shown in diffs when known. */
  readonly version?: HttpVersion;
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

export interface CompareOptions {
  /** Ignore whitespace at the end of the body whatever the fixture says, as `@seed` does (SPEC §1). */
  readonly ignoreBodyTrailingWhitespace?: boolean;
}

/** One expectation the response does not meet. */
export interface Mismatch {
  /** `status`, `reason`, `header Content-Type` (as the fixture spells it) or `body`. */
  readonly field: string;
  /** The matcher, described as a fixture writes it. */
  readonly expected: string;
  /** The actual value: `<absent>` for a missing header, `hex: …` for a body that is not UTF-8. */
  readonly actual: string;
  /** Where the expectation is written, when the fixture was loaded from a file. */
  readonly at?: SourceLocation;
}

export const ABSENT_VALUE = '<absent>';

/** Every expectation of `expected` that `actual` does not meet, in the order status, reason, headers, body. */
export function compareResponse(expected: ExpectedResponse, actual: ActualResponse, options: CompareOptions = {}): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const report = (field: string, expectedText: string, actualText: string) => {
    const at = expected.locations?.get(field);
    mismatches.push(at === undefined ? { field, expected: expectedText, actual: actualText } : { field, expected: expectedText, actual: actualText, at });
  };
  if (!matchesStatus(expected.status, actual.status)) report('status', describeStatus(expected.status), String(actual.status));
  if (expected.reason !== undefined && !matches(expected.reason, actual.reason)) report('reason', describe(expected.reason), actual.reason);
  for (const { name, matcher } of expected.headers) {
    const value = combinedHeaderValue(actual.headers, name);
    if (!matches(matcher, value)) report(headerField(name), describe(matcher), value ?? ABSENT_VALUE);
  }
  const ignoreTrailing = options.ignoreBodyTrailingWhitespace === true || expected.bodyTrailingWhitespace === 'ignore';
  if (expected.body !== undefined && !bodyMatches(expected.body, actual.body, ignoreTrailing)) {
    report('body', describe(expected.body), bodyForDisplay(actual.body));
  }
  return mismatches;
}

/** All fields called `name` joined with `, ` (RFC 9110 §5.3), or undefined when there are none. */
export function combinedHeaderValue(headers: Headers, name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/** The body as text, or as `hex: 48 54 ff …` when it is not UTF-8. */
export function bodyForDisplay(body: Buffer): string {
  return maybeUtf8Text(body) ?? `hex: ${hexBytes(body)}`;
}

/** True when the body meets the matcher. A body that is not UTF-8 never equals exact text. */
export function bodyMatches(matcher: Matcher, body: Buffer, ignoreTrailingWhitespace: boolean): boolean {
  const text = maybeUtf8Text(body);
  const m = ignoreTrailingWhitespace ? withoutTrailingWhitespace(matcher) : matcher;
  const decoded = text ?? body.toString('utf8');
  const actual = ignoreTrailingWhitespace ? decoded.trimEnd() : decoded;
  return text === undefined ? matchesUndecodable(m, actual) : matches(m, actual);
}

/** Matching against a lossy decoding, where replacement characters must not pass for exact text. */
function matchesUndecodable(m: Matcher, lossyText: string): boolean {
  if (m.kind === 'exact') return false;
  if (m.kind === 'one-of') return m.alternatives.some((alternative) => matchesUndecodable(alternative, lossyText));
  return matches(m, lossyText);
}

function withoutTrailingWhitespace(matcher: Matcher): Matcher {
  if (matcher.kind === 'exact') return exact(matcher.value.trimEnd());
  if (matcher.kind === 'one-of') return oneOf(...matcher.alternatives.map(withoutTrailingWhitespace));
  return matcher;
}
