import { statusCode } from '../expect/status-matcher.js';
import { DOCUMENTED_DEFAULTS } from '../target/server-settings.js';
import type { Scenario } from './scenario.js';
import { prepared } from './prepared-request.js';
import { simpleRequest } from './simple-request.js';

// The message store, set up through the assignment's own requests.

/** Why a scenario that needs the message store is not applicable, or undefined when the target has one. */
export function maybeNoStore({ target }: Scenario): string | undefined {
  return target.target.capabilities.store ? undefined : "the target has no message store (GET / is not the assignment's listing; --store declares one)";
}

/** Empties the store with the seed's `DELETE /`, then starts on a new connection. */
export async function emptyStore({ fixtures, exchanges, expect, target }: Scenario): Promise<void> {
  exchanges.prepare(fixtures.request('seed/delete-root', target.target));
  await exchanges.send();
  expect.meets(exchanges.last, { status: statusCode(200) }, 'emptying the store with DELETE /');
  await exchanges.newConnection();
}

/**
 * Fills the store so that one more POST cannot be stored. A dedicated bundled server gets a
 * store of two messages; a foreign target gets its documented 16 MiB in 1 MiB POSTs, and the
 * store is emptied again when the scenario ends.
 */
export async function fillStore(scenario: Scenario): Promise<void> {
  const { target, exchanges, expect } = scenario;
  const dedicated = target.configurable;
  if (dedicated) await target.configure({ maxMessages: 2 }, () => exchanges.newConnection());
  else target.onEnd(() => emptyWith(scenario));
  const count = dedicated ? 2 : DOCUMENTED_DEFAULTS.maxStoreBytes / DOCUMENTED_DEFAULTS.maxBodyBytes;
  const size = dedicated ? 16 : DOCUMENTED_DEFAULTS.maxBodyBytes;
  for (let i = 0; i < count; i++) {
    const body = Buffer.alloc(size, `filler ${i + 1} `);
    exchanges.prepare(prepared(simpleRequest('POST', '/', target.target, body), `filling the store, message ${i + 1} of ${count} (${size} bytes)`));
    await exchanges.send();
    expect.meets(exchanges.last, { status: statusCode(201) }, `filling the store, message ${i + 1} of ${count}`);
  }
  await exchanges.newConnection();
}

/** After the scenario: a plain `DELETE /` on a new connection. */
async function emptyWith({ exchanges, expect, target }: Scenario): Promise<void> {
  await exchanges.newConnection();
  exchanges.prepare(prepared(simpleRequest('DELETE', '/', target.target), 'emptying the store after the scenario'));
  await exchanges.send();
  expect.meets(exchanges.last, { status: statusCode(200) }, 'emptying the store with DELETE /');
}
