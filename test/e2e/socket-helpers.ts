/**
 * A raw client for end-to-end tests: a node:net socket to 127.0.0.1, bytes written exactly as
 * given, responses framed by the project's ResponseParser (Content-Length, 1xx, HEAD), and a
 * timeout on every wait so a test cannot hang.
 */
import { connect, type Socket } from 'node:net';
import { maybeHeader, ResponseParser, serializeRequest, type HeaderField, type Headers } from '../../src/http1/index.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/server.js';

export interface WireResponse {
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

export const DEFAULT_WAIT_MS = 2_000;

/** One client connection to the server under test. */
export class WireClient {
  private readonly parser = new ResponseParser();
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private waiters: Array<() => void> = [];
  /** The socket error, if the connection broke rather than closed (e.g. ECONNRESET). */
  error: NodeJS.ErrnoException | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.parser.feed(chunk);
      this.wakeAll();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (this.error = error));
    socket.on('close', () => {
      this.ended = true;
      this.parser.end();
      this.wakeAll();
    });
  }

  /** Connects from `localAddress` when given (another loopback address is another client to the server). */
  static open(port: number, localAddress?: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, localAddress });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new WireClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Every byte received so far. */
  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Writes the bytes as they are; a string is UTF-8 encoded. */
  send(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Announces, in order, the methods of requests whose responses will be read (HEAD has no body). */
  expect(...methods: string[]): void {
    for (const method of methods) this.parser.expectResponseTo(method);
  }

  /** The next message, interim (1xx) or final; rejects on a close, a framing error or a timeout. */
  async next(timeoutMs = DEFAULT_WAIT_MS): Promise<WireResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = this.parser.next();
      switch (event.kind) {
        case 'message':
          return { ...event.head, body: event.body };
        case 'head':
          continue;
        case 'error':
          throw new Error(`unframeable response (${event.error.message}); received ${show(this.received)}`);
        case 'closed':
          throw new Error(`connection closed before a response; received ${show(this.received)}`);
        case 'need-data':
          if (!(await this.waitUntil(deadline))) throw new Error(`no complete response within ${timeoutMs} ms; received ${show(this.received)}`);
      }
    }
  }

  /** Announces `methods` and reads until that many final responses; returns every message, 1xx included. */
  async read(...methods: string[]): Promise<WireResponse[]> {
    this.expect(...methods);
    const messages: WireResponse[] = [];
    let finals = 0;
    while (finals < methods.length) {
      const message = await this.next();
      messages.push(message);
      if (message.status >= 200) finals++;
    }
    return messages;
  }

  /** Whether the server closes the connection within `ms`. */
  async closesWithin(ms = DEFAULT_WAIT_MS): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.ended && (await this.waitUntil(deadline)));
    return this.ended;
  }

  /** True when the connection closed with nothing received after the last message read. */
  async closedCleanly(ms = DEFAULT_WAIT_MS): Promise<boolean> {
    return (await this.closesWithin(ms)) && this.parser.next().kind === 'closed';
  }

  /** Stops reading from the socket, as a client that does not read its responses. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Resolves true on new input or close, false once `deadline` passes. */
  private waitUntil(deadline: number): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    const ms = deadline - Date.now();
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A request with Host, the given fields in order and a Content-Length when there is a body; the version as given. */
export function request(method: string, target: string, options: { body?: string | Buffer; headers?: Headers; version?: string } = {}): Buffer {
  const headers: HeaderField[] = [['Host', '127.0.0.1'], ...(options.headers ?? [])];
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  if (body !== undefined) headers.push(['Content-Length', String(body.length)]);
  return serializeRequest({ method, target, version: options.version, headers, body });
}

export function header(response: WireResponse, name: string): string | undefined {
  return maybeHeader(response.headers, name);
}

export function text(response: WireResponse): string {
  return response.body.toString('utf8');
}

/** Starts a quiet server on an ephemeral port, runs `body`, and always closes the server. */
export async function withServer<T>(options: StartOptions, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer({ host: '127.0.0.1', port: 0, quiet: true, shutdownTimeoutMs: 500, ...options });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function show(bytes: Buffer): string {
  const limit = 400;
  const shown = JSON.stringify(bytes.subarray(0, limit).toString('latin1'));
  return bytes.length > limit ? `${shown}… (${bytes.length} bytes)` : shown;
}
