import type { Socket } from 'node:net';
import { ProtocolError, RequestParser, type BodyFraming, type RequestHead } from '../http1/index.js';
import { errorResponse } from './error-response.js';
import type { HttpDateClock } from './http-date-clock.js';
import type { ServerOptions } from './options.js';
import { ResponseBatch } from './response-batch.js';
import { CONTINUE_BYTES, type ResponseWriter } from './response-writer.js';
import type { Router } from './routes.js';

export interface ConnectionContext {
  readonly options: ServerOptions;
  /** The server's own, over its store. */
  readonly router: Router;
  readonly clock: HttpDateClock;
  /** The server's own: what it caches is shared by its connections only. */
  readonly responses: ResponseWriter;
  readonly logHead: ((head: RequestHead) => void) | undefined;
}

/** Where a connection is in its life; each phase has its own deadline. */
type Phase = 'idle' | 'request' | 'closing';

/** Why answering stopped: the parser needs more input, the connection must close, or the write budget is spent. */
type Stop = 'need-data' | 'close' | 'full';

/** How long a closing connection keeps reading (and dropping) input before it is cut. */
const LINGER_MS = 2_000;
/** Past this many unsent bytes, stop reading until the client reads its responses. */
const WRITE_HIGH_WATER = 256 * 1024;

/** A reset or broken pipe ends the connection; there is no one left to answer. */
function destroyOnError(this: Socket): void {
  this.destroy();
}

/**
 * One client connection: socket bytes → parser → route → serialized response → socket.
 * Requests are answered synchronously in arrival order, so pipelined responses keep their order,
 * and the responses produced from one chunk of input go out in one write — at most about
 * WRITE_HIGH_WATER bytes of them: the rest are answered once the client has read those.
 */
export class ServerConnection {
  private readonly parser: RequestParser;
  /** The responses to the chunk being answered; reused, so that answering allocates no array. */
  private readonly batch = new ResponseBatch();
  /** Requests answered so far. */
  private answered = 0;
  private phase: Phase = 'idle';
  /** Epoch ms at which the current phase times out; checked by the server's sweep. */
  deadline = 0;
  /** Where the server's ConnectionList holds this connection; -1 when it does not. */
  listIndex = -1;
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
    socket.on('error', destroyOnError);
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
    const answeredBefore = this.answered;
    const stop = this.answerAvailable(this.context.clock.at(now));
    this.batch.writeTo(this.socket);
    if (stop === 'close') this.closeAfterFlush(now);
    else if (!this.parser.hasPartialMessage) this.enter('idle', now);
    else if (this.phase !== 'request' || this.answered !== answeredBefore) this.enter('request', now);
    this.applyBackpressure(stop === 'full');
  }

  /**
   * Parses and answers the complete requests buffered into the batch, until about
   * WRITE_HIGH_WATER bytes of responses are ready: pipelined GETs of a large store must not all
   * be built at once.
   */
  private answerAvailable(date: string): Stop {
    const { batch, context } = this;
    for (;;) {
      if (batch.bytes >= WRITE_HIGH_WATER) return 'full';
      const event = this.parser.next();
      switch (event.kind) {
        case 'need-data':
        case 'closed':
          return 'need-data';
        case 'head':
          if (this.onHead(event.head, event.framing, date)) return 'close';
          break;
        case 'message': {
          this.answered++;
          const keepAlive = event.head.keepAlive && !this.draining;
          const { head } = event;
          context.responses.push(batch, context.router.route(head, event.body), keepAlive, head.method === 'HEAD', date);
          if (!keepAlive) return 'close';
          break;
        }
        case 'error':
          context.responses.push(batch, errorResponse(event.error), false, false, date);
          return 'close';
      }
    }
  }

  /**
   * A head has arrived. With `Expect: 100-continue`, either answer now with the final status
   * the request will get whatever its body (then close: the body will not be read), or invite
   * the body with 100 Continue (RFC 9110 §10.1.1). Returns true when the connection must close.
   */
  private onHead(head: RequestHead, framing: BodyFraming, date: string): boolean {
    this.context.logHead?.(head);
    const bodyFollows = framing.kind === 'chunked' || (framing.kind === 'length' && framing.length > 0);
    if (!head.expectContinue || !bodyFollows) return false;
    const early = this.context.router.earlyResult(head);
    if (early === undefined) {
      this.batch.push(CONTINUE_BYTES);
      return false;
    }
    // HEAD is answered without a body here too (RFC 9110 §9.3.2), or the client misreads the stream.
    this.context.responses.push(this.batch, early, false, head.method === 'HEAD', date);
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
        this.socket.write(this.context.responses.bytes(errorResponse(timeout), this.context.clock.now()));
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
