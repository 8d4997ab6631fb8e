import type { Socket } from 'node:net';
import { ProtocolError, RequestParser, type BodyFraming, type RequestHead } from '../http1/index.js';
import { errorResponse } from './error-response.js';
import type { HttpDateClock } from './http-date-clock.js';
import type { MessageStore } from './message-store.js';
import type { ServerOptions } from './options.js';
import { CONTINUE_BYTES, pushResponse, responseBytes } from './response-writer.js';
import { maybeEarlyResult, route } from './routes.js';

export interface ConnectionContext {
  readonly options: ServerOptions;
  readonly store: MessageStore;
  readonly clock: HttpDateClock;
  readonly logHead: ((head: RequestHead) => void) | undefined;
}

/** Where a connection is in its life; each phase has its own deadline. */
type Phase = 'idle' | 'request' | 'closing';

/** How long a closing connection keeps reading (and dropping) input before it is cut. */
const LINGER_MS = 2_000;
/** Past this many unsent bytes, stop reading until the client reads its responses. */
const WRITE_HIGH_WATER = 256 * 1024;
/** Up to this size, the buffers of one write are copied into one; past it, they go out as they are (writev). */
const MAX_COALESCED_BYTES = 64 * 1024;

/**
 * One client connection: socket bytes → parser → route → serialized response → socket.
 * Requests are answered synchronously in arrival order, so pipelined responses keep their order,
 * and the responses produced from one chunk of input go out in one write — at most about
 * WRITE_HIGH_WATER bytes of them: the rest are answered once the client has read those.
 */
export class ServerConnection {
  private readonly parser: RequestParser;
  private phase: Phase = 'idle';
  /** Epoch ms at which the current phase times out; checked by the server's sweep. */
  deadline = 0;
  private draining = false;
  /** Answering the buffered requests waits for the client to read what was written (or for the next turn of the loop). */
  private answerDeferred = false;

  constructor(
    private readonly socket: Socket,
    private readonly context: ConnectionContext,
  ) {
    this.parser = new RequestParser({ limits: context.options.limits, allowBareLf: true });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // A reset or broken pipe ends the connection; there is no one left to answer.
    socket.on('error', () => socket.destroy());
    this.enter('idle', Date.now());
  }

  get isIdle(): boolean {
    return this.phase === 'idle';
  }

  private onData(chunk: Buffer): void {
    if (this.phase === 'closing') return;
    this.parser.feed(chunk);
    this.answer();
  }

  /** Answers what the parser holds (up to the write budget), writes it, and moves to the next phase. */
  private answer(): void {
    // The clock is read once per chunk of input: for the Date of its responses and the next deadline.
    const now = Date.now();
    const out: Buffer[] = [];
    const { close, answered, full } = this.answerAvailable(out, this.context.clock.at(now));
    if (out.length > 0) this.write(out);
    if (close) this.closeAfterFlush(now);
    else if (!this.parser.hasPartialMessage) this.enter('idle', now);
    else if (this.phase !== 'request' || answered) this.enter('request', now);
    this.applyBackpressure(full);
  }

  /**
   * One write for the responses to one chunk of input: small ones copied into one buffer,
   * large ones (a big store listed) handed over as they are, corked so they still go out in one
   * writev rather than being copied again.
   */
  private write(out: Buffer[]): void {
    if (out.length === 1) {
      this.socket.write(out[0]!);
      return;
    }
    let bytes = 0;
    for (const buffer of out) bytes += buffer.length;
    if (bytes <= MAX_COALESCED_BYTES) {
      this.socket.write(Buffer.concat(out, bytes));
      return;
    }
    this.socket.cork();
    for (const buffer of out) this.socket.write(buffer);
    this.socket.uncork();
  }

