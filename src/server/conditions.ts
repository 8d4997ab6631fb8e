import type { Headers } from '../http1/index.js';
import { parseHttpDate } from './http-date.js';

/** What a representation is compared by (RFC 9110 §8.8): a strong entity-tag and its last change. */
export interface Validators {
  /** Quoted, never weak: `"…"`. */
  readonly etag: string;
  /** Epoch milliseconds, whole seconds: what its `Last-Modified` says. */
  readonly lastModified: number;
}

/** The request fields that make a request conditional or partial, each field's lines in order. */
export interface ConditionalFields {
  ifMatch?: string[];
  ifNoneMatch?: string[];
  ifModifiedSince?: string[];
  ifUnmodifiedSince?: string[];
  range?: string[];
  ifRange?: string[];
}

const FIELD_KEYS: Readonly<Record<string, keyof ConditionalFields>> = {
  'if-match': 'ifMatch',
  'if-none-match': 'ifNoneMatch',
  'if-modified-since': 'ifModifiedSince',
  'if-unmodified-since': 'ifUnmodifiedSince',
  range: 'range',
  'if-range': 'ifRange',
};

/** The lengths of those names: most fields are passed over without being lower-cased. */
const FIELD_NAME_LENGTHS = new Set(Object.keys(FIELD_KEYS).map((name) => name.length));

/** Those fields of `headers`, in one pass; undefined when there is none (the usual request). */
export function conditionalFields(headers: Headers): ConditionalFields | undefined {
  let fields: ConditionalFields | undefined;
  for (const [name, value] of headers) {
    if (!FIELD_NAME_LENGTHS.has(name.length)) continue;
    const key = FIELD_KEYS[name.toLowerCase()];
    if (key === undefined) continue;
    fields ??= {};
    (fields[key] ??= []).push(value);
  }
  return fields;
}

/** What the preconditions decide: go on with the method, or answer 304 or 412 instead. */
export type PreconditionOutcome = 'proceed' | 304 | 412;

/**
 * RFC 9110 §13.2.2's order: If-Match, else If-Unmodified-Since; then If-None-Match, else (GET
 * and HEAD only) If-Modified-Since. `now` is the server's clock: an If-Modified-Since later than
 * it is ignored, since honouring it would hide every change made before that date arrives.
 * The caller evaluates preconditions only where the answer would otherwise be 2xx (§13.2.1).
 */
export function evaluatePreconditions(method: string, fields: ConditionalFields, current: Validators, now: number): PreconditionOutcome {
  const safe = method === 'GET' || method === 'HEAD';
  if (fields.ifMatch !== undefined) {
    // §13.1.1: the strong comparison; `*` matches, since the resource always has a representation.
    if (!anyTagMatches(fields.ifMatch, current.etag, true)) return 412;
  } else if (fields.ifUnmodifiedSince !== undefined) {
    const date = oneDate(fields.ifUnmodifiedSince);
    if (date !== undefined && current.lastModified > date) return 412;
  }
  if (fields.ifNoneMatch !== undefined) {
    // §13.1.2: the weak comparison.
    if (anyTagMatches(fields.ifNoneMatch, current.etag, false)) return safe ? 304 : 412;
  } else if (safe && fields.ifModifiedSince !== undefined) {
    const date = oneDate(fields.ifModifiedSince);
    if (date !== undefined && date <= now && current.lastModified <= date) return 304;
  }
  return 'proceed';
}

/**
 * §13.1.5: If-Range lets a Range through only when its validator is strong and matches. A date
 * is never taken for strong: one-second dates cannot tell apart two changes within a second.
 */
export function ifRangeHolds(values: readonly string[], current: Validators): boolean {
  // Field values arrive trimmed, and ours is strong: the strong comparison is equality.
  return values.length === 1 && values[0] === current.etag;
}

/** §13.1.3, §13.1.4: a field that is not exactly one valid HTTP-date is ignored. */
function oneDate(values: readonly string[]): number | undefined {
  return values.length === 1 ? parseHttpDate(values[0]!) : undefined;
}

/** `#entity-tag` with optional whitespace and empty list elements around each (RFC 9110 §5.6.1, §8.8.3). */
const LISTED_TAG = /[ \t,]*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")[ \t]*(?:,|$)/y;
const LIST_REST = /^[ \t,]*$/;

/**
 * True when `*` is the whole value, or one of the listed entity-tags matches `etag` (a strong
 * tag of ours). The strong comparison wants both tags strong; the weak one only the same
 * opaque-tag. A value that is not a valid list matches nothing.
 */
function anyTagMatches(values: readonly string[], etag: string, strong: boolean): boolean {
  const value = values.join(', ');
  if (value.trim() === '*') return true;
  let matched = false;
  LISTED_TAG.lastIndex = 0;
  while (LISTED_TAG.lastIndex < value.length) {
    const from = LISTED_TAG.lastIndex;
    const tag = LISTED_TAG.exec(value);
    if (tag === null) return LIST_REST.test(value.slice(from)) && matched;
    if (tag[2] === etag && !(strong && tag[1] !== undefined)) matched = true;
  }
  return matched;
}
