import type { ReceivedResponse } from '../client/index.js';
import { compareResponse, type Mismatch } from '../expect/compare.js';
import { firstDifference } from '../expect/difference.js';
import { renderDiff } from '../expect/diff.js';
import { allowsCloseWithoutResponse, allowsWait, statusClass, statusOneOf, WAIT_MS } from '../expect/status-matcher.js';
import type { ExpectedResponse, Fixture } from '../fixture/fixture.js';
import type { Check } from '../findings/finding.js';
import type { Level } from '../findings/verdict.js';
import type { Attach } from './attach.js';
import type { Batch, HeldAnswer, Outcome } from './exchanges.js';
import { CheckFailed, HarnessError } from './harness-errors.js';
import { describeClientError, isCloseWithoutResponse } from './report-text.js';

/** Any final status: what a step-written expectation checks when it says nothing of the status. */
const ANY_STATUS = statusOneOf(statusClass(1), statusClass(2), statusClass(3), statusClass(4), statusClass(5));

export interface ExpectationOptions {
  /** The scenario's level, from its tags: the level of every check that does not say its own. */
  readonly level: Level;
  /** `@seed`: bodies compared with trailing whitespace ignored (SPEC §1). */
  readonly ignoreBodyTrailingWhitespace: boolean;
}

/**
 * Judges what came back against what a scenario expects, one `Check` at a time, and keeps
 * every check for the scenario's finding. Works on outcomes as data: no sockets. A failed check
 * ends the scenario when its level is at least the scenario's own (a `level: should` fixture
 * inside a MUST scenario is noted and the scenario goes on).
 */
export class Expectations {
  private readonly made: Check[] = [];
  /** Outcomes without a response that a check has looked at. */
  private readonly examined = new Set<Outcome>();

  constructor(
    private readonly options: ExpectationOptions,
    private readonly attach: Attach,
  ) {}

  get checks(): readonly Check[] {
    return this.made;
  }

  /** Records a check; a failed one at the scenario's level (or MUST) stops the scenario. */
  check(label: string, passed: boolean, difference?: string, level: Level = this.options.level): void {
    this.made.push(passed || difference === undefined ? { label, level, passed } : { label, level, passed, difference });
    if (passed) return;
    const line = difference === undefined ? label : `${label}: ${difference}`;
    if (level !== 'must' && level !== this.options.level) {
      this.attach(`not met (${level.toUpperCase()}-level): ${label}`, line);
      return;
    }
    throw new CheckFailed(line, level);
  }

  /**
   * The response of `outcome`, or undefined when there is none: then the check `label` has
   * failed (and, at the scenario's level, stopped it). When the harness's own read timeout ran
   * out first, that is the harness giving up, not a finding.
   */
  response(outcome: Outcome | undefined, label: string, level?: Level): ReceivedResponse | undefined {
    if (outcome === undefined) throw new HarnessError('no request has been sent');
    if (outcome.kind === 'response') return outcome.received;
    this.examined.add(outcome);
    if (outcome.deadline === 'harness' && outcome.error.code === 'READ_TIMEOUT') {
      throw new HarnessError(`no response to ${outcome.request.label} within the harness's read timeout: ${describeClientError(outcome.error)}`);
    }
    this.check(label, false, `expected a response, but ${describeClientError(outcome.error)}`, level);
    return undefined;
  }

  /**
   * The exchange matches the `response:` of `fixture`, at the fixture's level. A fixture whose
   * status allows `close` also accepts a connection closed without any response.
   */
  matchesFixture(outcome: Outcome | undefined, fixture: Fixture): void {
    const expected = fixture.response ?? harnessFault(`${fixture.file} has no response: section to compare with`);
    const level = fixture.level ?? this.options.level;
    const label = `the response matches ${fixture.file}`;
    const tolerated = outcome === undefined ? undefined : maybeToleratedSilence(outcome, expected);
    if (tolerated !== undefined) {
      this.examined.add(outcome!);
      this.attach('tolerated', `${tolerated.what}, which ${fixture.file} allows (status: ${tolerated.allowed})`);
      this.check(label, true, undefined, level);
      return;
    }
    this.matches(outcome, expected, label, fixture.file, level);
  }

