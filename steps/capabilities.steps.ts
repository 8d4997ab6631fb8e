import { Given, Then, When } from '@cucumber/cucumber';
import { headerValues, type Response } from '../src/http1/index.js';
import { requestBytes } from '../src/fixture/request-bytes.js';
import {
  knownRepresentation,
  maybeLackingField,
  maybeLackingStrongEtag,
  maybeNoRanges,
  maybeNotEvaluating,
  PROBED_FIELDS,
  rangeAnswerProblem,
  wholeAnswerProblem,
  withProbedValues,
  type Condition,
  type ProbedField,
} from '../src/harness/capability-probes.js';
import { echoPresenceProblem, echoProblem, grownCookie, sentFields, withField, type CookieGrowth, type Reading } from '../src/harness/field-echo.js';
import { HarnessError } from '../src/harness/harness-errors.js';
import { prepared } from '../src/harness/prepared-request.js';
import type { Outcome } from '../src/harness/exchanges.js';
import type { WirecheckWorld } from './support/world.js';

// What the target does beyond the minimum (validators, conditional requests, byte ranges),
// probed on a connection of its own: without it the scenario is not applicable, with the
// reason. What the probe got fills the scenario's later requests and judges its answers.

Given("the target's GET response carries a(n) {word}", async function (this: WirecheckWorld, field: string) {
  if (!(PROBED_FIELDS as readonly string[]).includes(field)) throw new HarnessError(`no probe for ${field} (known: ${PROBED_FIELDS.join(', ')})`);
  return gate(this, await maybeLackingField(this.scenario, field as ProbedField));
});

Given("the target's GET response carries a strong ETag", async function (this: WirecheckWorld) {
  return gate(this, await maybeLackingStrongEtag(this.scenario));
});

Given('the target evaluates {word}', async function (this: WirecheckWorld, condition: string) {
  if (condition !== 'If-None-Match' && condition !== 'If-Modified-Since') throw new HarnessError(`no probe for ${condition} (known: If-None-Match, If-Modified-Since)`);
  return gate(this, await maybeNotEvaluating(this.scenario, condition satisfies Condition));
});

Given('the target serves byte ranges', async function (this: WirecheckWorld) {
  return gate(this, await maybeNoRanges(this.scenario));
});

function gate(world: WirecheckWorld, missing: string | undefined): 'skipped' | undefined {
  if (missing === undefined) return undefined;
  world.scenario.notApplicableBecause(missing);
  return 'skipped';
}

// --- Requests made of what was probed -------------------------------------------------------

When("the {string} request is sent with the target's validators filled in", async function (this: WirecheckWorld, name: string) {
  const request = this.scenario.fixtureRequest(name);
  const bytes = withProbedValues(request.bytes, knownRepresentation(this.scenario), request.label);
  this.exchanges.prepare(prepared(bytes, `${request.label}, with the target's validators`, request.fixture));
  await this.exchanges.send();
});

When('the {string} request is sent with a Cookie of {int} bytes', async function (this: WirecheckWorld, name: string, bytes: number) {
  await sendWithCookie(this, name, { bytes }, `a Cookie of ${bytes} bytes`);
});

When('the {string} request is sent with a Cookie of {int} pairs', async function (this: WirecheckWorld, name: string, pairs: number) {
  await sendWithCookie(this, name, { pairs }, `a Cookie of ${pairs} pairs`);
});

async function sendWithCookie(world: WirecheckWorld, name: string, growth: CookieGrowth, what: string): Promise<void> {
  const fixture = world.fixtures.fixture(name);
  if (fixture.request.kind !== 'structured') throw new HarnessError(`${fixture.file}: only a request written field by field can be given a Cookie, not a raw one`);
  const target = world.target.target;
  const bytes = requestBytes(withField(fixture.request, 'Cookie', grownCookie(growth)), target, target.capabilities.paths);
  world.exchanges.prepare(prepared(bytes, `${fixture.file}, with ${what}`, fixture));
  await world.exchanges.send();
}

