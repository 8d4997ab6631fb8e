import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { visibleBytes } from '../src/transcript/visible.js';
import type { WirecheckWorld } from './support/world.js';

// The connection's fate after a response: closed, kept open, nothing unasked.

const CLOSE_WAIT_MS = 2_000;
const KEEP_OPEN_MS = 300;
const QUIET_MS = 200;

Then('the server closes the connection', async function (this: WirecheckWorld) {
  const observation = await this.session.closeObservation(CLOSE_WAIT_MS);
  expect(observation.closed, `the server did not close the connection within ${CLOSE_WAIT_MS} ms`).to.equal(true);
});

Then('the connection stays open', async function (this: WirecheckWorld) {
  const observation = await this.session.closeObservation(KEEP_OPEN_MS);
  expect(observation.closed, 'the server closed a connection it should have kept open').to.equal(false);
});

Then('the connection stays open for at least {int} ms', async function (this: WirecheckWorld, ms: number) {
  const observation = await this.session.closeObservation(ms);
  expect(observation.closed, `the server closed the connection before ${ms} ms`).to.equal(false);
});

Then('no bytes follow the response', async function (this: WirecheckWorld) {
  const extra = await this.session.bytesAfterResponse(QUIET_MS);
  expect(extra.length, `bytes followed the response: ${visibleBytes(extra)}`).to.equal(0);
});
