import { Given } from '@cucumber/cucumber';
import { statusCode } from '../src/expect/status-matcher.js';
import type { WirecheckWorld } from './support/world.js';

// The message store, through the assignment's own requests.

Given('the message store is empty', async function (this: WirecheckWorld) {
  this.session.prepareFixture('seed/delete-root');
  await this.session.send();
  this.session.assertExpectation({ status: statusCode(200) }, 'emptying the store with DELETE /');
  await this.session.newConnection();
});

Given('the message store is full', async function (this: WirecheckWorld) {
  await this.session.fillStore();
  await this.session.newConnection();
});
