import { announcesClose } from '../http1/index.js';
import type { ClientTls } from './connect-socket.js';
import { Connection, DEFAULT_READ_TIMEOUT_MS, type SendOptions } from './connection.js';
import type { ReceivedResponse } from './received-response.js';
import { maybeRequestMethod } from './request-method.js';
import type { Transcript } from './transcript.js';

export interface ExchangeOptions extends SendOptions {
  readonly host: string;
  readonly port: number;
  /** Over TLS (`Connection.open`). */
  readonly tls?: ClientTls;
  /** The request, sent exactly (a string as UTF-8). */
  readonly bytes: Uint8Array | string;
  /** The request's method, for framing the response; by default the first word of `bytes`. */
  readonly method?: string;
  /** Bounds the connect and the read, each. */
  readonly timeoutMs?: number;
  /**
   * How long to wait for the server to close after the response. By default as long as
   * `timeoutMs` when the response announces the close, else not at all.
   */
  readonly closeWaitMs?: number;
}

export interface ExchangeResult {
  readonly transcript: Transcript;
  readonly response: ReceivedResponse;
  /** Whether the server closed the connection after the response (within `closeWaitMs`). */
  readonly closed: boolean;
}

/**
 * The common case in one call: connect, send one request, read its response, note whether the
 * server closes, disconnect. A failure rejects with a ClientError that carries the transcript.
 */
export async function exchange(options: ExchangeOptions): Promise<ExchangeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const connection = await Connection.open({ host: options.host, port: options.port, connectTimeoutMs: timeoutMs, tls: options.tls });
  try {
    await connection.send(options.bytes, options);
    const method = options.method ?? maybeRequestMethod(options.bytes) ?? 'GET';
    const response = await connection.readResponse({ method, timeoutMs });
    const closeWaitMs = options.closeWaitMs ?? (announcesClose(response.response) ? timeoutMs : 0);
    const close = await connection.waitForClose(closeWaitMs);
    return { transcript: connection.transcript, response, closed: close.closed };
  } finally {
    await connection.close();
  }
}
