import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ResponseParser, type Response, type ResponseEvent } from '../http1/index.js';
import { connectSocket, type ClientTls } from './connect-socket.js';
import { ClosedBeforeResponseError, MalformedResponseError, ReadTimeoutError, SendFailedError, isClientError, type ClientError } from './errors.js';
import type { ReceivedResponse } from './received-response.js';
import { ReceivedStream } from './received-stream.js';
import { TranscriptRecorder, type ConnectionClose, type Transcript } from './transcript.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs?: number;
  /** Over TLS; what is sent, read and recorded are the bytes inside it, as if over plain TCP. */
  readonly tls?: ClientTls;
}

export interface SendOptions {
  /** Write the bytes in pieces of this many bytes, each its own write (default: all at once). */
  readonly fragmentSize?: number;
  /** Wait this long between fragments. */
  readonly delayMs?: number;
}

/** One piece of a request sent by `sendInParts`, and the pause after it. */
export interface SendPart {
  readonly bytes: Uint8Array | string;
  readonly delayAfterMs: number;
}

export interface ReadOptions {
  /** The method of the request the response answers; it decides the framing (HEAD has no body). */
  readonly method?: string;
  readonly timeoutMs?: number;
}

/** Whether the connection has closed; if so who closed it, when, and how long after the last response read. */
export type CloseObservation =
  | { readonly closed: false }
  | (ConnectionClose & { readonly closed: true; readonly afterResponseMs: number | undefined });

/**
 * A scriptable HTTP/1.1 client connection over node:net, or node:tls. It sends exact bytes, whole or in timed
 * fragments, and reads responses one at a time through the sans-I/O ResponseParser, recording
 * everything in a transcript. Every ClientError it throws carries that transcript.
 *
 * Requests may be pipelined: send N requests, then call `readResponse` N times, each with the
 * method of the request it answers, in order.
 */
