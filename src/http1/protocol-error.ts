import { ERROR_STATUS, type ErrorCode } from './error-codes.js';

/**
 * A message that breaks HTTP/1.1's rules. Carries a stable code, the status a server should
 * answer with, and the offset of the offending byte in the connection's stream when known.
 */
export class ProtocolError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly offset: number | undefined;

  constructor(code: ErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.offset = offset;
  }
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return value instanceof ProtocolError;
}
