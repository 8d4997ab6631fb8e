import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, isClientError, type ClientError, type CloseObservation, type ReceivedResponse } from '../client/index.js';
import { compareResponse, type Mismatch } from '../expect/compare.js';
import { renderDiff } from '../expect/diff.js';
import { type ExpectedResponse, type Fixture, type RequirementLevel } from '../fixture/fixture.js';
import { loadFixture } from '../fixture/fixture-loader.js';
import { authorityOf, placeholderValues } from '../fixture/placeholders.js';
import { rawTextBytes } from '../fixture/raw-text.js';
import { requestBytes } from '../fixture/request-bytes.js';
import { allowsCloseWithoutResponse, statusClass, statusCode, statusOneOf } from '../expect/status-matcher.js';
import { ConformanceError, ShouldLevelError } from './conformance-error.js';
import { describeClientError, describeClose, isCloseWithoutResponse, reportBytes, shortPath } from './report-text.js';
import { describePadding, padRequest, type Padding } from './padding.js';
import { prepared, type PreparedRequest } from './prepared-request.js';
import { simpleRequest } from './simple-request.js';
import { describeAssumption, DOCUMENTED_DEFAULTS, effectiveSetting, type LaunchedServer, type ServerLauncher, type ServerSettings } from '../target/server-settings.js';
import type { TargetServer } from '../target/target.js';

/** Any final status: what a step-written expectation checks when it says nothing of the status. */
const ANY_STATUS = statusOneOf(statusClass(1), statusClass(2), statusClass(3), statusClass(4), statusClass(5));
/** Added to a timeout the scenario waits out: the server's timer granularity plus scheduling. */
export const TIMEOUT_MARGIN_MS = 2_000;
/** How often a wait for an interim response looks at what has arrived. */
const INTERIM_POLL_MS = 5;

/** Hands a text to the report, under a name. */
export type Attach = (name: string, text: string) => void;

/** How the bytes of a request go out: whole, in fragments, or a first part then the rest. */
export interface SendPlan {
  readonly fragmentSize?: number;
  readonly delayMs?: number;
  /** Send this many bytes first, wait `pauseMs`, then send the rest. */
  readonly firstBytes?: number;
  readonly pauseMs?: number;
}

export interface SessionOptions {
  readonly fixturesDir: string;
  readonly readTimeoutMs: number;
  /** `@seed`: bodies compared with trailing whitespace ignored (SPEC §1). */
  readonly ignoreBodyTrailingWhitespace: boolean;
  /** Starts dedicated bundled servers; absent when the target is a foreign server. */
  readonly launcher?: ServerLauncher;
}

/** What came of one request: its response, or the client error that stood in its place. */
type Outcome =
  | { readonly kind: 'response'; readonly request: PreparedRequest; readonly received: ReceivedResponse }
  | { readonly kind: 'error'; readonly request: PreparedRequest; readonly error: ClientError };

/** A request whose first bytes are on the wire and whose rest is still to come. */
interface PartlySent {
  readonly request: PreparedRequest;
  readonly sent: number;
}

/**
 * One scenario's conversation with the target: it prepares requests, sends them on a kept
 * connection (opening a new one when the server has closed it), reads the responses, and
 * attaches every raw exchange to the report. Steps are thin calls into this class.
 */
export class ScenarioSession {
  private current: TargetServer;
  private connection: Connection | undefined;
  /** Connections a scenario holds besides its main one, e.g. to reach the connection limit. */
  private readonly held: Connection[] = [];
  private pending: PreparedRequest | undefined;
  private partly: PartlySent | undefined;
  private outcomes: Outcome[] = [];
  /** The outcomes of the last pipelined write, in request order. */
  private batch: { readonly sent: number; readonly outcomes: Outcome[] } = { sent: 0, outcomes: [] };
  /** A client error nobody has asserted yet: the scenario must not pass with it. */
  private uncheckedError: ClientError | undefined;
  /** SHOULD-level expectations not met, reported when the scenario ends. */
  private readonly warnings: string[] = [];
  private readonly fixtures = new Map<string, Fixture>();
  private settings: ServerSettings = {};
  private dedicated: LaunchedServer | undefined;
  /** Run last to first when the scenario ends: undo what a step did to the target. */
  private readonly teardowns: (() => Promise<void>)[] = [];

