import { DEFAULT_OPTIONS } from '../server/options.js';
import type { TargetServer } from './target.js';

/**
 * What a scenario asks of the server's configuration (SPEC §2.3–2.4). With the bundled server a
 * scenario gets a dedicated one started with these settings; a foreign server is taken to run
 * with the documented defaults, and the scenario waits and sizes its requests for those.
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

/** SPEC §2.3–2.4's defaults, the bundled server's own table: what a foreign target is assumed to run with. */
export const DOCUMENTED_DEFAULTS = {
  requestTimeoutMs: DEFAULT_OPTIONS.requestTimeoutMs,
  idleTimeoutMs: DEFAULT_OPTIONS.idleTimeoutMs,
  maxMessages: DEFAULT_OPTIONS.store.maxMessages,
  maxStoreBytes: DEFAULT_OPTIONS.store.maxBytes,
  maxBodyBytes: DEFAULT_OPTIONS.limits.maxBodyBytes,
  maxConnections: DEFAULT_OPTIONS.maxConnections,
} as const;

/** A server started for one scenario; `stop` ends it and every connection to it. */
export interface LaunchedServer {
  readonly target: TargetServer;
  stop(): Promise<void>;
}

/** Starts dedicated bundled servers. Present only when the suite runs against the bundled server. */
export type ServerLauncher = (settings: ServerSettings) => Promise<LaunchedServer>;

/** A setting's value for the target: the one asked for when a dedicated server honours it, else the documented default. */
export function effectiveSetting(settings: ServerSettings, name: keyof ServerSettings, dedicated: boolean): number {
  const asked = settings[name];
  return dedicated && asked !== undefined ? asked : DOCUMENTED_DEFAULTS[name];
}

/** One line for the report: what the scenario assumes of a foreign target instead of configuring it. */
export function describeAssumption(settings: ServerSettings): string {
  const parts = (Object.keys(settings) as (keyof ServerSettings)[]).map(
    (name) => `${name} asked ≤ ${settings[name]}, assumed ${DOCUMENTED_DEFAULTS[name]} (SPEC default)`,
  );
  return `a foreign target cannot be configured; the scenario assumes the documented defaults: ${parts.join('; ')}`;
}

/** Added to a server timeout a scenario waits out: the server's timer granularity plus scheduling. */
export const TIMEOUT_MARGIN_MS = 2_000;
