import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { TIMEOUT_MARGIN_MS } from '../src/harness/session.js';
import { visibleBytes } from '../src/expect/visible.js';
import type { WirecheckWorld } from './support/world.js';

// The connection's fate after a response: closed, kept open, nothing unasked.

const CLOSE_WAIT_MS = 2_000;
const KEEP_OPEN_MS = 200;
const QUIET_MS = 100;

Then('the server closes the connection', async function (this: WirecheckWorld) {
  const observation = await this.session.closeObservation(CLOSE_WAIT_MS);
  expect(observation.closed, `the server did not close the connection within ${CLOSE_WAIT_MS} ms`).to.equal(true);
});

Then('the server closes the connection after the response', async function (this: WirecheckWorld) {
  const observation = await this.session.closeObservation(CLOSE_WAIT_MS);
  if (!observation.closed) expect.fail(`the server did not close the connection within ${CLOSE_WAIT_MS} ms`);
  expect(observation.by, 'who closed the connection').to.equal('server');
  expect(observation.reset, 'the server reset the connection instead of closing it after the response').to.equal(false);
  expect(observation.afterResponseMs, 'the close came before the response was complete').to.be.at.least(0);
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

Then('the server sends nothing for {int} ms', async function (this: WirecheckWorld, ms: number) {
  const heard = await this.session.listen(ms);
  expect(heard.length, `the server sent ${heard.length} bytes before the request was complete: ${visibleBytes(heard)}`).to.equal(0);
});

Then('the server closes the idle connection within its idle timeout, sending nothing', async function (this: WirecheckWorld) {
  const waitMs = this.session.setting('idleTimeoutMs') + TIMEOUT_MARGIN_MS;
  const observation = await this.session.closeObservation(waitMs);
  expect(observation.closed, `the idle connection was still open after ${waitMs} ms`).to.equal(true);
  const extra = await this.session.bytesAfterResponse(0);
  expect(extra.length, `the server sent bytes on an idle connection: ${visibleBytes(extra)}`).to.equal(0);
});

Then('the held connections are still served', async function (this: WirecheckWorld) {
  await this.session.assertHeldConnectionsServed();
});
