import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { RequestHead } from '../http1/index.js';
import { ServerConnection } from './connection.js';
import { ConnectionList } from './connection-list.js';
import { HttpDateClock } from './http-date-clock.js';
import { InputScheduler } from './input-scheduler.js';
import { Journal } from './journal.js';
import { MessageStore } from './message-store.js';
import { withDefaults, type ServerOptions, type ServerOptionsInput } from './options.js';
import { formatRequestHead } from './request-log.js';
import { ResponseWriter } from './response-writer.js';
import { Router } from './routes.js';

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly options: ServerOptions;
  readonly store: MessageStore;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then resolves. */
  close(): Promise<void>;
}

export interface StartOptions extends ServerOptionsInput {
  /** Where request heads are printed unless `quiet`; defaults to stdout. */
  readonly print?: (text: string) => void;
  /** Where the journal's one-line warnings go (a torn record dropped, a recovery, a failed write); defaults to stderr. */
  readonly warn?: (line: string) => void;
}

const SWEEP_MIN_MS = 10;
const SWEEP_MAX_MS = 1_000;

/**
 * Starts the reference server and resolves once it listens. Rejects if it cannot: a JournalError
 * when the data file cannot be used, or the listen error (e.g. EADDRINUSE).
 */
export async function startServer(input: StartOptions = {}): Promise<RunningServer> {
  const options = withDefaults(input);
  const journal = options.dataFile === undefined ? undefined : Journal.open(options.dataFile, { recover: options.dataRecover, warn: input.warn });
  let store: MessageStore;
  try {
    store = new MessageStore(options.store, journal?.journal, journal?.messages);
  } catch (error) {
    journal?.journal.close();
    throw error;
  }
  const print = input.print ?? ((text: string) => process.stdout.write(text));
  const logHead = options.quiet ? undefined : (head: RequestHead) => print(`${formatRequestHead(head)}\n`);
  const context = { options, router: new Router(store, options), clock: new HttpDateClock(), responses: new ResponseWriter(), scheduler: new InputScheduler(), logHead };
  const connections = new ConnectionList();

  const onConnection = (socket: Socket): void => {
    // Undefined when the client is already gone.
    const address = socket.remoteAddress;
    if (address === undefined || !admit(connections, address, options)) {
      socket.destroy();
      return;
    }
    const connection = new ServerConnection(socket, context);
    connections.add(connection, address);
    socket.on('close', () => connections.remove(connection));
  };
  // Over TLS the same handling reads the decrypted stream, once the handshake is done. Only
  // HTTP/1.1 is offered: a client that asks for h2 alone is refused (RFC 7301 §3.2).
  const server = options.tls === undefined ? createServer(onConnection) : createTlsServer({ ...options.tls, ALPNProtocols: ['http/1.1'], handshakeTimeout: options.requestTimeoutMs }, onConnection);
  // `admit` decides below this; node's own count, of every socket, bounds what it does not see:
  // TLS handshakes in progress, and connections that gave up their slot while they close.
  server.maxConnections = 2 * options.maxConnections;

  // One timer for all connections' deadlines, instead of one per connection per request.
  const sweepMs = Math.max(SWEEP_MIN_MS, Math.min(SWEEP_MAX_MS, Math.floor(Math.min(options.requestTimeoutMs, options.idleTimeoutMs, options.writeTimeoutMs) / 4)));
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) if (now >= connection.deadline) connection.onDeadline(now);
  }, sweepMs);
  sweep.unref();

  try {
    await listen(server, options.host, options.port);
  } catch (error) {
    clearInterval(sweep);
    journal?.journal.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= shutdown(server, connections, options.shutdownTimeoutMs, sweep).then(() => journal?.journal.close()));
  return { host: options.host, port, options, store, close };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Whether a new connection from `address` is served (SPEC §2.4, docs/behaviour.md): not past its
 * client's cap; at the global limit, only in place of another client's connection that has been
 * idle the longest, which is closed (it loses no request). A client's own idle connections are
 * its to reuse, so they make no room for it.
 */
function admit(connections: ConnectionList, address: string, options: ServerOptions): boolean {
  if (connections.countFrom(address) >= options.maxConnectionsPerClient) return false;
  if (connections.size < options.maxConnections) return true;
  const idle = connections.longestIdleNotFrom(address);
  if (idle === undefined) return false;
  connections.release(idle);
  idle.closeIfIdle(Date.now());
  return true;
}

/** Resolves after the loop's next poll, which reads whatever input the kernel holds by now. */
const nextPoll = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

async function shutdown(server: Server, connections: ConnectionList, timeoutMs: number, sweep: NodeJS.Timeout): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const timer = setTimeout(() => {
    for (const connection of connections) connection.destroy();
  }, timeoutMs);
  for (const connection of connections) connection.drain();
  // A request that reached the server before the stop may not have been read yet: it is answered
  // (Connection: close) before its connection counts as idle and closes.
  await nextPoll();
  const now = Date.now();
  for (const connection of connections) connection.closeIfIdle(now);
  await closed;
  clearTimeout(timer);
  clearInterval(sweep);
}
