import { isHttpDate, isImfFixdate } from './http-date.js';

/**
 * What a fixture expects of one field value (a header's value, a reason phrase, a body).
 * `actual` is `undefined` when the field is not there at all.
 */
export type Matcher =
  | ExactMatcher
  | AnyMatcher
  | AbsentMatcher
  | HttpDateMatcher
  | ImfFixdateMatcher
  | NumberMatcher
  | RegexMatcher
  | ContainsMatcher
  | OneOfMatcher;

/** The value is exactly this text. */
export interface ExactMatcher {
  readonly kind: 'exact';
  readonly value: string;
}

/** The field is present, with any value (the empty value included). */
export interface AnyMatcher {
  readonly kind: 'any';
}

/** The field is not present. */
export interface AbsentMatcher {
  readonly kind: 'absent';
}

/** `Day, DD Mon YYYY HH:MM:SS ZONE` in any zone (SPEC §1). */
export interface HttpDateMatcher {
  readonly kind: 'http-date';
}

/** RFC 9110's IMF-fixdate: GMT, a real date, the right day name. */
export interface ImfFixdateMatcher {
  readonly kind: 'imf-fixdate';
}

/** One or more ASCII digits and nothing else. */
export interface NumberMatcher {
  readonly kind: 'number';
}

/** The regular expression finds a match somewhere in the value; anchor it with `^…$` to match all of it. */
export interface RegexMatcher {
  readonly kind: 'regex';
  readonly source: string;
  readonly flags: string;
  readonly pattern: RegExp;
}

/** The value contains this text. */
export interface ContainsMatcher {
  readonly kind: 'contains';
  readonly text: string;
}

/** At least one of the alternatives matches. */
export interface OneOfMatcher {
  readonly kind: 'one-of';
  readonly alternatives: readonly Matcher[];
}

export const ANY: AnyMatcher = { kind: 'any' };
export const ABSENT: AbsentMatcher = { kind: 'absent' };
export const HTTP_DATE: HttpDateMatcher = { kind: 'http-date' };
export const IMF_FIXDATE: ImfFixdateMatcher = { kind: 'imf-fixdate' };
export const NUMBER: NumberMatcher = { kind: 'number' };

/** The matchers written as `<name>` in a fixture, by name. */
export const NAMED_MATCHERS: ReadonlyMap<string, Matcher> = new Map<string, Matcher>([
  ['any', ANY],
  ['absent', ABSENT],
  ['http-date', HTTP_DATE],
  ['imf-fixdate', IMF_FIXDATE],
  ['number', NUMBER],
]);

/** Flags that keep a RegExp stateless (`g` and `y` make `test` depend on the previous call). */
const REGEX_FLAGS = /^[imsu]*$/;

export function exact(value: string): ExactMatcher {
  return { kind: 'exact', value };
}

export function contains(text: string): ContainsMatcher {
  return { kind: 'contains', text };
}

/** True for flags a regex matcher accepts: `i`, `m`, `s`, `u`. */
export function isSupportedRegexFlags(flags: string): boolean {
  return REGEX_FLAGS.test(flags);
}

/** @throws SyntaxError when `source` does not compile or `flags` holds anything but `i`, `m`, `s`, `u`. */
export function regex(source: string, flags = ''): RegexMatcher {
  if (!isSupportedRegexFlags(flags)) throw new SyntaxError(`unsupported regular expression flags '${flags}' (use i, m, s, u)`);
  return { kind: 'regex', source, flags, pattern: new RegExp(source, flags) };
}

export function oneOf(...alternatives: Matcher[]): OneOfMatcher {
  return { kind: 'one-of', alternatives };
}

const DIGITS = /^[0-9]+$/;

export function matches(m: Matcher, actual: string | undefined): boolean {
  switch (m.kind) {
    case 'absent':
      return actual === undefined;
    case 'one-of':
      return m.alternatives.some((alternative) => matches(alternative, actual));
    default:
      return actual !== undefined && matchesPresent(m, actual);
  }
}

function matchesPresent(m: Exclude<Matcher, AbsentMatcher | OneOfMatcher>, actual: string): boolean {
  switch (m.kind) {
    case 'exact':
      return actual === m.value;
    case 'any':
      return true;
    case 'http-date':
      return isHttpDate(actual);
    case 'imf-fixdate':
      return isImfFixdate(actual);
    case 'number':
      return DIGITS.test(actual);
    case 'regex':
      return m.pattern.test(actual);
    case 'contains':
      return actual.includes(m.text);
  }
}

/** The matcher as a fixture would write it, e.g. `<http-date>`, `!re '^text/plain'`, `[200, 204]`. */
export function describe(m: Matcher): string {
  switch (m.kind) {
    case 'exact':
      return describeExact(m.value);
    case 'any':
    case 'absent':
    case 'http-date':
    case 'imf-fixdate':
    case 'number':
      return `<${m.kind}>`;
    case 'regex':
      return m.flags === ''
        ? `!re ${singleQuoted(m.source)}`
        : `{regex: ${singleQuoted(m.source)}, flags: ${m.flags}}`;
    case 'contains':
      return `{contains: ${JSON.stringify(m.text)}}`;
    case 'one-of':
      return `[${m.alternatives.map(describe).join(', ')}]`;
  }
}

/** Text a fixture spells `<name>` means a named matcher; the literal text needs `!exact`. */
const NAMED_MATCHER_SHAPE = /^<[^<>]*>$/;
/** Text that would be misread unquoted: empty, edge spaces, controls, or YAML syntax up front. */
const NEEDS_QUOTES = /^$|^\s|\s$|[\x00-\x1f\x7f]|^[!\[{"'&*|>#%@`]/;

/** True when a fixture string of this shape names a matcher (`<any>`, `<http-date>`…) rather than text. */
export function looksLikeNamedMatcher(text: string): boolean {
  return NAMED_MATCHER_SHAPE.test(text);
}

function describeExact(value: string): string {
  if (looksLikeNamedMatcher(value)) return `!exact ${singleQuoted(value)}`;
  return NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
}

function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
