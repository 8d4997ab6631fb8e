import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { parseFlags, port as portNumber, UsageError, wholeNumber } from '../cli/arguments.js';
import type { ServerOptionsInput, ServerTls } from './options.js';

/** Numeric flags: name, where the value goes, and the smallest value that makes sense. */
const NUMERIC_FLAGS = {
  'request-timeout': { min: 1, set: (o: Mutable, v: number) => (o.requestTimeoutMs = v) },
  'idle-timeout': { min: 1, set: (o: Mutable, v: number) => (o.idleTimeoutMs = v) },
  'write-timeout': { min: 1, set: (o: Mutable, v: number) => (o.writeTimeoutMs = v) },
  'shutdown-timeout': { min: 0, set: (o: Mutable, v: number) => (o.shutdownTimeoutMs = v) },
  'max-connections': { min: 1, set: (o: Mutable, v: number) => (o.maxConnections = v) },
  'max-connections-per-client': { min: 1, set: (o: Mutable, v: number) => (o.maxConnectionsPerClient = v) },
  'max-request-line': { min: 16, set: (o: Mutable, v: number) => (o.limits.maxStartLineBytes = v) },
  'max-header-bytes': { min: 16, set: (o: Mutable, v: number) => (o.limits.maxHeaderBytes = v) },
  'max-headers': { min: 1, set: (o: Mutable, v: number) => (o.limits.maxHeaderCount = v) },
  'max-body': { min: 0, set: (o: Mutable, v: number) => (o.limits.maxBodyBytes = v) },
  'max-messages': { min: 0, set: (o: Mutable, v: number) => (o.store.maxMessages = v) },
  'max-store-bytes': { min: 0, set: (o: Mutable, v: number) => (o.store.maxBytes = v) },
} as const;

interface Mutable {
  requestTimeoutMs?: number;
  idleTimeoutMs?: number;
  writeTimeoutMs?: number;
  shutdownTimeoutMs?: number;
  maxConnections?: number;
  maxConnectionsPerClient?: number;
  limits: { maxStartLineBytes?: number; maxHeaderBytes?: number; maxHeaderCount?: number; maxBodyBytes?: number };
  store: { maxMessages?: number; maxBytes?: number };
}

export const USAGE = `usage: npm start -- [--host H] [--port P] [--quiet] [--data FILE [--data-recover]] [--echo-path PATH] [--tls-cert FILE --tls-key FILE] [--${Object.keys(NUMERIC_FLAGS).join(' N] [--')} N]`;

/** An origin-form path other than `/` (the store's), visible ASCII without a query or fragment. */
const ECHO_PATH = /^\/(?:(?![?#])[\x21-\x7e])+$/;

/** Parses the server's flags; HOST, PORT and ECHO_PATH from the environment are the defaults. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerOptionsInput & { help: boolean } {
  const numeric = Object.fromEntries(Object.keys(NUMERIC_FLAGS).map((name) => [name, { type: 'string' as const }]));
  const { values: parsed, help } = parseFlags(argv, { host: { type: 'string' }, port: { type: 'string' }, quiet: { type: 'boolean' }, data: { type: 'string' }, 'data-recover': { type: 'boolean' }, 'echo-path': { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, ...numeric });
  const values = parsed as Record<string, string | boolean | undefined>;
  const options: Mutable & { host?: string; port?: number; quiet?: boolean; dataFile?: string; dataRecover?: boolean; echoPath?: string; tls?: ServerTls } = { limits: {}, store: {} };
  const host = (values.host as string | undefined) ?? env.HOST;
  if (host !== undefined) {
    // node takes an empty host as every interface: listening beyond loopback must be asked for by address.
    if (host === '') throw new UsageError('--host (or HOST) is empty: give the address to listen on, e.g. 127.0.0.1, or 0.0.0.0 or :: for every interface');
    options.host = host;
  }
  const port = (values.port as string | undefined) ?? env.PORT;
  if (port !== undefined) options.port = portNumber(port, 0, 0);
  if (values.quiet === true) options.quiet = true;
  const data = values.data as string | undefined;
  if (data !== undefined) {
    if (data === '') throw new UsageError('--data needs a file name');
    options.dataFile = data;
  }
  if (values['data-recover'] === true) {
    if (data === undefined) throw new UsageError('--data-recover needs --data FILE');
    options.dataRecover = true;
  }
  const echoPath = (values['echo-path'] as string | undefined) ?? env.ECHO_PATH;
  if (echoPath !== undefined) {
    if (!ECHO_PATH.test(echoPath)) throw new UsageError(`--echo-path needs a path other than /, without a query, e.g. /echo; got ${JSON.stringify(echoPath)}`);
    options.echoPath = echoPath;
  }
  const tls = readTls(values['tls-cert'] as string | undefined, values['tls-key'] as string | undefined);
  if (tls !== undefined) options.tls = tls;
  for (const [name, flag] of Object.entries(NUMERIC_FLAGS)) {
    const raw = values[name];
    if (typeof raw === 'string') flag.set(options, wholeNumber(name, raw, 0, flag.min, Number.MAX_SAFE_INTEGER));
  }
  return { ...options, help };
}

/** `--tls-cert` and `--tls-key`, both or neither: read, and checked to be a PEM pair that fits, so that a bad one is one line at start. */
function readTls(certFile: string | undefined, keyFile: string | undefined): ServerTls | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new UsageError('--tls-cert FILE and --tls-key FILE go together');
  const tls = { cert: readPem('--tls-cert', certFile), key: readPem('--tls-key', keyFile) };
  try {
    createSecureContext(tls);
  } catch (error) {
    const { reason } = error as { reason?: unknown };
    throw new UsageError(`--tls-cert ${certFile} --tls-key ${keyFile}: not a PEM certificate and its private key: ${typeof reason === 'string' ? reason : (error as Error).message}`);
  }
  return tls;
}

function readPem(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