  constructor(
    target: TargetServer,
    private readonly options: SessionOptions,
    private readonly attach: Attach,
  ) {
    this.current = target;
  }

  /** The server the scenario talks to: the suite's target, or a dedicated bundled server. */
  get target(): TargetServer {
    return this.current;
  }

  // -------------------------------------------------------------------------------------------
  // The server's settings

  /**
   * Asks for server settings. Against the bundled server, the scenario moves to a dedicated
   * server started with them (stopped when the scenario ends); a foreign target is assumed to
   * run with the documented defaults, and the report says so.
   */
  async configure(settings: ServerSettings): Promise<void> {
    this.settings = { ...this.settings, ...settings };
    const launch = this.options.launcher;
    if (launch === undefined) {
      this.attach('assumption', describeAssumption(this.settings));
      return;
    }
    await this.newConnection();
    await this.dedicated?.stop();
    this.dedicated = await launch(this.settings);
    this.current = this.dedicated.target;
    this.attach('dedicated server', `a bundled server started for this scenario on ${authorityOf(this.current)} with ${JSON.stringify(this.settings)}`);
  }

  /** The value of a setting the scenario can count on: asked of a dedicated server, or the documented default. */
  setting(name: keyof ServerSettings): number {
    return effectiveSetting(this.settings, name, this.dedicated !== undefined);
  }

  // -------------------------------------------------------------------------------------------
  // Preparing requests

  fixture(name: string): Fixture {
    let fixture = this.fixtures.get(name);
    if (fixture === undefined) {
      fixture = loadFixture(shortPath(join(this.options.fixturesDir, `${name}.yaml`)));
      this.fixtures.set(name, fixture);
    }
    return fixture;
  }

  /** The fixture's request, grown as `padding` says when given (a structured request only). */
  prepareFixture(name: string, padding?: Padding): PreparedRequest {
    const fixture = this.fixture(name);
    let spec = fixture.request;
    let label = fixture.file;
    if (padding !== undefined) {
      if (spec.kind !== 'structured') this.fail(`${fixture.file}: only a request written field by field can be padded, not a raw one`);
      spec = padRequest(spec, padding, fixture.file);
      label = `${fixture.file}, ${describePadding(padding)}`;
    }
    return this.prepare(prepared(requestBytes(spec, this.current), label, fixture));
  }

  /** A request written in the fixtures' raw-text convention (docs/fixtures.md). */
  prepareRaw(text: string): PreparedRequest {
    return this.prepare(prepared(rawTextBytes(text, placeholderValues(this.current)), 'raw request'));
  }

  prepareBytes(bytes: Buffer, label: string): PreparedRequest {
    return this.prepare(prepared(bytes, label));
  }

