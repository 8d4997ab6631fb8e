import type { Response } from '../http1/index.js';

/** One response read from a connection: the final response, what came before it, and when. */
export interface ReceivedResponse {
  /** The method of the request it answers, which decided its framing (HEAD has no body). */
  readonly method: string;
  /** The final (non-1xx) response; its body is decoded from chunked coding when it was chunked. */
  readonly response: Response;
  /** The 1xx responses that came before it, in order. */
  readonly interim: readonly Response[];
  /** Every byte from the end of the previous response to the end of this one, exactly as received (1xx included). */
  readonly raw: Buffer;
  /** Where `raw` starts and ends in the connection's incoming stream. */
  readonly startOffset: number;
  readonly endOffset: number;
  readonly timings: ResponseTimings;
}

/** Milliseconds since the connection attempt began. */
export interface ResponseTimings {
  /** When the response's first byte arrived. */
  readonly firstByteAtMs: number;
  /** When its last byte arrived, or, for a body delimited by the close, when the connection closed. */
  readonly completeAtMs: number;
}
