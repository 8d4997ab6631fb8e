import type { ClientError, ClientErrorCode } from './errors.js';
import type { ReceivedResponse } from './received-response.js';
import type { ReceivedChunk, ReceivedStream } from './received-stream.js';

/**
 * Everything that happened on one connection, as plain data a report can attach: the bytes out
 * with their fragment boundaries, the bytes in exactly as they arrived, the responses parsed
 * from them, the close and the errors. Times are milliseconds since the connection attempt began.
 */
export interface Transcript {
  readonly host: string;
  readonly port: number;
  /** When the connection attempt began (ISO 8601). */
  readonly startedAt: string;
  /** Undefined until the connection is established, and for good when it never was. */
  readonly connected: ConnectedEndpoints | undefined;
  readonly sent: readonly SentFragment[];
  readonly received: readonly ReceivedChunk[];
  readonly responses: readonly ReceivedResponse[];
  /** Undefined while the connection is open. */
  readonly closed: ConnectionClose | undefined;
  readonly errors: readonly TranscriptError[];
}

/** When the connection was established, and its two ends as the socket saw them (a capture's addresses and ports). */
export interface ConnectedEndpoints {
  readonly atMs: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** One write to the socket. */
export interface SentFragment {
  readonly atMs: number;
  /** Which call of `send` or `sendInParts` wrote it, from 0: fragments of one request share it. */
  readonly sendIndex: number;
  readonly bytes: Buffer;
}

/** How the connection ended: whoever acted first. */
export interface ConnectionClose {
  readonly atMs: number;
  readonly by: 'server' | 'client';
  /** True when the server reset the connection rather than closing it in order. */
  readonly reset: boolean;
}

export interface TranscriptError {
  readonly atMs: number;
  readonly code: ClientErrorCode;
  readonly message: string;
}

/** Collects a connection's transcript as it happens; `snapshot` hands out a copy. */
export class TranscriptRecorder {
  private readonly origin = performance.now();
  private readonly startedAt = new Date().toISOString();
  private readonly sent: SentFragment[] = [];
  private readonly responses: ReceivedResponse[] = [];
  private readonly errors: TranscriptError[] = [];
  private close: ConnectionClose | undefined;
  private connected: ConnectedEndpoints | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly received: ReceivedStream,
  ) {}

  /** The transcript's clock: milliseconds since the recorder was made, with the connection attempt. */
  elapsedMs(): number {
    return performance.now() - this.origin;
  }

  get closed(): ConnectionClose | undefined {
    return this.close;
  }

  recordConnected(endpoints: Omit<ConnectedEndpoints, 'atMs'>): void {
    this.connected = { atMs: this.elapsedMs(), ...endpoints };
  }

  recordSent(sendIndex: number, bytes: Buffer): void {
    this.sent.push({ atMs: this.elapsedMs(), sendIndex, bytes });
  }

  recordResponse(response: ReceivedResponse): void {
    this.responses.push(response);
  }

  /** Records the end of the connection; only the first call counts, as that side acted first. */
  recordClose(by: ConnectionClose['by'], reset: boolean): void {
    this.close ??= { atMs: this.elapsedMs(), by, reset };
  }

  recordError(error: ClientError): void {
    this.errors.push({ atMs: this.elapsedMs(), code: error.code, message: error.message });
  }

  snapshot(): Transcript {
    return {
      host: this.host,
      port: this.port,
      startedAt: this.startedAt,
      connected: this.connected,
      sent: [...this.sent],
      received: [...this.received.chunks],
      responses: [...this.responses],
      closed: this.close,
      errors: [...this.errors],
    };
  }
}

/** Every byte the client wrote, joined. */
export function sentBytes(transcript: Transcript): Buffer {
  return Buffer.concat(transcript.sent.map((fragment) => fragment.bytes));
}

/** Every byte the client received, joined. */
export function receivedBytes(transcript: Transcript): Buffer {
  return Buffer.concat(transcript.received.map((chunk) => chunk.bytes));
}
