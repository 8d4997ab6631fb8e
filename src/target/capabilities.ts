import { exchange, isClientError } from '../client/index.js';
import { serializeRequest } from '../http1/index.js';
import { authorityOf, type ServerAddress } from '../fixture/placeholders.js';
import type { ServerSettings } from './server-settings.js';
import type { Capabilities } from './target.js';

const PROBE_TIMEOUT_MS = 3_000;
/** The start of the assignment's `GET /` answer (SPEC §1, case 1); its own server sends no blank line after it when the store is empty. */
const STORE_LISTING = 'HTTP GET Method (Success)';

/** What the run knows of a target, and one line saying how it knows it. */
export interface TargetDescription {
  readonly capabilities: Capabilities;
  /** `GET / 200; message store: no (probed: GET / is not the assignment's listing)`. */
  readonly line: string;
}

/** What a user declared of the target (`--store`, `--no-store`, STORE=yes|no; its timeouts and limits); a store left out is probed. */
export interface DeclaredCapabilities {
  readonly store?: boolean;
  readonly settings?: ServerSettings;
}

/**
 * Finds out what a foreign target has, by asking, never by presuming: one `GET /`, which
 * changes nothing on the target. Its message store is there when the answer is the
 * assignment's listing; what the user declared wins over the probe.
 */
export async function describeTarget(target: ServerAddress, declared: DeclaredCapabilities = {}): Promise<TargetDescription> {
  const get = await probeGet(target);
  const probed = get.status === 200 && get.body.startsWith(STORE_LISTING);
  const store = declared.store ?? probed;
  const how = declared.store === undefined ? `probed: GET / ${probed ? 'is' : 'is not'} the assignment's listing` : 'declared';
  const settings = declared.settings ?? {};
  const named = Object.entries(settings).map(([name, value]) => `${name} ${value}`);
  const line = `GET / ${get.status ?? `no answer (${get.error})`}; message store: ${store ? 'yes' : 'no'} (${how}); ${named.length === 0 ? 'no timeouts or limits declared' : `declared ${named.join(', ')}`}`;
  return { capabilities: { store, settings }, line };
}

async function probeGet(target: ServerAddress): Promise<{ status?: number; body: string; error?: string }> {
  const bytes = serializeRequest({ method: 'GET', target: '/', headers: [['Host', authorityOf(target)], ['Connection', 'close']] });
  try {
    const { response } = await exchange({ host: target.host, port: target.port, bytes, timeoutMs: PROBE_TIMEOUT_MS, closeWaitMs: 0 });
    return { status: response.response.status, body: response.response.body.toString('utf8') };
  } catch (error) {
    if (!isClientError(error)) throw error;
    return { body: '', error: error.code };
  }
}

/** Capabilities as they travel to the suite's process, and back. */
export function encodeCapabilities(capabilities: Capabilities): string {
  return JSON.stringify(capabilities);
}

export function decodeCapabilities(text: string | undefined): Capabilities {
  const value = text === undefined ? {} : (JSON.parse(text) as Partial<Capabilities>);
  return { store: value.store === true, settings: value.settings ?? {} };
}
