import { Then } from '@cucumber/cucumber';
import { visibleBytes } from '../src/expect/visible.js';
import { TIMEOUT_MARGIN_MS } from '../src/target/server-settings.js';
import { KEEP_OPEN_MS, QUIET_MS } from '../src/harness/quiet-periods.js';
import type { WirecheckWorld } from './support/world.js';

// The connection's fate after a response: closed, kept open, nothing unasked.

const CLOSE_WAIT_MS = 2_000;

Then('the server closes the connection', async function (this: WirecheckWorld) {
  const observation = await this.exchanges.closeObservation(CLOSE_WAIT_MS);
  this.expect.check('the server closes the connection', observation.closed, `still open after ${CLOSE_WAIT_MS} ms`);
});

Then('the server closes the connection after the response', async function (this: WirecheckWorld) {
  const label = 'the server closes the connection after the response';
  const observation = await this.exchanges.closeObservation(CLOSE_WAIT_MS);
  if (!observation.closed) return this.expect.check(label, false, `still open after ${CLOSE_WAIT_MS} ms`);
  this.expect.check(label, observation.by === 'server', `the ${observation.by} closed it`);
  this.expect.check(label, !observation.reset, 'the server reset the connection instead of closing it');
  this.expect.check(label, (observation.afterResponseMs ?? -1) >= 0, 'the close came before the response was complete');
  const extra = await this.exchanges.bytesAfterResponse(0);
  this.expect.check(label, extra.length === 0, `${extra.length} bytes came between the response and the close: ${visibleBytes(extra)}`);
});

Then('the connection stays open', async function (this: WirecheckWorld) {
  const observation = await this.exchanges.closeObservation(KEEP_OPEN_MS);
  this.expect.check('the connection stays open', !observation.closed, 'the server closed a connection it should have kept open');
});

Then('the connection stays open for at least {int} ms', async function (this: WirecheckWorld, ms: number) {
  const observation = await this.exchanges.closeObservation(ms);
  this.expect.check(`the connection stays open for at least ${ms} ms`, !observation.closed, `closed at ${observation.closed ? observation.atMs.toFixed(0) : '?'} ms`);
});

Then('no bytes follow the response', async function (this: WirecheckWorld) {
  const extra = await this.exchanges.bytesAfterResponse(QUIET_MS);
  this.expect.check('no bytes follow the response', extra.length === 0, `${extra.length} bytes followed: ${visibleBytes(extra)}`);
});

Then('the server sends nothing for {int} ms', async function (this: WirecheckWorld, ms: number) {
  const heard = await this.exchanges.listen(ms);
  this.expect.check(`the server sends nothing for ${ms} ms`, heard.length === 0, `it sent ${heard.length} bytes before the request was complete: ${visibleBytes(heard)}`);
});

Then('the server closes the idle connection within its idle timeout, sending nothing', async function (this: WirecheckWorld) {
  const label = 'the server closes the idle connection within its idle timeout, sending nothing';
  const waitMs = this.target.setting('idleTimeoutMs') + TIMEOUT_MARGIN_MS;
  const observation = await this.exchanges.closeObservation(waitMs);
  this.expect.check(label, observation.closed, `still open after ${waitMs} ms`);
  const extra = await this.exchanges.bytesAfterResponse(0);
  this.expect.check(label, extra.length === 0, `it sent bytes on an idle connection: ${visibleBytes(extra)}`);
});

Then('the held connections are still served', async function (this: WirecheckWorld) {
  this.expect.heldServed(await this.exchanges.serveHeld());
});
