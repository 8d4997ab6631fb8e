import { Then } from '@cucumber/cucumber';
import type { Response } from '../src/http1/index.js';
import { HarnessError } from '../src/harness/harness-errors.js';
import { describeFraming, emptySuccessLengthProblem, followingSuccess, framingProblem, lengthAgainstPrevious } from '../src/harness/response-framing.js';
import { QUIET_MS } from '../src/harness/quiet-periods.js';
import type { WirecheckWorld } from './support/world.js';

// How a response is framed and what comes around it: its length against GET's, the interim
// responses before it, the responses after it.

/** How long to listen for responses nobody asked for. */

Then('the response is framed by Content-Length, chunked coding or the close', function (this: WirecheckWorld) {
  const label = 'the response is framed by Content-Length, chunked coding or the close';
  const received = this.expect.response(this.exchanges.last, label);
  if (received === undefined) return;
  this.attach(`framed by ${describeFraming(received.response, received.method)}`, { mediaType: 'text/plain', fileName: 'framing' });
  const problem = framingProblem(received.response);
  this.expect.check(label, problem === undefined, problem);
});

Then('no interim response came before the response', function (this: WirecheckWorld) {
  noInterim(this, 'no interim response came before the response', () => true);
});

Then('no 101 Switching Protocols came before the response', function (this: WirecheckWorld) {
  noInterim(this, 'no 101 Switching Protocols came before the response', (status) => status === 101);
});

Then("if the response has a Content-Length, it is the length of the previous response's content", function (this: WirecheckWorld) {
  const label = "if the response has a Content-Length, it is the length of the previous response's content";
  const pair = lastTwo(this, label);
  if (pair === undefined) return;
  const problem = lengthAgainstPrevious(pair[1], pair[0]);
  this.expect.check(label, problem === undefined, problem);
});

Then('a 2xx response without content says Content-Length: 0', function (this: WirecheckWorld) {
  const label = 'a 2xx response without content says Content-Length: 0';
  const received = this.expect.response(this.exchanges.last, label);
  if (received === undefined) return;
  const problem = emptySuccessLengthProblem(received.response);
  this.expect.check(label, problem === undefined, problem);
});

Then('the status is the same as in the previous response', function (this: WirecheckWorld) {
  const label = 'the status is the same as in the previous response';
  const pair = lastTwo(this, label);
  if (pair === undefined) return;
  const [previous, last] = pair;
  this.expect.check(label, last.status === previous.status, `${last.status}, the previous one ${previous.status}`);
});

Then('unless the status is 5xx, the response matches {string}', function (this: WirecheckWorld, name: string) {
  const last = this.exchanges.last;
  if (last?.kind === 'response' && last.received.response.status >= 500) return this.expect.check(`the status is 5xx: ${name} does not apply`, true);
  this.expect.matchesFixture(last, this.fixtures.fixture(name));
});

Then('no 2xx response follows the response', async function (this: WirecheckWorld) {
  const problem = followingSuccess(await this.exchanges.bytesAfterResponse(QUIET_MS));
  this.expect.check('no 2xx response follows the response', problem === undefined, problem);
});

function noInterim(world: WirecheckWorld, label: string, counts: (status: number) => boolean): void {
  const received = world.expect.response(world.exchanges.last, label);
  if (received === undefined) return;
  const interim = received.interim.map((r) => r.status);
  world.expect.check(label, !interim.some(counts), `the interim responses were [${interim.join(', ')}]`);
}

/** The last response and the one before it, the earlier first; undefined (the check failed) when the last request got none. */
function lastTwo(world: WirecheckWorld, label: string): [Response, Response] | undefined {
  const last = world.expect.response(world.exchanges.last, label);
  if (last === undefined) return undefined;
  const before = world.exchanges.outcomes.slice(0, -1).filter((o) => o.kind === 'response').at(-1);
  if (before?.kind !== 'response') throw new HarnessError('two responses are needed to compare');
  return [before.received.response, last.response];
}