// --- Answers set against the probe, the previous response, or the request -------------------

Then('the header {string} is present if it was in the previous response', function (this: WirecheckWorld, name: string) {
  const [previous, last] = lastTwo(this);
  const had = headerValues(previous.headers, name).length > 0;
  const has = headerValues(last.headers, name).length > 0;
  this.expect.check(`the header ${name} is present if it was in the previous response`, has || !had, `the ${previous.status} had ${name}, the ${last.status} has none`);
});

Then("the status is the previous response's, unless that was 2xx or 412", function (this: WirecheckWorld) {
  const [previous, last] = lastTwo(this);
  const free = (previous.status >= 200 && previous.status <= 299) || previous.status === 412;
  this.expect.check(`the status is the previous response's (${previous.status}), unless that was 2xx or 412`, free || last.status === previous.status, `got ${last.status}`);
});

Then('the content is the requested range of the representation, or all of it', function (this: WirecheckWorld) {
  const label = 'the content is the requested range of the representation, or all of it';
  const response = lastResponse(this, label);
  if (response === undefined) return;
  const asked = sentFields(this.exchanges.last!.request.bytes).find(([name]) => name.toLowerCase() === 'range')?.[1] ?? harnessFault('the last request sent no Range');
  const problem = rangeAnswerProblem(response, knownRepresentation(this.scenario).body, asked);
  this.expect.check(label, problem === undefined, problem);
});

Then('the content is all of the representation', function (this: WirecheckWorld) {
  const label = 'the content is all of the representation';
  const response = lastResponse(this, label);
  if (response === undefined) return;
  const problem = wholeAnswerProblem(response, knownRepresentation(this.scenario).body);
  this.expect.check(label, problem === undefined, problem);
});

// --- The field echo (n/a without one: `the target echoes the request's fields`) -------------

Then('if served, the echo holds the {string} field as sent', function (this: WirecheckWorld, name: string) {
  echoCheck(this, `the echo holds the ${name} field as sent`, (outcome, body) => echoProblem(outcome.request.bytes, body, name, 'as sent'));
});

Then('if served, the echo holds the {string} field with each CR, LF and NUL replaced by SP', function (this: WirecheckWorld, name: string) {
  const reading: Reading = 'CR, LF and NUL as SP';
  echoCheck(this, `the echo holds the ${name} field with each CR, LF and NUL replaced by SP`, (outcome, body) => echoProblem(outcome.request.bytes, body, name, reading));
});

Then('if served, the echo holds no {string} field', function (this: WirecheckWorld, name: string) {
  echoCheck(this, `the echo holds no ${name} field`, (_outcome, body) => echoPresenceProblem(body, name));
});

/** Judges the echo when the request was served (2xx); a refusal or a close is the fixture's to judge. */
function echoCheck(world: WirecheckWorld, label: string, problemOf: (outcome: Outcome, body: Buffer) => string | undefined): void {
  const last = world.exchanges.last ?? harnessFault('no request has been sent');
  if (last.kind !== 'response' || last.received.response.status < 200 || last.received.response.status > 299) {
    world.expect.check(`not served, so not echoed: ${label} does not apply`, true);
    return;
  }
  const problem = problemOf(last, last.received.response.body);
  world.expect.check(label, problem === undefined, problem);
}

function lastResponse(world: WirecheckWorld, label: string): Response | undefined {
  return world.expect.response(world.exchanges.last, label)?.response;
}

function lastTwo(world: WirecheckWorld): [Response, Response] {
  const responses = world.exchanges.outcomes.flatMap((o) => (o.kind === 'response' ? [o.received.response] : []));
  if (responses.length < 2) harnessFault('two responses are needed to compare');
  return [responses.at(-2)!, responses.at(-1)!];
}

function harnessFault(message: string): never {
  throw new HarnessError(message);
}