export class Connection {
  private readonly parser = new ResponseParser({ allowBareLf: true });
  /** How many received chunks the parser has been fed: it is fed only while a response is read. */
  private fedChunks = 0;
  /** True once the server can send nothing more: it closed or reset the connection. */
  private inputEnded = false;
  /** Where the last response read ends in the incoming stream. */
  private responseEnd = 0;
  private lastResponse: ReceivedResponse | undefined;
  private sends = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly socket: Socket,
    private readonly recorder: TranscriptRecorder,
    private readonly received: ReceivedStream,
  ) {
    const { localAddress = '', localPort = 0, remoteAddress = '', remotePort = 0 } = socket;
    recorder.recordConnected({ localAddress, localPort, remoteAddress, remotePort });
    // Without Nagle's algorithm each fragment leaves as its own segment.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      received.append(chunk, recorder.elapsedMs());
      this.notify();
    });
    socket.on('end', () => this.onInputEnded(false));
    socket.on('close', (hadError) => this.onInputEnded(hadError));
    // A reset or a failed write also ends in 'close'; the error itself reaches whoever was writing.
    socket.on('error', () => {});
  }

  static async open({ host, port, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS, tls }: OpenOptions): Promise<Connection> {
    const received = new ReceivedStream();
    const recorder = new TranscriptRecorder(host, port, received);
    try {
      return new Connection(await connectSocket(host, port, connectTimeoutMs, tls), recorder, received);
    } catch (error) {
      throw isClientError(error) ? recordFailure(recorder, error) : error;
    }
  }

  /** A copy of the transcript so far. */
  get transcript(): Transcript {
    return this.recorder.snapshot();
  }

  get isClosed(): boolean {
    return this.recorder.closed !== undefined;
  }

  /** Writes `bytes` exactly (a string as UTF-8), whole or in fragments, each awaited until flushed. */
  async send(bytes: Uint8Array | string, { fragmentSize, delayMs = 0 }: SendOptions = {}): Promise<void> {
    const data = toBuffer(bytes);
    const size = fragmentSize ?? Math.max(data.length, 1);
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`fragmentSize must be a positive integer, not ${size}`);
    const sendIndex = this.sends++;
    for (let at = 0; at < data.length; at += size) {
      if (at > 0 && delayMs > 0) await sleep(delayMs);
      await this.write(data.subarray(at, at + size), sendIndex);
    }
  }

  /** Writes each part as its own write and waits `delayAfterMs` after it: "10 bytes, 200 ms, the rest". */
  async sendInParts(parts: readonly SendPart[]): Promise<void> {
    const sendIndex = this.sends++;
    for (const part of parts) {
      await this.write(toBuffer(part.bytes), sendIndex);
      if (part.delayAfterMs > 0) await sleep(part.delayAfterMs);
    }
  }

  /**
   * Reads the next response, framed by Content-Length, chunked coding or the close, with the 1xx
   * responses before it. Rejects with READ_TIMEOUT, MALFORMED_RESPONSE or CLOSED_BEFORE_RESPONSE.
   */
  async readResponse({ method = 'GET', timeoutMs = DEFAULT_READ_TIMEOUT_MS }: ReadOptions = {}): Promise<ReceivedResponse> {
    this.parser.expectResponseTo(method);
    const deadline = this.recorder.elapsedMs() + timeoutMs;
    const start = this.responseEnd;
    const interim: Response[] = [];
    let delimitedByClose = false;
    for (;;) {
      const event = this.nextEvent();
      switch (event.kind) {
        case 'head':
          delimitedByClose = event.framing.kind === 'until-close';
          break;
        case 'message': {
          const response: Response = { ...event.head, body: event.body };
          if (response.status >= 200) return this.completeResponse(method, response, interim, start, delimitedByClose);
          interim.push(response);
          break;
        }
        case 'error':
          throw this.fail(new MalformedResponseError(this.received.slice(start), event.error));
        case 'closed':
          throw this.fail(new ClosedBeforeResponseError(this.received.slice(start)));
        case 'need-data':
          if (!(await this.waitForChange(deadline))) throw this.fail(new ReadTimeoutError(timeoutMs, this.received.slice(start)));
      }
    }
  }

  /** Waits up to `timeoutMs` for the connection to close; says whether and when it did. */
  async waitForClose(timeoutMs: number): Promise<CloseObservation> {
    const deadline = this.recorder.elapsedMs() + timeoutMs;
    while (!this.isClosed && (await this.waitForChange(deadline)));
    return this.closeObservation();
  }

  /**
   * Waits `ms` (less if the server closes) and returns every byte received past the last response
   * read: what a server sent unasked, e.g. a body after a HEAD response. Nothing is consumed.
   */
  async bytesAfter(ms: number): Promise<Buffer> {
    const deadline = this.recorder.elapsedMs() + ms;
    while (!this.inputEnded && (await this.waitForChange(deadline)));
    return this.received.slice(this.responseEnd);
  }

  /** Closes the connection from the client's side; a no-op once it is closed. */
  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    this.recorder.recordClose('client', false);
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    // Every write has been awaited, so nothing is pending: destroying sends the FIN at once.
    this.socket.destroy();
    await closed;
  }

  private async write(fragment: Buffer, sendIndex: number): Promise<void> {
    if (fragment.length === 0) return;
    this.recorder.recordSent(sendIndex, fragment);
    try {
      await writeToSocket(this.socket, fragment);
    } catch (error) {
      throw this.fail(new SendFailedError(error));
    }
  }

  /** Feeds the parser what arrived since it was last asked, then asks it for its next event. */
  private nextEvent(): ResponseEvent {
    const chunks = this.received.chunks;
    for (; this.fedChunks < chunks.length; this.fedChunks++) this.parser.feed(chunks[this.fedChunks]!.bytes);
    if (this.inputEnded) this.parser.end();
    return this.parser.next();
  }

  private completeResponse(method: string, response: Response, interim: Response[], start: number, delimitedByClose: boolean): ReceivedResponse {
    // Right after a message the parser holds only the unparsed bytes that follow it.
    const end = this.received.length - this.parser.bufferedBytes;
    const closedAtMs = this.recorder.closed?.atMs;
    const received: ReceivedResponse = {
      method,
      response,
      interim,
      raw: this.received.slice(start, end),
      startOffset: start,
      endOffset: end,
      timings: {
        firstByteAtMs: this.received.arrivalAtMs(start),
        completeAtMs: delimitedByClose && closedAtMs !== undefined ? closedAtMs : this.received.arrivalAtMs(end - 1),
      },
    };
    this.responseEnd = end;
    this.lastResponse = received;
    this.recorder.recordResponse(received);
    return received;
  }

  private closeObservation(): CloseObservation {
    const close = this.recorder.closed;
    if (close === undefined) return { closed: false };
    const completeAtMs = this.lastResponse?.timings.completeAtMs;
    return { ...close, closed: true, afterResponseMs: completeAtMs === undefined ? undefined : close.atMs - completeAtMs };
  }

  private onInputEnded(reset: boolean): void {
    this.inputEnded = true;
    this.recorder.recordClose('server', reset);
    this.notify();
  }

  private notify(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves true when something arrives or the connection ends, false when `deadline` passes first. */
  private waitForChange(deadline: number): Promise<boolean> {
    const remaining = deadline - this.recorder.elapsedMs();
    if (remaining <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve(false);
      }, remaining);
      this.waiters.add(wake);
    });
  }

  private fail<E extends ClientError>(error: E): E {
    return recordFailure(this.recorder, error);
  }
}

/** Records `error` in the transcript and attaches the transcript to it. */
function recordFailure<E extends ClientError>(recorder: TranscriptRecorder, error: E): E {
  recorder.recordError(error);
  error.transcript = recorder.snapshot();
  return error;
}

/** Resolves once the socket has handed `bytes` to the kernel: a write, awaited until drained. */
function writeToSocket(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

function toBuffer(bytes: Uint8Array | string): Buffer {
  if (typeof bytes === 'string') return Buffer.from(bytes, 'utf8');
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
