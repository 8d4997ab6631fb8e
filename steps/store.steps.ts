import { Given } from '@cucumber/cucumber';
import { emptyStore, fillStore } from '../src/harness/store-setup.js';
import type { WirecheckWorld } from './support/world.js';

// The message store, through the assignment's own requests.

Given('the message store is empty', async function (this: WirecheckWorld) {
  await emptyStore(this.scenario);
});

Given('the message store is full', async function (this: WirecheckWorld) {
  await fillStore(this.scenario);
});
