import { DEFAULT_OPTIONS } from '../server/options.js';
import type { TargetServer } from './target.js';

/**
 * What a scenario asks of the server's configuration (SPEC §2.3–2.4). With the bundled server a
 * scenario gets a dedicated one started with these settings. A foreign server cannot be
 * configured: the scenario waits and sizes its requests for what the user declared of it
 * (`--request-timeout`, …), and is not applicable when nothing was declared.
 */
export interface ServerSettings {
  /** A started request not complete this long after its first byte: 408, then close. */
  readonly requestTimeoutMs?: number;
  /** A kept-alive connection with no request in progress this long: closed without a response. */
  readonly idleTimeoutMs?: number;
  /** Most messages the store keeps; one more POST is 507. */
  readonly maxMessages?: number;
  /** Most connections served at once; more are closed at once (or answered 503). */
  readonly maxConnections?: number;
}

export type SettingName = keyof ServerSettings;

/** The bundled server's own table (SPEC §2.3–2.4): what its dedicated servers run with unless asked otherwise. */
export const DOCUMENTED_DEFAULTS = {
  requestTimeoutMs: DEFAULT_OPTIONS.requestTimeoutMs,
  idleTimeoutMs: DEFAULT_OPTIONS.idleTimeoutMs,
  maxMessages: DEFAULT_OPTIONS.store.maxMessages,
  maxStoreBytes: DEFAULT_OPTIONS.store.maxBytes,
  maxBodyBytes: DEFAULT_OPTIONS.limits.maxBodyBytes,
  maxConnections: DEFAULT_OPTIONS.maxConnections,
} as const;

/** How a user declares each setting of a foreign target: the environment variable and the flag. */
export const DECLARED_BY: Readonly<Record<SettingName, { readonly env: string; readonly flag: string }>> = {
  requestTimeoutMs: { env: 'REQUEST_TIMEOUT_MS', flag: '--request-timeout' },
  idleTimeoutMs: { env: 'IDLE_TIMEOUT_MS', flag: '--idle-timeout' },
  maxMessages: { env: 'MAX_MESSAGES', flag: '--max-messages' },
  maxConnections: { env: 'MAX_CONNECTIONS', flag: '--max-connections' },
};

/** Added to a server timeout a scenario waits out: the server's timer granularity plus scheduling. */
export const TIMEOUT_MARGIN_MS = 2_000;

/** A server started for one scenario; `stop` ends it and every connection to it. */
export interface LaunchedServer {
  readonly target: TargetServer;
  stop(): Promise<void>;
}

/** Starts dedicated bundled servers. Present only when the suite runs against the bundled server. */
export type ServerLauncher = (settings: ServerSettings) => Promise<LaunchedServer>;

/**
 * A setting's value as the scenario can count on it: what a dedicated server was started with
 * (its default when not asked), or what the user declared of a foreign target; undefined when
 * neither is known.
 */
export function maybeSetting(name: SettingName, asked: ServerSettings, dedicated: boolean, declared: ServerSettings): number | undefined {
  return dedicated ? (asked[name] ?? DOCUMENTED_DEFAULTS[name]) : declared[name];
}

/** Why a foreign target cannot give a scenario the settings it asks for, or undefined when all are declared. */
export function maybeUndeclared(asked: ServerSettings, declared: ServerSettings): string | undefined {
  const missing = (Object.keys(asked) as SettingName[]).filter((name) => declared[name] === undefined);
  if (missing.length === 0) return undefined;
  const how = missing.map((name) => `${DECLARED_BY[name].env} or ${DECLARED_BY[name].flag}`).join('; ');
  return `the target's ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not known and a foreign target cannot be configured: declare ${missing.length === 1 ? 'it' : 'them'} (${how})`;
}

/** One line for the report: what a foreign target was declared to run with. */
export function describeDeclared(asked: ServerSettings, declared: ServerSettings): string {
  const parts = (Object.keys(asked) as SettingName[]).map((name) => `${name} asked ≤ ${asked[name]}, declared ${declared[name]}`);
  return `a foreign target cannot be configured; the scenario waits for what was declared of it: ${parts.join('; ')}`;
}
