import { DEFAULT_LIMITS, type Limits } from '../http1/index.js';
import type { StoreLimits } from './message-store.js';

/** Everything the server can be told; every limit and timeout of SPEC §2.3–2.4. */
export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Don't print request heads as they arrive. */
  readonly quiet: boolean;
  /** A request whose head or body is not complete this long after its first byte: 408, close. */
  readonly requestTimeoutMs: number;
  /** A kept-alive connection with no request in progress this long: closed without a response. */
  readonly idleTimeoutMs: number;
  /**
   * A connection not read from because its client has not taken what waits to be sent (past
   * 256 KiB), that takes none of it this long: cut (docs/behaviour.md "Connections and timeouts").
   */
  readonly writeTimeoutMs: number;
  /** On SIGINT, SIGTERM or SIGHUP, how long in-flight requests get to finish before their sockets are cut. */
  readonly shutdownTimeoutMs: number;
  /** Past this many connections in all, a new one takes the place of an idle one or is closed at once. */
  readonly maxConnections: number;
  /** Past this many connections from one client address, a new one from it is closed at once. */
  readonly maxConnectionsPerClient: number;
  /**
   * Keep the messages in this append-only journal, replayed at start (`--data FILE`); without
   * it the store lives in memory only.
   */
  readonly dataFile?: string;
  /**
   * A corrupt data file: keep its valid records and move the rest to a side file
   * (`--data-recover`), instead of refusing to start.
   */
  readonly dataRecover?: boolean;
  /**
   * Answer any method on this path with the request as received (`--echo-path PATH`,
   * docs/behaviour.md "Routes"); without it every path but `/` is 404 to GET and POST.
   */
  readonly echoPath?: string;
  /**
   * Serve HTTPS: TLS with this certificate chain and private key, PEM (`--tls-cert FILE
   * --tls-key FILE`), offering HTTP/1.1 only (ALPN). Each connection's handshake must end within
   * the request timeout; until it does, the connection is not counted against the limits.
   */
  readonly tls?: ServerTls;
  readonly limits: Limits;
  readonly store: StoreLimits;
}

/** The server's certificate chain and its private key, PEM. */
export interface ServerTls {
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
}

/** SPEC §2.3–2.4's defaults, the one place the server's numbers are written; the harness assumes them of a foreign target. */
export const DEFAULT_OPTIONS: ServerOptions = {
  host: '127.0.0.1',
  port: 8080,
  quiet: false,
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 5_000,
  writeTimeoutMs: 5_000,
  shutdownTimeoutMs: 5_000,
  maxConnections: 1024,
  // A sixteenth of the global limit: one address cannot take every slot, and ample for a browser (6), a NAT or a proxy.
  maxConnectionsPerClient: 64,
  // The parser's own defaults: one table, in src/http1.
  limits: DEFAULT_LIMITS,
  store: {
    maxMessages: 10_000,
    maxBytes: 16 * 1024 * 1024,
  },
};

/** Options as given by a caller: any field may be left out, limits one by one. */
export interface ServerOptionsInput extends Partial<Omit<ServerOptions, 'limits' | 'store'>> {
  readonly limits?: Partial<Limits>;
  readonly store?: Partial<StoreLimits>;
}

export function withDefaults(input: ServerOptionsInput = {}): ServerOptions {
  return {
    ...DEFAULT_OPTIONS,
    ...input,
    limits: { ...DEFAULT_OPTIONS.limits, ...input.limits },
    store: { ...DEFAULT_OPTIONS.store, ...input.store },
  };
}
