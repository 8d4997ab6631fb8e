/**
 * What a fixture expects of the status code: one code (`200`), a class (`4xx`), a range
 * (`400-431`), or a list of those meaning "one of" (`[400, 408]`, `[404, 5xx]`). The
 * alternative `close` (`[400, close]`) tolerates a server that closes the connection without
 * sending any response; `wait` one that sends nothing for a while, still waiting for the rest of
 * what it was promised (a body a huge Content-Length announces).
 */
export type StatusMatcher = SingleStatusMatcher | StatusOneOfMatcher;

/** One alternative of a status expectation. */
export type SingleStatusMatcher = StatusCodeMatcher | StatusClassMatcher | StatusRangeMatcher | CloseWithoutResponseMatcher | WaitMatcher;

export interface StatusCodeMatcher {
  readonly kind: 'status-code';
  readonly code: number;
}

/** Any code whose first digit is `digit`, e.g. 4 for `4xx`. */
export interface StatusClassMatcher {
  readonly kind: 'status-class';
  readonly digit: number;
}

/** Any code from `min` to `max`, both included, e.g. 400-431. */
export interface StatusRangeMatcher {
  readonly kind: 'status-range';
  readonly min: number;
  readonly max: number;
}

/** No status at all: the server closed the connection without a response. Written `close`. */
export interface CloseWithoutResponseMatcher {
  readonly kind: 'close';
}

/** No status yet: the server sent nothing within the harness's short wait (`WAIT_MS`). Written `wait`. */
export interface WaitMatcher {
  readonly kind: 'wait';
}

export interface StatusOneOfMatcher {
  readonly kind: 'status-one-of';
  readonly alternatives: readonly SingleStatusMatcher[];
}

const STATUS_CODE = /^[1-5][0-9]{2}$/;
const STATUS_CLASS = /^([1-5])xx$/i;
const STATUS_RANGE = /^([1-5][0-9]{2})-([1-5][0-9]{2})$/;
export const CLOSE_WITHOUT_RESPONSE: CloseWithoutResponseMatcher = { kind: 'close' };
export const WAIT: WaitMatcher = { kind: 'wait' };
/** How long a fixture that allows `wait` waits for an answer before taking the silence as one. */
export const WAIT_MS = 1_000;

export function statusCode(code: number): StatusCodeMatcher {
  return { kind: 'status-code', code };
}

export function statusClass(digit: number): StatusClassMatcher {
  return { kind: 'status-class', digit };
}

export function statusRange(min: number, max: number): StatusRangeMatcher {
  return { kind: 'status-range', min, max };
}

export function statusOneOf(...alternatives: SingleStatusMatcher[]): StatusOneOfMatcher {
  return { kind: 'status-one-of', alternatives };
}

/** `200`, `4xx`, `400-431`, `close` or `wait` as a matcher; undefined for anything else (a range must not run backwards). */
export function maybeSingleStatusMatcher(text: string): SingleStatusMatcher | undefined {
  if (STATUS_CODE.test(text)) return statusCode(Number(text));
  if (text === 'close') return CLOSE_WITHOUT_RESPONSE;
  if (text === 'wait') return WAIT;
  const range = STATUS_RANGE.exec(text);
  if (range !== null) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    return min <= max ? statusRange(min, max) : undefined;
  }
  const found = STATUS_CLASS.exec(text);
  return found === null ? undefined : statusClass(Number(found[1]));
}

/** True when the expectation accepts a connection closed without any response (`close`). */
export function allowsCloseWithoutResponse(m: StatusMatcher): boolean {
  return allows(m, 'close');
}

/** True when the expectation accepts a server that sends nothing for `WAIT_MS` (`wait`). */
export function allowsWait(m: StatusMatcher): boolean {
  return allows(m, 'wait');
}

function allows(m: StatusMatcher, kind: 'close' | 'wait'): boolean {
  return m.kind === kind || (m.kind === 'status-one-of' && m.alternatives.some((alternative) => alternative.kind === kind));
}

export function matchesStatus(m: StatusMatcher, actual: number): boolean {
  switch (m.kind) {
    case 'status-code':
      return actual === m.code;
    case 'status-class':
      return Math.floor(actual / 100) === m.digit;
    case 'status-range':
      return actual >= m.min && actual <= m.max;
    case 'close':
    case 'wait':
      return false;
    case 'status-one-of':
      return m.alternatives.some((alternative) => matchesStatus(alternative, actual));
  }
}

/** The matcher as a fixture writes it: `200`, `4xx`, `400-431`, `close`, `wait`, `[400, close]`. */
export function describeStatus(m: StatusMatcher): string {
  switch (m.kind) {
    case 'status-code':
      return String(m.code);
    case 'status-class':
      return `${m.digit}xx`;
    case 'status-range':
      return `${m.min}-${m.max}`;
    case 'close':
    case 'wait':
      return m.kind;
    case 'status-one-of':
      return `[${m.alternatives.map(describeStatus).join(', ')}]`;
  }
}
