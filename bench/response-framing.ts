/**
 * Just enough response framing for the benchmark's own raw-socket clients: the servers under
 * test answer `GET /` with Content-Length, so a response is complete once its head and that
 * many body bytes are in. Not a validating parser: the conformance suite checks correctness.
 */
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

/** A whole response at the start of a buffer: its status and how many bytes it takes. */
export interface CompleteResponse {
  readonly status: number;
  readonly length: number;
}

/** The response at the start of `received` once it is whole (more may follow), else undefined. */
export function maybeCompleteResponse(received: Buffer): CompleteResponse | undefined {
  const headEnd = received.indexOf(HEAD_END);
  if (headEnd === -1) return undefined;
  const head = received.toString('latin1', 0, headEnd);
  const length = headEnd + HEAD_END.length + Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
  if (received.length < length) return undefined;
  return { status: Number(head.slice(9, 12)), length };
}

/** The status code once `received` holds a whole response (and maybe more), else undefined. */
export function maybeCompleteStatus(received: Buffer): number | undefined {
  return maybeCompleteResponse(received)?.status;
}