  /** The exchange meets expectations written in a step rather than a fixture. */
  meets(outcome: Outcome | undefined, expectation: Partial<ExpectedResponse>, label: string): void {
    this.matches(outcome, { status: ANY_STATUS, headers: [], bodyTrailingWhitespace: 'exact', ...expectation }, label, 'the step', this.options.level);
  }

  /** Each response of a pipelined write matches its own request's fixture, in order. */
  batchMatches(batch: Batch): void {
    const closedAfter = maybeClosedPart(batch);
    if (closedAfter === undefined) return this.batchAnswers(batch, batch.sent);
    // RFC 9112 §9.3.2: a server may close before it answers every pipelined request; the client retries the rest.
    this.examined.add(batch.outcomes[closedAfter]!);
    this.attach('tolerated', `the server closed the connection after ${closedAfter} of the ${batch.sent} pipelined responses; a client retries the rest (RFC 9112 §9.3.2), so only those that came are judged`);
    this.batchAnswers(batch, closedAfter);
  }

  /** Of a pipelined write only the first `answered` requests got a response, each as its fixture says; then the server closed. */
  batchAnsweredOnly(batch: Batch, answered: number): void {
    const label = `only the first ${answered} of ${batch.sent} pipelined requests are answered, then the connection closes`;
    if (answered >= batch.sent) harnessFault(`only ${batch.sent} requests were pipelined`);
    const after = batch.outcomes[answered];
    if (after?.kind === 'response') {
      const extra = batch.outcomes.filter((o) => o.kind === 'response').length - answered;
      this.check(label, false, `${extra} more response${extra === 1 ? '' : 's'}: response ${answered + 1} is ${after.received.response.status} ${after.received.response.reason} to ${after.request.label}`);
    }
    if (after?.kind === 'error') {
      this.examined.add(after);
      if (!isCloseWithoutResponse(after.error)) this.check(label, false, `after ${answered} responses the connection should have closed, but ${describeClientError(after.error)}`);
    }
    this.batchAnswers(batch, answered);
  }

  /** The response's first byte came after the request's last byte was sent. */
  answeredAfterLastByte(outcome: Outcome | undefined, lastSentAtMs: number): void {
    const label = 'the server answered only after the last byte of the request';
    const received = this.response(outcome, label);
    if (received === undefined) return;
    const timeline = `the last write at ${lastSentAtMs.toFixed(1)} ms; the response's first byte at ${received.timings.firstByteAtMs.toFixed(1)} ms`;
    this.attach('timeline', timeline);
    this.check(label, received.timings.firstByteAtMs >= lastSentAtMs, `it answered before the request was complete: ${timeline}`);
  }

  /** Every held connection answered its `GET /` with 200. */
  heldServed(answers: readonly HeldAnswer[]): void {
    const bad = answers.find((a) => a.status !== 200);
    const why = bad === undefined ? undefined : `${bad.label}: GET / was ${bad.status === undefined ? `not served: ${bad.error}` : `answered ${bad.status}, not 200`}`;
    this.check(`each of ${answers.length} held connections is served`, bad === undefined, why);
  }

  /**
   * What the scenario leaves unexamined: an exchange that got no response and that no check
   * looked at. The harness's own read timeout is its error; anything else fails.
   */
  leftUnexamined(outcomes: readonly Outcome[]): string | undefined {
    const missed = outcomes.find((o) => o.kind === 'error' && !this.examined.has(o));
    if (missed?.kind !== 'error') return undefined;
    this.examined.add(missed);
    if (missed.deadline === 'harness' && missed.error.code === 'READ_TIMEOUT') return `no response to ${missed.request.label} within the harness's read timeout, and no step checked it`;
    this.made.push({ label: 'every exchange got a response, or a step checked that it did not', level: 'must', passed: false, difference: `${missed.request.label}: ${describeClientError(missed.error)}` });
    return undefined;
  }

