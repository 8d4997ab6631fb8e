import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { TIMEOUT_MARGIN_MS } from '../src/harness/session.js';
import { headerValues } from '../src/http1/headers.js';
import { exact, contains, regex, ABSENT } from '../src/expect/matchers.js';
import { statusCode, statusOneOf } from '../src/expect/status-matcher.js';
import type { WirecheckWorld } from './support/world.js';

// Checking the last response: against a fixture, or one field at a time.

Then('the response matches the fixture', function (this: WirecheckWorld) {
  this.session.assertMatchesFixture();
});

Then('the response matches {string}', function (this: WirecheckWorld, name: string) {
  this.session.assertMatchesFixture(name);
});

Then('the responses match their fixtures, in order', function (this: WirecheckWorld) {
  this.session.assertBatchMatchesFixtures();
});

Then('the status is {int}', function (this: WirecheckWorld, status: number) {
  this.session.assertExpectation({ status: statusCode(status) }, 'the step');
});

Then('the status is one of {statuses}', function (this: WirecheckWorld, statuses: number[]) {
  this.session.assertExpectation({ status: statusOneOf(...statuses.map(statusCode)) }, 'the step');
});

Then('the header {string} is {string}', function (this: WirecheckWorld, name: string, value: string) {
  this.session.assertExpectation({ headers: [{ name, matcher: exact(value) }] }, 'the step');
});

Then('the header {string} matches {string}', function (this: WirecheckWorld, name: string, pattern: string) {
  this.session.assertExpectation({ headers: [{ name, matcher: regex(pattern) }] }, 'the step');
});

Then('the response has no {string} header', function (this: WirecheckWorld, name: string) {
  this.session.assertExpectation({ headers: [{ name, matcher: ABSENT }] }, 'the step');
});

Then('the header {string} is the same as in the previous response', function (this: WirecheckWorld, name: string) {
  const responses = this.session.responses;
  expect(responses.length, 'two responses are needed to compare').to.be.at.least(2);
  const [previous, last] = responses.slice(-2).map((r) => headerValues(r!.response.headers, name).join(', '));
  expect(last, `header ${name} differs from the previous response's`).to.equal(previous);
});

Then('the body is {string}', function (this: WirecheckWorld, body: string) {
  this.session.assertExpectation({ body: exact(body) }, 'the step');
});

Then('the body is:', function (this: WirecheckWorld, body: string) {
  this.session.assertExpectation({ body: exact(body) }, 'the step');
});

Then('the body contains {string}', function (this: WirecheckWorld, text: string) {
  this.session.assertExpectation({ body: contains(text) }, 'the step');
});

Then('the body does not contain {string}', function (this: WirecheckWorld, text: string) {
  const body = this.session.response.response.body.toString('utf8');
  expect(body.includes(text), `the body contains ${JSON.stringify(text)}`).to.equal(false);
});

Then('the body is empty', function (this: WirecheckWorld) {
  this.session.assertExpectation({ body: exact('') }, 'the step');
});

Then('the response version is {string}', function (this: WirecheckWorld, version: string) {
  const { major, minor } = this.session.response.response.version;
  expect(`HTTP/${major}.${minor}`, 'the status line version').to.equal(version);
});

// --- Interim responses -----------------------------------------------------------------------

Then('a 100 Continue came before the response', function (this: WirecheckWorld) {
  const interim = this.session.response.interim.map((r) => r.status);
  expect(interim, 'the interim responses before the final one').to.include(100);
});

Then('no 100 Continue came before the response', function (this: WirecheckWorld) {
  const interim = this.session.response.interim.map((r) => r.status);
  expect(interim, 'the interim responses before the final one').to.not.include(100);
});

// --- Timing ----------------------------------------------------------------------------------

Then('the server answered only after the last byte of the request', function (this: WirecheckWorld) {
  this.session.assertAnsweredAfterLastByte();
});

Then('the server answers within its request timeout', async function (this: WirecheckWorld) {
  await this.session.awaitAnswer(this.session.setting('requestTimeoutMs') + TIMEOUT_MARGIN_MS);
});

Then('the server answers within {int} ms', async function (this: WirecheckWorld, ms: number) {
  await this.session.awaitAnswer(ms);
});

Then('a 100 Continue arrives within {int} ms', async function (this: WirecheckWorld, ms: number) {
  const heard = (await this.session.awaitInterim(ms)).toString('latin1');
  expect(heard, `no 100 Continue within ${ms} ms`).to.match(/^HTTP\/1\.\d 100 [^\r\n]*\r?\n\r?\n/);
});

Then('the server answered only the first {int} of them, as their fixtures say', function (this: WirecheckWorld, count: number) {
  this.session.assertBatchAnsweredOnly(count);
});
