/**
 * What a fixture expects of the status code: one code (`200`), a class (`4xx`), or a list of
 * those meaning "one of" (`[400, 408]`, `[404, 5xx]`).
 */
export type StatusMatcher = StatusCodeMatcher | StatusClassMatcher | StatusOneOfMatcher;

export interface StatusCodeMatcher {
  readonly kind: 'status-code';
  readonly code: number;
}

/** Any code whose first digit is `digit`, e.g. 4 for `4xx`. */
export interface StatusClassMatcher {
  readonly kind: 'status-class';
  readonly digit: number;
}

export interface StatusOneOfMatcher {
  readonly kind: 'status-one-of';
  readonly alternatives: readonly (StatusCodeMatcher | StatusClassMatcher)[];
}

const STATUS_CODE = /^[1-5][0-9]{2}$/;
const STATUS_CLASS = /^([1-5])xx$/i;

export function statusCode(code: number): StatusCodeMatcher {
  return { kind: 'status-code', code };
}

export function statusClass(digit: number): StatusClassMatcher {
  return { kind: 'status-class', digit };
}

export function statusOneOf(...alternatives: (StatusCodeMatcher | StatusClassMatcher)[]): StatusOneOfMatcher {
  return { kind: 'status-one-of', alternatives };
}

/** `200` or `4xx` as a matcher; undefined for anything else. */
export function maybeSingleStatusMatcher(text: string): StatusCodeMatcher | StatusClassMatcher | undefined {
  if (STATUS_CODE.test(text)) return statusCode(Number(text));
  const found = STATUS_CLASS.exec(text);
  return found === null ? undefined : statusClass(Number(found[1]));
}

export function matchesStatus(m: StatusMatcher, actual: number): boolean {
  switch (m.kind) {
    case 'status-code':
      return actual === m.code;
    case 'status-class':
      return Math.floor(actual / 100) === m.digit;
    case 'status-one-of':
      return m.alternatives.some((alternative) => matchesStatus(alternative, actual));
  }
}

/** The matcher as a fixture writes it: `200`, `4xx`, `[400, 408]`. */
export function describeStatus(m: StatusMatcher): string {
  switch (m.kind) {
    case 'status-code':
      return String(m.code);
    case 'status-class':
      return `${m.digit}xx`;
    case 'status-one-of':
      return `[${m.alternatives.map(describeStatus).join(', ')}]`;
  }
}
