import { Then } from '@cucumber/cucumber';
import { exact, contains, regex, ABSENT } from '../src/transcript/matchers.js';
import { statusCode, statusOneOf } from '../src/transcript/status-matcher.js';
import type { WirecheckWorld } from './support/world.js';

// Checking the last response: against a fixture, or one field at a time.

Then('the response matches the fixture', function (this: WirecheckWorld) {
  this.session.assertMatchesFixture();
});

Then('the response matches {string}', function (this: WirecheckWorld, name: string) {
  this.session.assertMatchesFixture(name);
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

Then('the body is {string}', function (this: WirecheckWorld, body: string) {
  this.session.assertExpectation({ body: exact(body) }, 'the step');
});

Then('the body is:', function (this: WirecheckWorld, body: string) {
  this.session.assertExpectation({ body: exact(body) }, 'the step');
});

Then('the body contains {string}', function (this: WirecheckWorld, text: string) {
  this.session.assertExpectation({ body: contains(text) }, 'the step');
});
