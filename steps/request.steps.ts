import { Given, When } from '@cucumber/cucumber';
import type { WirecheckWorld } from './support/world.js';

// Sending requests: from a fixture, from a raw docstring, whole, in fragments, or pipelined.

Given('the {string} request is sent', async function (this: WirecheckWorld, name: string) {
  this.session.prepareFixture(name);
  await this.session.send();
});

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

When('the requests {fixtures} are sent in one write', async function (this: WirecheckWorld, names: string[]) {
  await this.session.pipeline(names.map((name) => this.session.prepareFixture(name)));
});

When('this raw request is sent:', async function (this: WirecheckWorld, text: string) {
  this.session.prepareRaw(text);
  await this.session.send();
});

When('this raw request is sent in {int}-byte fragments:', async function (this: WirecheckWorld, size: number, text: string) {
  this.session.prepareRaw(text);
  await this.session.send({ fragmentSize: size });
});

Given('a new connection', async function (this: WirecheckWorld) {
  await this.session.newConnection();
});
