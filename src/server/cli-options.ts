import { parseArgs } from 'node:util';
import type { ServerOptionsInput } from './options.js';

/** A bad flag or value: printed as one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Numeric flags: name, where the value goes, and the smallest value that makes sense. */
const NUMERIC_FLAGS = {
  'request-timeout': { min: 1, set: (o: Mutable, v: number) => (o.requestTimeoutMs = v) },
  'idle-timeout': { min: 1, set: (o: Mutable, v: number) => (o.idleTimeoutMs = v) },
  'shutdown-timeout': { min: 0, set: (o: Mutable, v: number) => (o.shutdownTimeoutMs = v) },
  'max-connections': { min: 1, set: (o: Mutable, v: number) => (o.maxConnections = v) },
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
  shutdownTimeoutMs?: number;
  maxConnections?: number;
  limits: { maxStartLineBytes?: number; maxHeaderBytes?: number; maxHeaderCount?: number; maxBodyBytes?: number };
  store: { maxMessages?: number; maxBytes?: number };
}

export const USAGE = `usage: npm start -- [--host H] [--port P] [--quiet] [--data FILE] [--${Object.keys(NUMERIC_FLAGS).join(' N] [--')} N]`;

/** Parses the server's flags; HOST and PORT from the environment are the defaults. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerOptionsInput & { help: boolean } {
  const numeric = Object.fromEntries(Object.keys(NUMERIC_FLAGS).map((name) => [name, { type: 'string' as const }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { host: { type: 'string' }, port: { type: 'string' }, quiet: { type: 'boolean' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...numeric },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs may explain over several lines (e.g. a value starting with '-'): keep it to one.
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  const options: Mutable & { host?: string; port?: number; quiet?: boolean; dataFile?: string } = { limits: {}, store: {} };
  const host = (values.host as string | undefined) ?? env.HOST;
  if (host !== undefined) options.host = host;
  const port = (values.port as string | undefined) ?? env.PORT;
  if (port !== undefined) options.port = parseInteger('port', port, 0, 65535);
  if (values.quiet === true) options.quiet = true;
  const data = values.data as string | undefined;
  if (data !== undefined) {
    if (data === '') throw new UsageError('--data needs a file name');
    options.dataFile = data;
  }
  for (const [name, flag] of Object.entries(NUMERIC_FLAGS)) {
    const raw = values[name];
    if (typeof raw === 'string') flag.set(options, parseInteger(name, raw, flag.min, Number.MAX_SAFE_INTEGER));
  }
  return { ...options, help: values.help === true };
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
