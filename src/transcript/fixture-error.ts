/**
 * Every way a fixture file can be malformed. The codes are stable strings: tests and tools may
 * rely on them.
 */
export const FIXTURE_ERROR_CODES = [
  /** The file could not be read. */
  'UNREADABLE_FILE',
  /** The text is not well-formed YAML (or holds more than one document). */
  'YAML_SYNTAX',
  /** A key the schema does not know, e.g. a misspelt `methd`. */
  'UNKNOWN_KEY',
  /** A required key is missing, e.g. `why`. */
  'MISSING_KEY',
  /** A key is present without a value. */
  'MISSING_VALUE',
  /** A value of the wrong YAML type, e.g. a list where a string belongs. */
  'WRONG_TYPE',
  /** A value outside the allowed set, e.g. `body-trailing-whitespace: sometimes`. */
  'BAD_VALUE',
  /** Keys that exclude each other, e.g. `raw` together with `method`. */
  'CONFLICTING_KEYS',
  /** A YAML tag other than the ones the schema knows (`!re`, `!exact`). */
  'UNKNOWN_TAG',
  /** A `<name>` matcher, or a matcher mapping, that does not exist. */
  'UNKNOWN_MATCHER',
  /** A matcher used where it cannot apply, e.g. `<absent>` for a body. */
  'MATCHER_NOT_ALLOWED',
  /** A regular expression that does not compile, or uses a stateful flag. */
  'BAD_REGEX',
  /** A status that is not a code, a class like `4xx`, or a list of those. */
  'BAD_STATUS',
  /** A backslash escape in `raw` text that the convention does not define. */
  'BAD_ESCAPE',
  /** `raw` written as a double-quoted YAML string, whose escapes YAML would decode first. */
  'DOUBLE_QUOTED_RAW',
  /** A placeholder used where it has no value, e.g. `{body-length}` in `raw`. */
  'PLACEHOLDER_NOT_ALLOWED',
  /** A request header entry that is not `Name: value`, or an expected header name that is not a token. */
  'BAD_HEADER',
  /** The same expected header named twice (names compare case-insensitively). */
  'DUPLICATE_HEADER',
] as const;

export type FixtureErrorCode = (typeof FIXTURE_ERROR_CODES)[number];

/**
 * A fixture file that cannot be used. The message starts with `file:line:column` and says what
 * is wrong, so an editor can jump to it.
 */
export class FixtureError extends Error {
  readonly code: FixtureErrorCode;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What is wrong, without the location. */
  readonly problem: string;

  constructor(code: FixtureErrorCode, file: string, line: number, column: number, problem: string) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'FixtureError';
    this.code = code;
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }
}

export function isFixtureError(value: unknown): value is FixtureError {
  return value instanceof FixtureError;
}
