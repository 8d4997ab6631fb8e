import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ProtocolError, RequestParser, type BodyFraming, type RequestHead } from '../http1/index.js';
import { errorResponse } from './error-response.js';
import type { HttpDateClock } from './http-date-clock.js';
import { FREE_BODY_BYTES, type InputScheduler, type InputWorker, type WorkState } from './input-scheduler.js';
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
  /** The server's own: shares its thread and its body memory between its connections. */
  readonly scheduler: InputScheduler;
  readonly logHead: ((head: RequestHead) => void) | undefined;
}

/**
 * Where a connection is in its life; each phase has its own deadline. `writing`: not read from
 * until the client takes what waits to be sent.
 */
type Phase = 'idle' | 'request' | 'writing' | 'closing';

/** Why answering stopped: the parser needs more input, the connection must close, or the write budget is spent. */
type Stop = 'need-data' | 'close' | 'full';

/** How long a closing connection keeps reading (and dropping) input before it is cut. */
const LINGER_MS = 2_000;
/** Past this many unsent bytes, stop reading until the client reads its responses. */
const WRITE_HIGH_WATER = 256 * 1024;
/** Input is parsed this much at a time, so that the time it takes is checked between slices. */
const SLICE_BYTES = 8 * 1024;

/** A reset or broken pipe ends the connection; there is no one left to answer. */
function destroyOnError(this: Socket): void {
  this.destroy();
}

/**
 * Bytes written but not yet taken by the kernel: the stream's own buffer, and libuv's queue of
 * the write in progress (node's `writeQueueSize`), which shrinks as the client reads even while
 * one large buffer is being written.
 */
function unsentBytes(socket: Socket): number {
  const handle = (socket as unknown as { _handle?: { writeQueueSize?: number } })._handle;
  return socket.writableLength + (handle?.writeQueueSize ?? 0);
}

/**
 * One client connection: socket bytes → parser → route → serialized response → socket.
 * Requests are answered in arrival order, so pipelined responses keep their order. Input is
 * parsed a slice at a time, as the server's InputScheduler gives the connection time; the
 * responses produced from one slice go out in one write — at most about WRITE_HIGH_WATER bytes
 * of them: the rest are answered once the client has read those.
 */
export class ServerConnection implements InputWorker {
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
  /** Input read but not yet parsed, oldest first; `inputOffset` bytes of the first are parsed already. */
  private readonly input: Buffer[] = [];
  private inputOffset = 0;
  /** Whether the socket is read from: not while input waits to be parsed, nor while responses wait to be sent. */
  private reading = true;
  /** The most the body in progress can hold: its Content-Length, else the body limit. */
  private bodyBound = 0;
  /** Whether the request in progress holds a share of the scheduler's body memory. */
  private holdsBodyMemory = false;
  /** In `writing`: the unsent bytes when the deadline was last set. */
  private unsentAtDeadline = 0;

  constructor(
    private readonly socket: Socket,
    private readonly context: ConnectionContext,
  ) {
    this.parser = new RequestParser({ limits: context.options.limits, allowBareLf: true });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', destroyOnError);
    socket.once('close', () => context.scheduler.release(this));
    this.enter('idle', Date.now());
  }

  get isIdle(): boolean {
    return this.phase === 'idle';
  }

  private onData(chunk: Buffer): void {
    if (this.phase === 'closing') return;
    // The common case, a request or a few in one small read, costs no scheduling (a heavy connection's waits for its turn).
    if (this.input.length === 0 && chunk.length <= SLICE_BYTES && !this.answerDeferred && this.mayGrowBody() && !this.context.scheduler.isHeavy(this)) {
      this.parser.feed(chunk);
      this.answer();
      return;
    }
    this.input.push(chunk);
    this.context.scheduler.run(this);
  }

  /**
   * Parses and answers the input read so far, a slice at a time, until none is left, the client
   * must read first, the body in progress must wait for memory, or `until` has passed.
   */
  work(until: number): WorkState {
    while (this.input.length > 0) {
      if (this.phase === 'closing' || this.socket.destroyed) {
        this.input.length = 0;
        return 'done';
      }
      if (this.answerDeferred || !this.mayGrowBody()) {
        this.setReading(false);
        return 'waiting';
      }
      this.parser.feed(this.nextSlice());
      this.answer();
      if (this.input.length > 0 && performance.now() >= until) {
        this.setReading(false);
        return 'more';
      }
    }
    if (!this.answerDeferred && this.phase !== 'closing') this.setReading(true);
    return 'done';
  }

  /** For the scheduler: stops reading until this connection's turn, and parses nothing now. */
  hold(): WorkState {
    const mayParse = this.input.length > 0 && this.phase !== 'closing' && !this.socket.destroyed && !this.answerDeferred && this.mayGrowBody();
    if (!mayParse) return this.work(Number.POSITIVE_INFINITY);
    this.setReading(false);
    return 'more';
  }

