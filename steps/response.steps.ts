import { Then } from '@cucumber/cucumber';
import { headerValues } from '../src/http1/headers.js';
import { exact, contains, regex, ABSENT } from '../src/expect/matchers.js';
import { statusCode, statusOneOf } from '../src/expect/status-matcher.js';
import { HarnessError } from '../src/harness/harness-errors.js';
import { TIMEOUT_MARGIN_MS } from '../src/target/server-settings.js';
import type { WirecheckWorld } from './support/world.js';

// Checking the last response: against a fixture, or one field at a time.

Then('the response matches the fixture', function (this: WirecheckWorld) {
  const fixture = this.exchanges.last?.request.fixture ?? harnessFault('the last request did not come from a fixture; name one');
  this.expect.matchesFixture(this.exchanges.last, fixture);
});

Then('the response matches {string}', function (this: WirecheckWorld, name: string) {
  this.expect.matchesFixture(this.exchanges.last, this.fixtures.fixture(name));
});

Then('if the status is {int}, the response matches {string}', function (this: WirecheckWorld, status: number, name: string) {
  const last = this.exchanges.last;
  if (last?.kind === 'response' && last.received.response.status !== status) return this.expect.check(`the status is not ${status}: ${name} does not apply`, true);
  this.expect.matchesFixture(last, this.fixtures.fixture(name));
});

Then('the responses match their fixtures, in order', function (this: WirecheckWorld) {
  this.expect.batchMatches(this.exchanges.batch);
});

Then('the status is {int}', function (this: WirecheckWorld, status: number) {
  this.expect.meets(this.exchanges.last, { status: statusCode(status) }, `the status is ${status}`);
});

Then('the status is one of {statuses}', function (this: WirecheckWorld, statuses: number[]) {
  this.expect.meets(this.exchanges.last, { status: statusOneOf(...statuses.map(statusCode)) }, `the status is one of ${statuses.join(', ')}`);
});

Then('the header {string} is {string}', function (this: WirecheckWorld, name: string, value: string) {
  this.expect.meets(this.exchanges.last, { headers: [{ name, matcher: exact(value) }] }, `the header ${name} is ${JSON.stringify(value)}`);
});

Then('the header {string} matches {string}', function (this: WirecheckWorld, name: string, pattern: string) {
  this.expect.meets(this.exchanges.last, { headers: [{ name, matcher: regex(pattern) }] }, `the header ${name} matches /${pattern}/`);
});

Then('the response has no {string} header', function (this: WirecheckWorld, name: string) {
  this.expect.meets(this.exchanges.last, { headers: [{ name, matcher: ABSENT }] }, `the response has no ${name} header`);
});

Then('the header {string} is the same as in the previous response', function (this: WirecheckWorld, name: string) {
  const responses = this.exchanges.outcomes.flatMap((o) => (o.kind === 'response' ? [o.received.response] : []));
  if (responses.length < 2) harnessFault('two responses are needed to compare');
  const [previous, last] = responses.slice(-2).map((r) => headerValues(r!.headers, name).join(', '));
  this.expect.check(`the header ${name} is the same as in the previous response`, last === previous, `${JSON.stringify(last)}, the previous one ${JSON.stringify(previous)}`);
});

Then('the body is {string}', function (this: WirecheckWorld, body: string) {
  this.expect.meets(this.exchanges.last, { body: exact(body) }, 'the body is as the step says');
});

Then('the body is:', function (this: WirecheckWorld, body: string) {
  this.expect.meets(this.exchanges.last, { body: exact(body) }, 'the body is as the step says');
});

Then('the body contains {string}', function (this: WirecheckWorld, text: string) {
  this.expect.meets(this.exchanges.last, { body: contains(text) }, `the body contains ${JSON.stringify(text)}`);
});

Then('the body does not contain {string}', function (this: WirecheckWorld, text: string) {
  const label = `the body does not contain ${JSON.stringify(text)}`;
  const received = this.expect.response(this.exchanges.last, label);
  if (received !== undefined) this.expect.check(label, !received.response.body.toString('utf8').includes(text), 'it does');
});

Then('the body is empty', function (this: WirecheckWorld) {
  this.expect.meets(this.exchanges.last, { body: exact('') }, 'the body is empty');
});

Then('the response version is {string}', function (this: WirecheckWorld, version: string) {
  const label = `the response version is ${version}`;
  const received = this.expect.response(this.exchanges.last, label);
  if (received === undefined) return;
  const { major, minor } = received.response.version;
  this.expect.check(label, `HTTP/${major}.${minor}` === version, `got HTTP/${major}.${minor}`);
});

// --- Interim responses -----------------------------------------------------------------------

/** A whole 100 (Continue) head, its fields included: a 1xx may carry fields (RFC 9110 §15.2). */
const INTERIM_100 = /^HTTP\/1\.\d 100(?: [^\r\n]*)?\r?\n(?:[^\r\n]+\r?\n)*\r?\n/;

Then('a 100 Continue came before the response', function (this: WirecheckWorld) {
  interimCheck(this, true);
});

Then('no 100 Continue came before the response', function (this: WirecheckWorld) {
  interimCheck(this, false);
});

function interimCheck(world: WirecheckWorld, wanted: boolean): void {
  const label = `${wanted ? 'a' : 'no'} 100 Continue came before the response`;
  const received = world.expect.response(world.exchanges.last, label);
  if (received === undefined) return;
  const interim = received.interim.map((r) => r.status);
  world.expect.check(label, interim.includes(100) === wanted, `the interim responses were [${interim.join(', ')}]`);
}

// --- Timing ----------------------------------------------------------------------------------

Then('the server answered only after the last byte of the request', function (this: WirecheckWorld) {
  this.expect.answeredAfterLastByte(this.exchanges.last, this.exchanges.lastSentAtMs);
});

Then('the server answers within its request timeout', async function (this: WirecheckWorld) {
  await this.exchanges.awaitAnswer(this.target.setting('requestTimeoutMs') + TIMEOUT_MARGIN_MS);
});

Then('the server answers within {int} ms', async function (this: WirecheckWorld, ms: number) {
  await this.exchanges.awaitAnswer(ms);
});

Then('a 100 Continue arrives within {int} ms', async function (this: WirecheckWorld, ms: number) {
  const heard = (await this.exchanges.awaitInterim(ms)).toString('latin1');
  this.expect.check(`a 100 Continue arrives within ${ms} ms`, INTERIM_100.test(heard), heard === '' ? 'nothing came' : `got ${JSON.stringify(heard.slice(0, 60))}`);
});

Then('the server answered only the first {int} of them, as their fixtures say', function (this: WirecheckWorld, count: number) {
  this.expect.batchAnsweredOnly(this.exchanges.batch, count);
});

function harnessFault(message: string): never {
  throw new HarnessError(message);
}