  /**
   * Parses and answers the complete requests buffered, until about WRITE_HIGH_WATER bytes of
   * responses are ready (`full`): pipelined GETs of a large store must not all be built at once.
   * Says whether to close.
   */
  private answerAvailable(out: Buffer[], date: string): { close: boolean; answered: boolean; full: boolean } {
    let answered = false;
    let bytes = 0;
    for (;;) {
      if (bytes >= WRITE_HIGH_WATER) return { close: false, answered, full: true };
      const event = this.parser.next();
      switch (event.kind) {
        case 'need-data':
        case 'closed':
          return { close: false, answered, full: false };
        case 'head':
          if (this.onHead(event.head, event.framing, out, date)) return { close: true, answered, full: false };
          break;
        case 'message': {
          answered = true;
          const keepAlive = event.head.keepAlive && !this.draining;
          const { head } = event;
          bytes += pushResponse(out, route(head, event.body, this.context.store), keepAlive, head.method === 'HEAD', date);
          if (!keepAlive) return { close: true, answered, full: false };
          break;
        }
        case 'error':
          pushResponse(out, errorResponse(event.error), false, false, date);
          return { close: true, answered, full: false };
      }
    }
  }

  /**
   * A head has arrived. With `Expect: 100-continue`, either answer now with the final status
   * the request will get whatever its body (then close: the body will not be read), or invite
   * the body with 100 Continue (RFC 9110 §10.1.1). Returns true when the connection must close.
   */
  private onHead(head: RequestHead, framing: BodyFraming, out: Buffer[], date: string): boolean {
    this.context.logHead?.(head);
    const bodyFollows = framing.kind === 'chunked' || (framing.kind === 'length' && framing.length > 0);
    if (!head.expectContinue || !bodyFollows) return false;
    const early = maybeEarlyResult(head);
    if (early === undefined) {
      out.push(CONTINUE_BYTES);
      return false;
    }
    // HEAD is answered without a body here too (RFC 9110 §9.3.2), or the client misreads the stream.
    pushResponse(out, early, false, head.method === 'HEAD', date);
    return true;
  }

  private enter(phase: Phase, now: number): void {
    this.phase = phase;
    const { idleTimeoutMs, requestTimeoutMs } = this.context.options;
    this.deadline = now + (phase === 'idle' ? idleTimeoutMs : phase === 'request' ? requestTimeoutMs : LINGER_MS);
  }

  /**
   * Sends FIN once everything written is flushed, then keeps reading and dropping input for a
   * while: closing with unread input would send RST, which can destroy the response in flight.
   */
  private closeAfterFlush(now: number): void {
    this.enter('closing', now);
    this.socket.resume();
    this.socket.end();
  }

  /**
   * When much is unsent, or answered requests are still buffered (`full`): if the socket still
   * holds unsent bytes, stop reading until 'drain', then answer the rest; if the write was
   * flushed at once (no 'drain' will come), answer the rest on the next turn of the loop.
   */
  private applyBackpressure(full: boolean): void {
    if (this.phase === 'closing' || this.answerDeferred) return;
    const mustWait = this.socket.writableNeedDrain && (full || this.socket.writableLength > WRITE_HIGH_WATER);
    if (!mustWait && !full) return;
    this.answerDeferred = true;
    const proceed = (): void => {
      this.answerDeferred = false;
      if (this.phase === 'closing' || this.socket.destroyed) return;
      this.socket.resume();
      this.answer();
    };
    if (mustWait) {
      this.socket.pause();
      this.socket.once('drain', proceed);
    } else {
      setImmediate(proceed);
    }
  }

  /** Called by the server's sweep once `deadline` has passed. */
  onDeadline(now: number): void {
    switch (this.phase) {
      case 'idle':
        this.closeAfterFlush(now);
        return;
      case 'request': {
        const timeout = new ProtocolError('REQUEST_TIMEOUT', `Request not complete within ${this.context.options.requestTimeoutMs} ms`);
        this.socket.write(responseBytes(errorResponse(timeout), this.context.clock));
        this.closeAfterFlush(now);
        return;
      }
      case 'closing':
        this.socket.destroy();
    }
  }

  /** Server shutdown: idle connections close now, busy ones after their current response. */
  drain(now: number): void {
    this.draining = true;
    if (this.phase === 'idle') this.closeAfterFlush(now);
  }

  destroy(): void {
    this.socket.destroy();
  }
}