  private prepare(request: PreparedRequest): PreparedRequest {
    this.pending = request;
    return request;
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  /** Sends the prepared request on the scenario's connection and reads its response. */
  async send(plan: SendPlan = {}): Promise<void> {
    const request = this.takePending();
    const connection = await this.openConnection();
    await this.record(request, async () => {
      if (plan.firstBytes !== undefined) {
        await connection.sendInParts([
          { bytes: request.bytes.subarray(0, plan.firstBytes), delayAfterMs: plan.pauseMs ?? 0 },
          { bytes: request.bytes.subarray(plan.firstBytes), delayAfterMs: 0 },
        ]);
      } else {
        await connection.send(request.bytes, plan);
      }
      return connection.readResponse({ method: request.method, timeoutMs: this.options.readTimeoutMs });
    });
  }

  /** Sends only the first `count` bytes of the prepared request (all but the last ones when negative). */
  async sendFirst(count: number): Promise<void> {
    const request = this.takePending();
    const sent = count < 0 ? request.bytes.length + count : count;
    if (sent <= 0 || sent >= request.bytes.length) this.fail(`${request.label} is ${request.bytes.length} bytes: cannot send ${sent} of them and keep a rest`);
    const connection = await this.openConnection();
    this.attach(`request, first ${sent} of ${request.bytes.length} bytes: ${request.label}`, reportBytes(request.bytes.subarray(0, sent)));
    await connection.send(request.bytes.subarray(0, sent));
    this.partly = { request, sent };
  }

  /** Waits `ms` and returns what the server sent meanwhile, past the last response read. */
  async listen(ms: number): Promise<Buffer> {
    const connection = this.connection ?? this.fail('no connection is open');
    const heard = await connection.bytesAfter(ms);
    this.attach('heard while waiting', heard.length === 0 ? `nothing in ${ms} ms` : reportBytes(heard));
    return heard;
  }

  /**
   * Waits up to `ms` for an interim response's head (`HTTP/1.1 100 Continue` and its empty line)
   * after a partly sent request; returns the bytes heard, which the next read still sees.
   */
  async awaitInterim(ms: number): Promise<Buffer> {
    const connection = this.connection ?? this.fail('no connection is open');
    const deadline = performance.now() + ms;
    let heard = await connection.bytesAfter(0);
    while (!heard.includes('\r\n\r\n') && !connection.isClosed && performance.now() < deadline) {
      heard = await connection.bytesAfter(Math.min(INTERIM_POLL_MS, Math.max(0, deadline - performance.now())));
    }
    this.attach('heard before the body', heard.length === 0 ? `nothing in ${ms} ms` : reportBytes(heard));
    return heard;
  }

  /** Sends the rest of a request begun by `sendFirst`, and reads its response. */
  async sendRest(plan: Pick<SendPlan, 'fragmentSize' | 'delayMs'> = {}): Promise<void> {
    const { request, sent } = this.partly ?? this.fail('no request was partly sent');
    this.partly = undefined;
    const connection = this.connection ?? this.fail('no connection is open');
    await this.record(request, async () => {
      await connection.send(request.bytes.subarray(sent), plan);
      return connection.readResponse({ method: request.method, timeoutMs: this.options.readTimeoutMs });
    }, false);
  }

  /** Sends nothing more of a partly sent request and waits up to `timeoutMs` for the server's answer. */
  async awaitAnswer(timeoutMs: number): Promise<void> {
    const { request } = this.partly ?? this.fail('no request was partly sent');
    this.partly = undefined;
    const connection = this.connection ?? this.fail('no connection is open');
    await this.record(request, () => connection.readResponse({ method: request.method, timeoutMs }), false);
  }

  /**
   * Sends the prepared request `fragmentSize` bytes at a time, `delayMs` apart, stopping early
   * once the server answers or closes (a slow client being timed out), then reads the answer.
   */
  async trickle(fragmentSize: number, delayMs: number, timeoutMs: number): Promise<void> {
    const request = this.takePending();
    const connection = await this.openConnection();
    await this.record(request, async () => {
      for (let at = 0; at < request.bytes.length; at += fragmentSize) {
        if (connection.isClosed || (await connection.bytesAfter(0)).length > 0) break;
        try {
          await connection.send(request.bytes.subarray(at, at + fragmentSize));
        } catch (error) {
          if (isClientError(error) && error.code === 'SEND_FAILED') break;
          throw error;
        }
        await sleep(delayMs);
      }
      return connection.readResponse({ method: request.method, timeoutMs });
    });
  }

  /** Sends several requests in one write (pipelining), then reads one response each, in order. */
  async pipeline(requests: readonly PreparedRequest[]): Promise<void> {
    const connection = await this.openConnection();
    this.attach(`${requests.length} requests in one write`, requests.map((r) => `${r.label}\n${reportBytes(r.bytes)}`).join('\n'));
    await connection.send(Buffer.concat(requests.map((r) => r.bytes)));
    this.batch = { sent: requests.length, outcomes: [] };
    for (const request of requests) {
      const ok = await this.record(request, () => connection.readResponse({ method: request.method, timeoutMs: this.options.readTimeoutMs }), false);
      this.batch.outcomes.push(this.outcomes.at(-1)!);
      if (!ok) break;
    }
  }

  /** Reads one more response on the connection, e.g. a second one to a single write. */
  async readAnother(method: string): Promise<void> {
    const connection = this.connection ?? this.fail('no connection is open');
    await this.record(prepared(Buffer.alloc(0), `another response to ${method}`), () =>
      connection.readResponse({ method, timeoutMs: this.options.readTimeoutMs }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // What came back

  /** The last response; fails the step with the client's error if there was none. */
  get response(): ReceivedResponse {
    const last = this.outcomes.at(-1) ?? this.fail('no request has been sent');
    if (last.kind === 'error') {
      this.uncheckedError = undefined;
      throw new ConformanceError(`expected a response, but ${describeClientError(last.error)}`);
    }
    return last.received;
  }

  /** The responses of the scenario so far, in order (an error ends the list). */
  get responses(): readonly ReceivedResponse[] {
    const received: ReceivedResponse[] = [];
    for (const outcome of this.outcomes) {
      if (outcome.kind === 'error') break;
      received.push(outcome.received);
    }
    return received;
  }

  /** The client error that ended the last exchange; the step asserting it marks it checked. */
  get error(): ClientError | undefined {
    const last = this.outcomes.at(-1);
    this.uncheckedError = undefined;
    return last?.kind === 'error' ? last.error : undefined;
  }

  /**
   * Checks the last exchange against the `response:` of a fixture (by default the one sent).
   * A fixture whose status allows `close` also accepts a connection closed without any response;
   * a `level: should` fixture's mismatch is kept as a warning instead of failing the step.
   */
  assertMatchesFixture(name?: string): void {
    const last = this.outcomes.at(-1);
    const fixture = name === undefined ? last?.request.fixture : this.fixture(name);
    if (fixture === undefined) this.fail('the last request did not come from a fixture; name one');
    const expected = fixture.response ?? this.fail(`${fixture.file} has no response: section to compare with`);
    if (last?.kind === 'error' && isCloseWithoutResponse(last.error) && allowsCloseWithoutResponse(expected.status)) {
      this.uncheckedError = undefined;
      this.attach('tolerated', `the server closed the connection without a response, which ${fixture.file} allows (status: close)`);
      return;
    }
    this.atLevel(fixture.level ?? 'must', () => this.assertMatches(expected, fixture.file));
  }

  /** Checks the last exchange against expectations written in a step rather than a fixture. */
  assertExpectation(expectation: Partial<ExpectedResponse>, label: string): void {
    this.assertMatches({ status: ANY_STATUS, headers: [], bodyTrailingWhitespace: 'exact', ...expectation }, label);
  }

  /** Checks each response of the last pipelined write against its own request's fixture, in order. */
  assertBatchMatchesFixtures(): void {
    this.assertBatch(this.batch.sent);
  }

  /**
   * Checks that of the last pipelined write only the first `answered` requests got a response,
   * each as its fixture says, and that the server then closed without answering the rest.
   */
  assertBatchAnsweredOnly(answered: number): void {
    const { sent, outcomes } = this.batch;
    if (answered >= sent) this.fail(`only ${sent} requests were pipelined`);
    const after = outcomes[answered];
    if (after === undefined) {
      this.assertBatch(answered);
      return;
    }
    if (after.kind === 'response') {
      const extra = outcomes.filter((o) => o.kind === 'response').length - answered;
      throw new ConformanceError(`the server answered ${extra} request${extra === 1 ? '' : 's'} it should not have: response ${answered + 1} of ${sent} is ${after.received.response.status} ${after.received.response.reason} to ${after.request.label}`);
    }
    if (!isCloseWithoutResponse(after.error)) throw new ConformanceError(`after ${answered} responses the connection should have closed, but ${describeClientError(after.error)}`);
    this.uncheckedError = undefined;
    this.assertBatch(answered);
  }

  /** The first `expected` outcomes of the last pipelined write are responses that match their fixtures. */
  private assertBatch(expected: number): void {
    const { sent, outcomes: all } = this.batch;
    if (sent === 0) this.fail('no requests were pipelined');
    const outcomes = all.slice(0, expected);
    const problems: string[] = [];
    outcomes.forEach((outcome, i) => {
      const position = `response ${i + 1} of ${sent}`;
      if (outcome.kind === 'error') {
        this.uncheckedError = undefined;
        problems.push(`${position}: expected a response to ${outcome.request.label}, but ${describeClientError(outcome.error)}`);
        return;
      }
      const fixture = outcome.request.fixture ?? this.fail(`${outcome.request.label} did not come from a fixture`);
      const expected = fixture.response ?? this.fail(`${fixture.file} has no response: section to compare with`);
      const mismatches = this.compare(expected, outcome.received);
      if (mismatches.length > 0) problems.push(`${position}:\n${this.diff(expected, outcome.received, mismatches, fixture.file)}`);
    });
    if (outcomes.length === expected && problems.length === 0) return;
    const missing = outcomes.length < expected ? [`only ${outcomes.filter((o) => o.kind === 'response').length} of ${expected} responses came back`] : [];
    const text = [...missing, ...problems].join('\n');
    this.attach('diff (pipelined responses)', text);
    throw new ConformanceError(`the pipelined responses are not the ones expected, in order\n${text}`);
  }

  /** Checks that the last response's first byte came after the last byte of the request was sent. */
  assertAnsweredAfterLastByte(): void {
    const received = this.response;
    const sent = this.connection?.transcript.sent ?? [];
    const lastSentAtMs = Math.max(...sent.map((fragment) => fragment.atMs));
    const timeline = `${sent.length} writes, the last at ${lastSentAtMs.toFixed(1)} ms; the response's first byte at ${received.timings.firstByteAtMs.toFixed(1)} ms`;
    this.attach('timeline', timeline);
    if (received.timings.firstByteAtMs < lastSentAtMs) throw new ConformanceError(`the server answered before the request was complete: ${timeline}`);
  }

  private assertMatches(expected: ExpectedResponse, label: string): void {
    const received = this.response;
    const mismatches = this.compare(expected, received);
    if (mismatches.length === 0) return;
    const diff = this.diff(expected, received, mismatches, label);
    this.attach('diff (expected vs actual)', diff);
    throw new ConformanceError(`response differs from ${label} in ${mismatches.map((m) => m.field).join(', ')}\n${diff}`);
  }

  private compare(expected: ExpectedResponse, received: ReceivedResponse): Mismatch[] {
    return compareResponse(expected, received.response, { ignoreBodyTrailingWhitespace: this.options.ignoreBodyTrailingWhitespace });
  }

  private diff(expected: ExpectedResponse, received: ReceivedResponse, mismatches: readonly Mismatch[], label: string): string {
    return renderDiff(expected, received.response, mismatches, { ignoreBodyTrailingWhitespace: this.options.ignoreBodyTrailingWhitespace, expectedLabel: label });
  }

  /** Runs a check; at SHOULD level a failure becomes a warning reported when the scenario ends. */
  private atLevel(level: RequirementLevel, check: () => void): void {
    if (level === 'must') return check();
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConformanceError)) throw error;
      this.warnings.push(error.message);
      this.attach('warning: SHOULD-level expectation not met', error.message);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The connection

  /** Waits up to `timeoutMs` for the server to close the connection. */
  async closeObservation(timeoutMs: number): Promise<CloseObservation> {
    const connection = this.connection ?? this.fail('no connection is open');
    const observation = await connection.waitForClose(timeoutMs);
    this.attach('connection', describeClose(observation, timeoutMs));
    return observation;
  }

  /** Bytes that arrive after the last response within `ms`: what the server sent unasked. */
  async bytesAfterResponse(ms: number): Promise<Buffer> {
    const connection = this.connection ?? this.fail('no connection is open');
    return connection.bytesAfter(ms);
  }

  /** Starts the next request on a new connection. */
  async newConnection(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
  }

  /**
   * Opens `count` more connections and has each served one kept-alive GET /, so the server has
   * surely accepted them; they stay open until the scenario ends. Fails if one is not served.
   */
  async holdConnections(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const connection = await Connection.open({ host: this.current.host, port: this.current.port, connectTimeoutMs: this.options.readTimeoutMs });
      this.held.push(connection);
      await this.serveOn(connection, `held connection ${i + 1} of ${count}`);
    }
    this.attach('held connections', `${count} connections open, each served one GET /`);
  }

  /** Checks that every held connection still serves a request. */
  async assertHeldConnectionsServed(): Promise<void> {
    for (const [i, connection] of this.held.entries()) await this.serveOn(connection, `held connection ${i + 1} of ${this.held.length}`);
  }

  private async serveOn(connection: Connection, label: string): Promise<void> {
    await connection.send(simpleRequest('GET', '/', this.current));
    try {
      const { response } = await connection.readResponse({ timeoutMs: this.options.readTimeoutMs });
      if (response.status !== 200) this.fail(`${label}: GET / was answered ${response.status}, not 200`);
    } catch (error) {
      if (isClientError(error)) this.fail(`${label}: GET / was not served: ${describeClientError(error)}`);
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // The store

  /**
   * Fills the message store so that one more POST cannot be stored. A dedicated bundled server
   * gets a store of two messages; a foreign target gets its documented 16 MiB in 1 MiB POSTs,
   * and the store is emptied again when the scenario ends.
   */
  async fillStore(): Promise<void> {
    const dedicated = this.options.launcher !== undefined;
    if (dedicated) await this.configure({ maxMessages: 2 });
    const count = dedicated ? 2 : DOCUMENTED_DEFAULTS.maxStoreBytes / DOCUMENTED_DEFAULTS.maxBodyBytes;
    const size = dedicated ? 16 : DOCUMENTED_DEFAULTS.maxBodyBytes;
    if (!dedicated) this.teardowns.push(() => this.emptyStore());
    for (let i = 0; i < count; i++) {
      const body = Buffer.alloc(size, `filler ${i + 1} `);
      this.prepareBytes(simpleRequest('POST', '/', this.current, body), `filling the store, message ${i + 1} of ${count} (${size} bytes)`);
      await this.send();
      this.assertExpectation({ status: statusCode(201) }, `filling the store, message ${i + 1} of ${count}`);
    }
  }

  private async emptyStore(): Promise<void> {
    await this.newConnection();
    this.prepareBytes(simpleRequest('DELETE', '/', this.current), 'emptying the store after the scenario');
    await this.send();
    this.assertExpectation({ status: statusCode(200) }, 'emptying the store with DELETE /');
  }

  // -------------------------------------------------------------------------------------------
  // The end

  /**
   * Ends the scenario: closes its connections, undoes what it did to the target, stops a
   * dedicated server. Throws if a client error was left unchecked, then if SHOULD-level
   * expectations were not met.
   */
  async dispose(): Promise<void> {
    const unchecked = this.uncheckedError;
    const problems: unknown[] = [];
    for (const teardown of this.teardowns.reverse()) await teardown().catch((error: unknown) => problems.push(error));
    await this.connection?.close();
    this.connection = undefined;
    for (const connection of this.held.splice(0)) await connection.close();
    await this.dedicated?.stop();
    this.dedicated = undefined;
    if (problems.length > 0) throw problems[0];
    if (unchecked !== undefined) throw new ConformanceError(`the exchange ended without a response and no step checked it: ${describeClientError(unchecked)}`);
    if (this.warnings.length > 0) {
      const [first = ''] = this.warnings[0]!.split('\n');
      const more = this.warnings.length > 1 ? ` (and ${this.warnings.length - 1} more)` : '';
      throw new ShouldLevelError(`SHOULD-level, a warning unless STRICT=1: ${first}${more}\n${this.warnings.join('\n')}`);
    }
  }

  private takePending(): PreparedRequest {
    const request = this.pending ?? this.fail('no request was prepared');
    this.pending = undefined;
    return request;
  }

  private async openConnection(): Promise<Connection> {
    if (this.connection !== undefined && !this.connection.isClosed) return this.connection;
    this.connection = await Connection.open({ host: this.current.host, port: this.current.port, connectTimeoutMs: this.options.readTimeoutMs });
    return this.connection;
  }

  /**
   * Runs one exchange, attaches its raw bytes, and keeps its outcome. Returns false on a client
   * error. `attachRequest: false` when the request's bytes were attached already, or with the batch.
   */
  private async record(request: PreparedRequest, read: () => Promise<ReceivedResponse>, attachRequest = true): Promise<boolean> {
    if (attachRequest && request.bytes.length > 0) this.attach(`request: ${request.label}`, reportBytes(request.bytes));
    try {
      const received = await read();
      this.attach(`response to ${request.method}`, reportBytes(received.raw));
      this.outcomes.push({ kind: 'response', request, received });
      return true;
    } catch (error) {
      if (!isClientError(error)) throw error;
      this.attach(`no response: ${error.code}`, `${describeClientError(error)}\n\nbytes received:\n${reportBytes(error.received)}`);
      this.outcomes.push({ kind: 'error', request, error });
      this.uncheckedError = error;
      return false;
    }
  }

  private fail(message: string): never {
    throw new ConformanceError(message);
  }
}