  private matches(outcome: Outcome | undefined, expected: ExpectedResponse, label: string, source: string, level: Level): void {
    const received = this.response(outcome, label, level);
    if (received === undefined) return;
    const mismatches = this.compare(expected, received);
    if (mismatches.length > 0) this.attach(`diff (expected vs actual): ${source}`, this.diff(expected, received, mismatches, source));
    this.check(label, mismatches.length === 0, firstDifference(mismatches), level);
  }

  private batchAnswers(batch: Batch, expected: number): void {
    if (batch.sent === 0) harnessFault('no requests were pipelined');
    const label = expected === batch.sent ? `the ${batch.sent} pipelined responses match their fixtures, in order` : `the first ${expected} pipelined responses match their fixtures, in order`;
    const problems: string[] = [];
    let first: string | undefined;
    const outcomes = batch.outcomes.slice(0, expected);
    outcomes.forEach((outcome, i) => {
      const position = `response ${i + 1} of ${batch.sent}`;
      if (outcome.kind === 'error') {
        this.examined.add(outcome);
        const missing = `${position}: expected a response, but ${describeClientError(outcome.error)}`;
        first ??= missing;
        problems.push(missing);
        return;
      }
      const fixture = outcome.request.fixture ?? harnessFault(`${outcome.request.label} did not come from a fixture`);
      const wanted = fixture.response ?? harnessFault(`${fixture.file} has no response: section to compare with`);
      const mismatches = this.compare(wanted, outcome.received);
      if (mismatches.length === 0) return;
      first ??= `${position}: ${firstDifference(mismatches)}`;
      problems.push(`${position}:\n${this.diff(wanted, outcome.received, mismatches, fixture.file)}`);
    });
    if (outcomes.length < expected) {
      const got = outcomes.filter((o) => o.kind === 'response').length;
      first ??= `only ${got} of ${expected} responses came back`;
      problems.unshift(`only ${got} of ${expected} responses came back`);
    }
    if (problems.length > 0) this.attach('diff (pipelined responses)', problems.join('\n'));
    this.check(label, problems.length === 0, first);
  }

  private compare(expected: ExpectedResponse, received: ReceivedResponse): Mismatch[] {
    return compareResponse(expected, received.response, { ignoreBodyTrailingWhitespace: this.options.ignoreBodyTrailingWhitespace });
  }

  private diff(expected: ExpectedResponse, received: ReceivedResponse, mismatches: readonly Mismatch[], label: string): string {
    return renderDiff(expected, received.response, mismatches, { ignoreBodyTrailingWhitespace: this.options.ignoreBodyTrailingWhitespace, expectedLabel: label });
  }
}

/** Where a pipelined batch ends in a clean close (no byte of a further response): the number answered before it, or undefined. */
function maybeClosedPart(batch: Batch): number | undefined {
  const last = batch.outcomes.at(-1);
  if (last?.kind !== 'error' || !isCloseWithoutResponse(last.error)) return undefined;
  return batch.outcomes.length - 1;
}

/** How the server answered without a response, when the fixture allows it: a close (`close`), or nothing sent for a while (`wait`). */
function maybeToleratedSilence(outcome: Outcome, expected: ExpectedResponse): { what: string; allowed: 'close' | 'wait' } | undefined {
  if (outcome.kind !== 'error') return undefined;
  if (isCloseWithoutResponse(outcome.error) && allowsCloseWithoutResponse(expected.status)) return { what: 'the server closed the connection without a response', allowed: 'close' };
  const silent = outcome.error.code === 'READ_TIMEOUT' && outcome.error.received.length === 0 && outcome.deadline === 'rule';
  if (silent && allowsWait(expected.status)) return { what: `the server sent nothing for ${WAIT_MS} ms, still waiting for the rest of the request`, allowed: 'wait' };
  return undefined;
}

function harnessFault(message: string): never {
  throw new HarnessError(message);
}
