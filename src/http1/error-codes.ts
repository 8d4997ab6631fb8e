/**
 * Every way a message can be rejected, with the status a server answers it with.
 * The codes are stable strings: tests, fixtures and logs may rely on them.
 */
export const ERROR_STATUS = {
  REQUEST_LINE_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  TOO_MANY_HEADERS: 431,
  BODY_TOO_LARGE: 413,
  INVALID_REQUEST_LINE: 400,
  INVALID_METHOD: 400,
  /** RFC 9112 §3: a method longer than any the server implements. */
  METHOD_TOO_LONG: 501,
  INVALID_TARGET: 400,
  INVALID_VERSION: 400,
  UNSUPPORTED_VERSION: 505,
  INVALID_HEADER_NAME: 400,
  INVALID_HEADER_VALUE: 400,
  WHITESPACE_BEFORE_COLON: 400,
  OBS_FOLD: 400,
  BARE_CR: 400,
  BARE_LF: 400,
  MISSING_HOST: 400,
  DUPLICATE_HOST: 400,
  INVALID_HOST: 400,
  INVALID_CONTENT_LENGTH: 400,
  CONTENT_LENGTH_WITH_TRANSFER_ENCODING: 400,
  TRANSFER_ENCODING_IN_HTTP10: 400,
  CHUNKED_NOT_FINAL: 400,
  INVALID_TRANSFER_ENCODING: 400,
  UNSUPPORTED_TRANSFER_CODING: 501,
  INVALID_CHUNK: 400,
  INCOMPLETE_MESSAGE: 400,
  /** Raised by a server's clock, not by the parser: the request stalled. */
  REQUEST_TIMEOUT: 408,
  INVALID_STATUS_LINE: 502,
  UNEXPECTED_DATA: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
