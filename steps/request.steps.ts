import { Given, When } from '@cucumber/cucumber';
import type { Padding } from '../src/harness/padding.js';
import { TIMEOUT_MARGIN_MS } from '../src/harness/session.js';
import type { WirecheckWorld } from './support/world.js';

// Sending requests: from a fixture, from a raw docstring, whole, in fragments, in timed parts,
// grown to a size, or pipelined.

Given('the {string} request is sent', async function (this: WirecheckWorld, name: string) {
  this.session.prepareFixture(name);
  await this.session.send();
});

// --- Segmented sends -------------------------------------------------------------------------

When('the {string} request is sent in {int}-byte fragments', async function (this: WirecheckWorld, name: string, size: number) {
  this.session.prepareFixture(name);
  await this.session.send({ fragmentSize: size });
});

When('the {string} request is sent in {int}-byte fragments {int} ms apart', async function (this: WirecheckWorld, name: string, size: number, delayMs: number) {
  this.session.prepareFixture(name);
  await this.session.send({ fragmentSize: size, delayMs });
});

When('the first {int} bytes of the {string} request are sent, then after {int} ms the rest', async function (this: WirecheckWorld, count: number, name: string, pauseMs: number) {
  this.session.prepareFixture(name);
  await this.session.send({ firstBytes: count, pauseMs });
});

When('only the first {int} bytes of the {string} request are sent', async function (this: WirecheckWorld, count: number, name: string) {
  this.session.prepareFixture(name);
  await this.session.sendFirst(count);
});

When('the {string} request is sent except its last {int} bytes', async function (this: WirecheckWorld, name: string, count: number) {
  this.session.prepareFixture(name);
  await this.session.sendFirst(-count);
});

When('the rest of the request is sent', async function (this: WirecheckWorld) {
  await this.session.sendRest();
});

When('the rest of the request is sent in {int}-byte fragments', async function (this: WirecheckWorld, size: number) {
  await this.session.sendRest({ fragmentSize: size });
});

When('the {string} request is trickled a byte at a time over twice the request timeout', async function (this: WirecheckWorld, name: string) {
  const request = this.session.prepareFixture(name);
  const timeoutMs = this.session.setting('requestTimeoutMs');
  // Paced by the timeout, so the request outlasts it whatever server is measured.
  await this.session.trickle(1, (2 * timeoutMs) / request.bytes.length, timeoutMs + TIMEOUT_MARGIN_MS);
});

// --- Raw requests ----------------------------------------------------------------------------

When('this raw request is sent:', async function (this: WirecheckWorld, text: string) {
  this.session.prepareRaw(text);
  await this.session.send();
});

When('this raw request is sent in {int}-byte fragments:', async function (this: WirecheckWorld, size: number, text: string) {
  this.session.prepareRaw(text);
  await this.session.send({ fragmentSize: size });
});

When('this raw request is sent in {int}-byte fragments {int} ms apart:', async function (this: WirecheckWorld, size: number, delayMs: number, text: string) {
  this.session.prepareRaw(text);
  await this.session.send({ fragmentSize: size, delayMs });
});

When('the first {int} bytes of this raw request are sent, then after {int} ms the rest:', async function (this: WirecheckWorld, count: number, pauseMs: number, text: string) {
  this.session.prepareRaw(text);
  await this.session.send({ firstBytes: count, pauseMs });
});

// --- Requests grown to a size (limits) -------------------------------------------------------

async function sendPadded(world: WirecheckWorld, name: string, padding: Padding): Promise<void> {
  world.session.prepareFixture(name, padding);
  await world.session.send();
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
  await this.session.pipeline(names.map((name) => this.session.prepareFixture(name)));
});

When('{int} copies of the {string} request are sent in one write', async function (this: WirecheckWorld, count: number, name: string) {
  await this.session.pipeline(Array.from({ length: count }, () => this.session.prepareFixture(name)));
});

// --- Connections -----------------------------------------------------------------------------

Given('a new connection', async function (this: WirecheckWorld) {
  await this.session.newConnection();
});
