import { Given, When } from '@cucumber/cucumber';
import type { Padding } from '../src/harness/padding.js';
import { TIMEOUT_MARGIN_MS } from '../src/target/server-settings.js';
import type { WirecheckWorld } from './support/world.js';

// Sending requests: from a fixture, from a raw docstring, whole, in fragments, in timed parts,
// grown to a size, or pipelined.

Given('the {string} request is sent', async function (this: WirecheckWorld, name: string) {
  this.scenario.prepareFixture(name);
  await this.exchanges.send();
});

// --- Segmented sends -------------------------------------------------------------------------

When('the {string} request is sent in {int}-byte fragments', async function (this: WirecheckWorld, name: string, size: number) {
  this.scenario.prepareFixture(name);
  await this.exchanges.send({ fragmentSize: size });
});

When('the {string} request is sent in {int}-byte fragments {int} ms apart', async function (this: WirecheckWorld, name: string, size: number, delayMs: number) {
  this.scenario.prepareFixture(name);
  await this.exchanges.send({ fragmentSize: size, delayMs });
});

When('the first {int} bytes of the {string} request are sent, then after {int} ms the rest', async function (this: WirecheckWorld, count: number, name: string, pauseMs: number) {
  this.scenario.prepareFixture(name);
  await this.exchanges.send({ firstBytes: count, pauseMs });
});

When('only the first {int} bytes of the {string} request are sent', async function (this: WirecheckWorld, count: number, name: string) {
  this.scenario.prepareFixture(name);
  await this.exchanges.sendFirst(count);
});

When('the {string} request is sent except its last {int} bytes', async function (this: WirecheckWorld, name: string, count: number) {
  this.scenario.prepareFixture(name);
  await this.exchanges.sendFirst(-count);
});

When('the rest of the request is sent', async function (this: WirecheckWorld) {
  await this.exchanges.sendRest();
});

When('the rest of the request is sent in {int}-byte fragments', async function (this: WirecheckWorld, size: number) {
  await this.exchanges.sendRest({ fragmentSize: size });
});

When('the rest of the request is sent {int} ms later', async function (this: WirecheckWorld, pauseMs: number) {
  await this.exchanges.sendRestLater(pauseMs);
});

When('the {string} request is trickled a byte at a time over twice the request timeout', async function (this: WirecheckWorld, name: string) {
  const request = this.scenario.prepareFixture(name);
  const timeoutMs = this.target.setting('requestTimeoutMs');
  // Paced by the timeout, so the request outlasts it whatever server is measured.
  await this.exchanges.trickle(1, (2 * timeoutMs) / request.bytes.length, timeoutMs + TIMEOUT_MARGIN_MS);
});

// --- Raw requests ----------------------------------------------------------------------------

When('this raw request is sent:', async function (this: WirecheckWorld, text: string) {
  this.scenario.prepareRaw(text);
  await this.exchanges.send();
});

When('this raw request is sent in {int}-byte fragments:', async function (this: WirecheckWorld, size: number, text: string) {
  this.scenario.prepareRaw(text);
  await this.exchanges.send({ fragmentSize: size });
});

When('this raw request is sent in {int}-byte fragments {int} ms apart:', async function (this: WirecheckWorld, size: number, delayMs: number, text: string) {
  this.scenario.prepareRaw(text);
  await this.exchanges.send({ fragmentSize: size, delayMs });
});

When('the first {int} bytes of this raw request are sent, then after {int} ms the rest:', async function (this: WirecheckWorld, count: number, pauseMs: number, text: string) {
  this.scenario.prepareRaw(text);
  await this.exchanges.send({ firstBytes: count, pauseMs });
});

// --- Requests grown to a size (limits) -------------------------------------------------------

async function sendPadded(world: WirecheckWorld, name: string, padding: Padding): Promise<void> {
  world.scenario.prepareFixture(name, padding);
  await world.exchanges.send();
}

When('the {string} request is sent with its request line padded to {int} bytes', async function (this: WirecheckWorld, name: string, bytes: number) {
  await sendPadded(this, name, { kind: 'request-line', bytes });
});

When('the {string} request is sent with {int} header fields in all', async function (this: WirecheckWorld, name: string, count: number) {
  await sendPadded(this, name, { kind: 'field-count', count });
});

When('the {string} request is sent with its header section padded to {int} bytes', async function (this: WirecheckWorld, name: string, bytes: number) {
  await sendPadded(this, name, { kind: 'header-bytes', bytes });
});

When('the {string} request is sent with its body padded to {int} bytes', async function (this: WirecheckWorld, name: string, bytes: number) {
  await sendPadded(this, name, { kind: 'body', bytes });
});

// --- Pipelining ------------------------------------------------------------------------------

When('the requests {fixtures} are sent in one write', async function (this: WirecheckWorld, names: string[]) {
  await this.exchanges.pipeline(names.map((name) => this.scenario.fixtureRequest(name)));
});

When('{int} copies of the {string} request are sent in one write', async function (this: WirecheckWorld, count: number, name: string) {
  await this.exchanges.pipeline(Array.from({ length: count }, () => this.scenario.fixtureRequest(name)));
});

// --- Connections -----------------------------------------------------------------------------

Given('a new connection', async function (this: WirecheckWorld) {
  await this.exchanges.newConnection();
});
