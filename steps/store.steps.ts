import { Given } from '@cucumber/cucumber';
import { emptyStore, fillStore, maybeNoStore } from '../src/harness/store-setup.js';
import type { Scenario } from '../src/harness/scenario.js';
import type { WirecheckWorld } from './support/world.js';

// The message store, through the assignment's own requests; a target without one makes the
// scenario not applicable.

Given('the message store is empty', async function (this: WirecheckWorld) {
  return withStore(this.scenario, emptyStore);
});

Given('the message store is full', async function (this: WirecheckWorld) {
  return withStore(this.scenario, fillStore);
});

async function withStore(scenario: Scenario, setUp: (scenario: Scenario) => Promise<void>): Promise<'skipped' | undefined> {
  const missing = maybeNoStore(scenario);
  if (missing === undefined) return setUp(scenario).then(() => undefined);
  scenario.notApplicableBecause(missing);
  return 'skipped';
}
