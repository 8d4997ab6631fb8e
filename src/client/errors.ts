import type { ProtocolError } from '../http1/index.js';
import type { Transcript } from './transcript.js';

/** Every way the client can fail: stable strings that tests, reports and logs may rely on. */
export type ClientErrorCode =
  | 'CONNECT_REFUSED'
  | 'CONNECT_TIMEOUT'
  | 'CONNECT_FAILED'
  | 'TLS_FAILED'
  | 'SEND_FAILED'
  | 'READ_TIMEOUT'
  | 'MALFORMED_RESPONSE'
  | 'CLOSED_BEFORE_RESPONSE';

/**
 * The root of the client's errors. Its message is one line a person can read; `code` is what
 * code should branch on. `received` holds the bytes that arrived for the failed read, exactly.
 */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  readonly received: Buffer;
  /** The connection's transcript up to the failure, so that a failed exchange can still be reported. */
  transcript: Transcript | undefined = undefined;

  constructor(code: ClientErrorCode, message: string, received: Buffer = Buffer.alloc(0), options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.received = received;
  }
}

export function isClientError(value: unknown): value is ClientError {
  return value instanceof ClientError;
}

/** Nothing listens on the port: the server answered the connection attempt with a reset. */
export class ConnectRefusedError extends ClientError {
  constructor(host: string, port: number, cause: unknown) {
    super('CONNECT_REFUSED', `cannot connect to ${host}:${port}: connection refused`, undefined, { cause });
  }
}

/** The connection was not established within the connect timeout. */
export class ConnectTimeoutError extends ClientError {
  constructor(host: string, port: number, timeoutMs: number) {
    super('CONNECT_TIMEOUT', `cannot connect to ${host}:${port}: no answer within ${timeoutMs} ms`);
  }
}

/** The connection failed for another reason: an unknown host, an unreachable network… */
export class ConnectFailedError extends ClientError {
  constructor(host: string, port: number, cause: unknown) {
    super('CONNECT_FAILED', `cannot connect to ${host}:${port}: ${describeSystemError(cause)}`, undefined, { cause });
  }
}

/**
 * The TCP connection was made but the TLS handshake failed: a certificate not trusted or for
 * another name, a server that does not speak TLS on that port, no protocol in common (ALPN).
 */
export class TlsFailedError extends ClientError {
  /** What went wrong, without the address: `self-signed certificate (--insecure accepts it)`. */
  readonly reason: string;

  constructor(host: string, port: number, cause: unknown) {
    const reason = describeTlsError(cause);
    super('TLS_FAILED', `cannot connect to ${host}:${port}: TLS handshake failed: ${reason}`, undefined, { cause });
    this.reason = reason;
  }
}

/** The connection broke while bytes were being written to it. */
export class SendFailedError extends ClientError {
  constructor(cause: unknown) {
    super('SEND_FAILED', `cannot send: ${describeSystemError(cause)}`, undefined, { cause });
  }
}

/** No complete response arrived within the read timeout; `received` is what did arrive. */
export class ReadTimeoutError extends ClientError {
  constructor(timeoutMs: number, received: Buffer) {
    super('READ_TIMEOUT', `no complete response within ${timeoutMs} ms (${received.length} bytes received)`, received);
  }
}

/** The bytes received are not an HTTP/1.1 response (or stop inside one); `cause` is the parser's error. */
export class MalformedResponseError extends ClientError {
  declare readonly cause: ProtocolError;

  constructor(received: Buffer, cause: ProtocolError) {
    const at = cause.offset === undefined ? '' : ` at byte ${cause.offset}`;
    super('MALFORMED_RESPONSE', `malformed response: ${cause.message} (${cause.code}${at})`, received, { cause });
  }
}

/** The server closed the connection before sending any byte of a response. */
export class ClosedBeforeResponseError extends ClientError {
  constructor(received: Buffer) {
    super('CLOSED_BEFORE_RESPONSE', 'the server closed the connection before responding', received);
  }
}

/** `connection refused`, `getaddrinfo ENOTFOUND nowhere`: the words of a Node system error, without its stack. */
function describeSystemError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return SYSTEM_ERROR_WORDS[code ?? ''] ?? error.message;
}

/**
 * OpenSSL's own reason (`wrong version number`) rather than its message, which names its source
 * file; node's words for a certificate check (`self-signed certificate`), with what to do about it.
 */
function describeTlsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code = '', reason, library } = error as NodeJS.ErrnoException & { reason?: unknown; library?: unknown };
  const fromOpenSsl = typeof library === 'string' && typeof reason === 'string';
  // Node's host check ends its message with a colon and an empty list.
  const words = fromOpenSsl ? reason : (SYSTEM_ERROR_WORDS[code] ?? error.message.replace(/[\s:]+$/, ''));
  return `${words}${TLS_ERROR_HINTS.find(([pattern]) => pattern.test(code))?.[1] ?? ''}`;
}

/** What a user can do, by the error's code. */
const TLS_ERROR_HINTS: readonly (readonly [RegExp, string])[] = [
  [/^ERR_TLS_CERT_ALTNAME_INVALID$/, ' (--servername names the host the certificate is for, --insecure accepts it)'],
  [/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/, ' (--insecure accepts it, NODE_EXTRA_CA_CERTS=FILE trusts its CA)'],
  [/^ERR_SSL_WRONG_VERSION_NUMBER$/, ' (does the server speak TLS on this port?)'],
];

const SYSTEM_ERROR_WORDS: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'the server closed the connection',
  ERR_STREAM_DESTROYED: 'the connection is closed',
  ERR_STREAM_WRITE_AFTER_END: 'the connection is closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
};
