/**
 * A lean kept-alive client connection for the stress tool: writes a batch of requests in one
 * write (pipelined when there are several), reads their responses through the project's
 * ResponseParser, and stamps each with the time it arrived. It never throws on a broken
 * connection: an exchange says how far it got, which is what the accounting needs.
 */
import { connect, type Socket, type TcpNetConnectOpts } from 'node:net';
import { performance } from 'node:perf_hooks';
import { announcesClose, ResponseParser, serializeRequest, type HeaderField } from '../http1/index.js';

/**
 * A connected socket, its connect error listener removed; rejects when connecting fails or takes
 * longer than `timeoutMs` (`what` says where from or to, for the message).
 */
export function openSocket(options: TcpNetConnectOpts, timeoutMs: number, what: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

export interface Reply {
  readonly status: number;
  readonly body: Buffer;
  /** `performance.now()` when the whole response had arrived. */
  readonly at: number;
  readonly closes: boolean;
}

/**
 * Why an exchange stopped early: the connection ended between responses (`closed`), a response
 * was cut short or could not be parsed (`malformed`), or the time ran out (`timeout`).
 */
export interface ExchangeFailure {
  readonly kind: 'closed' | 'malformed' | 'timeout';
  readonly message: string;
}

export interface ExchangeResult {
  /** The responses that arrived, in request order (fewer than asked when `failure` is set). */
  readonly replies: Reply[];
  readonly failure: ExchangeFailure | undefined;
}

interface Waiter {
  readonly wanted: number;
  readonly replies: Reply[];
  readonly finish: (failure: ExchangeFailure | undefined) => void;
}

export class StressConnection {
  private readonly parser = new ResponseParser({ allowBareLf: false });
  private waiter: Waiter | undefined;
  private ended = false;
  private broken: string | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.parser.feed(chunk);
      this.drain();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (this.broken ??= error.code ?? error.message));
    socket.on('close', () => {
      this.ended = true;
      this.parser.end();
      this.drain();
    });
  }

  /** Connects to host:port; rejects when that fails or takes longer than `timeoutMs`. */
  static async open(host: string, port: number, timeoutMs: number): Promise<StressConnection> {
    return new StressConnection(await openSocket({ host, port }, timeoutMs, `to ${host}:${port}`));
  }

  get isClosed(): boolean {
    return this.ended || this.socket.destroyed;
  }

  /**
   * Writes `bytes` (requests whose methods are `methods`, in order) and reads that many responses.
   * With `splitGapMs`, the bytes go out in two writes that far apart, so the server holds a
   * request in progress meanwhile.
   */
  exchange(bytes: Buffer, methods: readonly string[], timeoutMs: number, splitGapMs?: number): Promise<ExchangeResult> {
    if (this.waiter !== undefined) throw new Error('one exchange at a time');
    for (const method of methods) this.parser.expectResponseTo(method);
    return new Promise((resolve) => {
      const replies: Reply[] = [];
      const timer = setTimeout(() => finish({ kind: 'timeout', message: `no response within ${timeoutMs} ms` }), timeoutMs);
      const finish = (failure: ExchangeFailure | undefined): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        // After a failure the stream is out of step with the requests: nothing more is read from it.
        if (failure !== undefined) this.socket.destroy();
        resolve({ replies, failure });
      };
      this.waiter = { wanted: methods.length, replies, finish };
      if (this.ended) {
        this.drain();
      } else if (splitGapMs === undefined || bytes.length < 2) {
        this.socket.write(bytes);
      } else {
        const half = Math.floor(bytes.length / 2);
        this.socket.write(bytes.subarray(0, half));
        setTimeout(() => {
          if (!this.socket.destroyed) this.socket.write(bytes.subarray(half));
        }, splitGapMs);
      }
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private closedFailure(): ExchangeFailure {
    return { kind: 'closed', message: `connection closed (${this.broken ?? 'by the server'})` };
  }

  private drain(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    for (;;) {
      const event = this.parser.next();
      switch (event.kind) {
        case 'message':
          if (event.head.status < 200) continue; // 100 Continue: the final response follows
          waiter.replies.push({
            status: event.head.status,
            body: event.body,
            at: performance.now(),
            closes: announcesClose(event.head),
          });
          if (waiter.replies.length === waiter.wanted) return waiter.finish(undefined);
          continue;
        case 'head':
          continue;
        case 'need-data':
          if (this.ended) return waiter.finish(this.closedFailure());
          return;
        case 'closed':
          return waiter.finish(this.closedFailure());
        case 'error':
          return waiter.finish({ kind: 'malformed', message: `malformed response: ${event.error.message}` });
      }
    }
  }
}

/** A request in the assignment client's shape, with Content-Length when there is a body. */
export function requestBytes(method: string, host: string, port: number, body?: Buffer): Buffer {
  const headers: HeaderField[] = [['Host', `${host}:${port}`], ['Content-Type', 'text/plain'], ['User-Agent', 'wirecheck-stress']];
  if (body !== undefined) headers.push(['Content-Length', String(body.length)]);
  return serializeRequest({ method, target: '/', headers, body });
}