  /** The next SLICE_BYTES at most of the input, as a view. */
  private nextSlice(): Buffer {
    const first = this.input[0]!;
    const start = this.inputOffset;
    const end = Math.min(first.length, start + SLICE_BYTES);
    if (end === first.length) {
      this.input.shift();
      this.inputOffset = 0;
    } else {
      this.inputOffset = end;
    }
    return start === 0 && end === first.length ? first : first.subarray(start, end);
  }

  /**
   * Whether the body in progress may take more input: past FREE_BODY_BYTES it needs a share of
   * the server's body memory (as much as it can reach), and waits when there is none left.
   */
  private mayGrowBody(): boolean {
    if (this.holdsBodyMemory || this.bodyBound <= FREE_BODY_BYTES || this.parser.bufferedBytes <= FREE_BODY_BYTES) return true;
    this.holdsBodyMemory = this.context.scheduler.reserve(this, this.bodyBound);
    return this.holdsBodyMemory;
  }

  private setReading(reading: boolean): void {
    if (reading === this.reading) return;
    this.reading = reading;
    if (reading) this.socket.resume();
    else this.socket.pause();
  }

  /** Answers what the parser holds (up to the write budget), writes it, and moves to the next phase. */
  private answer(): void {
    // The clock is read once per slice of input: for the Date of its responses and the next deadline.
    const now = Date.now();
    const answeredBefore = this.answered;
    const stop = this.answerAvailable(this.context.clock.at(now));
    this.batch.writeTo(this.socket);
    // Stopping, a connection that has answered all it received closes, as an idle one did at the stop.
    if (stop === 'close' || (this.draining && !this.parser.hasPartialMessage && this.input.length === 0)) this.closeAfterFlush(now);
    else if (!this.parser.hasPartialMessage && this.input.length === 0) this.enter('idle', now);
    else if (this.phase !== 'request' || this.answered !== answeredBefore) this.enter('request', now);
    this.applyBackpressure(stop === 'full', now);
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
          this.bodyBound = 0;
          if (this.holdsBodyMemory) {
            this.holdsBodyMemory = false;
            context.scheduler.release(this);
          }
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
    this.bodyBound = framing.kind === 'length' ? framing.length : framing.kind === 'none' ? 0 : this.context.options.limits.maxBodyBytes;
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
    const { idleTimeoutMs, requestTimeoutMs, writeTimeoutMs } = this.context.options;
    this.deadline = now + (phase === 'idle' ? idleTimeoutMs : phase === 'request' ? requestTimeoutMs : phase === 'writing' ? writeTimeoutMs : LINGER_MS);
  }

  /**
   * Sends FIN once everything written is flushed, then keeps reading and dropping input for a
   * while: closing with unread input would send RST, which can destroy the response in flight.
   */
  private closeAfterFlush(now: number): void {
    this.enter('closing', now);
    this.input.length = 0;
    this.setReading(true);
    this.socket.end();
  }

  /**
   * When much is unsent, or answered requests are still buffered (`full`), reading stops. If the
   * socket still holds unsent bytes, the connection is `writing` until 'drain', then answers the
   * rest; if the write was flushed at once (no 'drain' will come), it answers the rest on the
   * next turn of the loop. Then it goes on with the input it has read.
   */
  private applyBackpressure(full: boolean, now: number): void {
    if (this.phase === 'closing' || this.answerDeferred) return;
    const mustWait = this.socket.writableNeedDrain && (full || this.socket.writableLength > WRITE_HIGH_WATER);
    if (!mustWait && !full) return;
    this.answerDeferred = true;
    this.setReading(false);
    const proceed = (): void => {
      this.answerDeferred = false;
      if (this.phase === 'closing' || this.socket.destroyed) return;
      this.answer();
      this.context.scheduler.run(this);
    };
    if (mustWait) {
      this.enter('writing', now);
      this.unsentAtDeadline = unsentBytes(this.socket);
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
      case 'writing': {
        // Stuck: the client took nothing of what waits for it within the write timeout.
        const unsent = unsentBytes(this.socket);
        if (unsent >= this.unsentAtDeadline) {
          this.socket.destroy();
          return;
        }
        this.unsentAtDeadline = unsent;
        this.enter('writing', now);
        return;
      }
      case 'closing':
        this.socket.destroy();
    }
  }

  /** Server shutdown: every response from now on says `Connection: close`, and the connection closes after it. */
  drain(): void {
    this.draining = true;
  }

  /** Closes the connection if it is idle, losing no request; a busy one is left alone. */
  closeIfIdle(now: number): void {
    if (this.phase === 'idle') this.closeAfterFlush(now);
  }

  destroy(): void {
    this.socket.destroy();
  }
}
