import { join, relative } from 'node:path';
import { Connection, isClientError, type ClientError, type CloseObservation, type ReceivedResponse } from '../client/index.js';
import { compareResponse } from '../transcript/compare.js';
import { renderDiff } from '../transcript/diff.js';
import { type ExpectedResponse, type Fixture } from '../transcript/fixture.js';
import { loadFixture } from '../transcript/fixture-loader.js';
import { placeholderValues } from '../transcript/placeholders.js';
import { rawTextBytes } from '../transcript/raw-text.js';
import { requestBytes } from '../transcript/request-bytes.js';
import { statusClass, statusOneOf } from '../transcript/status-matcher.js';
import { visibleBytes } from '../transcript/visible.js';
import { ConformanceError } from './conformance-error.js';
import { prepared, type PreparedRequest } from './prepared-request.js';
import type { TargetServer } from './target.js';

/** Any final status: what a step-written expectation checks when it says nothing of the status. */
const ANY_STATUS = statusOneOf(statusClass(1), statusClass(2), statusClass(3), statusClass(4), statusClass(5));

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
}

/** What came of one request: its response, or the client error that stood in its place. */
type Outcome =
  | { readonly kind: 'response'; readonly request: PreparedRequest; readonly received: ReceivedResponse }
  | { readonly kind: 'error'; readonly request: PreparedRequest; readonly error: ClientError };

/**
 * One scenario's conversation with the target: it prepares requests, sends them on a kept
 * connection (opening a new one when the server has closed it), reads the responses, and
 * attaches every raw exchange to the report. Steps are thin calls into this class.
 */
export class ScenarioSession {
  private connection: Connection | undefined;
  private pending: PreparedRequest | undefined;
  private outcomes: Outcome[] = [];
  /** A client error nobody has asserted yet: the scenario must not pass with it. */
  private uncheckedError: ClientError | undefined;
  private readonly fixtures = new Map<string, Fixture>();

  constructor(
    readonly target: TargetServer,
    private readonly options: SessionOptions,
    private readonly attach: Attach,
  ) {}

  fixture(name: string): Fixture {
    let fixture = this.fixtures.get(name);
    if (fixture === undefined) {
      // Relative to the working folder, so the report and errors name `fixtures/area/name.yaml`.
      fixture = loadFixture(relative(process.cwd(), join(this.options.fixturesDir, `${name}.yaml`)));
      this.fixtures.set(name, fixture);
    }
    return fixture;
  }

  prepareFixture(name: string): PreparedRequest {
    const fixture = this.fixture(name);
    return this.prepare(prepared(requestBytes(fixture.request, this.target), fixture.file, fixture));
  }

  /** A request written in the fixtures' raw-text convention (docs/fixtures.md). */
  prepareRaw(text: string): PreparedRequest {
    return this.prepare(prepared(rawTextBytes(text, placeholderValues(this.target)), 'raw request'));
  }

  prepareBytes(bytes: Buffer, label: string): PreparedRequest {
    return this.prepare(prepared(bytes, label));
  }

  private prepare(request: PreparedRequest): PreparedRequest {
    this.pending = request;
    return request;
  }

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

  /** Sends the first `count` bytes, then nothing for `ms`: returns what the server sent meanwhile. */
  async sendPartAndListen(count: number, ms: number): Promise<Buffer> {
    const request = this.pending ?? this.fail('no request was prepared');
    const connection = await this.openConnection();
    await connection.send(request.bytes.subarray(0, count));
    return connection.bytesAfter(ms);
  }

  /** Sends the rest of a request begun by `sendPartAndListen`, and reads its response. */
  async sendRest(count: number): Promise<void> {
    const request = this.takePending();
    const connection = await this.openConnection();
    await this.record(request, async () => {
      await connection.send(request.bytes.subarray(count));
      return connection.readResponse({ method: request.method, timeoutMs: this.options.readTimeoutMs });
    });
  }

  /** Sends several requests in one write (pipelining), then reads one response each, in order. */
  async pipeline(requests: readonly PreparedRequest[]): Promise<void> {
    const connection = await this.openConnection();
    await connection.send(Buffer.concat(requests.map((r) => r.bytes)));
    for (const request of requests) {
      const ok = await this.record(request, () => connection.readResponse({ method: request.method, timeoutMs: this.options.readTimeoutMs }));
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

  /** Checks the last response against the `response:` of a fixture (by default the one sent). */
  assertMatchesFixture(name?: string): void {
    const last = this.outcomes.at(-1);
    const fixture = name === undefined ? last?.request.fixture : this.fixture(name);
    if (fixture === undefined) this.fail('the last request did not come from a fixture; name one');
    const expected = fixture.response ?? this.fail(`${fixture.file} has no response: section to compare with`);
    this.assertMatches(expected, fixture.file);
  }

  /** Checks the last response against expectations written in a step rather than a fixture. */
  assertExpectation(expectation: Partial<ExpectedResponse>, label: string): void {
    this.assertMatches({ status: ANY_STATUS, headers: [], bodyTrailingWhitespace: 'exact', ...expectation }, label);
  }

  private assertMatches(expected: ExpectedResponse, label: string): void {
    const received = this.response;
    const options = { ignoreBodyTrailingWhitespace: this.options.ignoreBodyTrailingWhitespace };
    const mismatches = compareResponse(expected, received.response, options);
    if (mismatches.length === 0) return;
    const diff = renderDiff(expected, received.response, mismatches, { ...options, expectedLabel: label });
    this.attach('diff (expected vs actual)', diff);
    throw new ConformanceError(`response differs from ${label} in ${mismatches.map((m) => m.field).join(', ')}\n${diff}`);
  }

  /** Waits up to `timeoutMs` for the server to close the connection. */
  async closeObservation(timeoutMs: number): Promise<CloseObservation> {
    const connection = this.connection ?? this.fail('no connection is open');
    const observation = await connection.waitForClose(timeoutMs);
    this.attach('connection', observation.closed ? `closed by the ${observation.by}${observation.reset ? ' (reset)' : ''} at ${observation.atMs.toFixed(0)} ms` : `still open after ${timeoutMs} ms`);
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

  /** Ends the scenario; throws if a client error was left unchecked. */
  async dispose(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
    const error = this.uncheckedError;
    if (error !== undefined) throw new ConformanceError(`the exchange ended without a response and no step checked it: ${describeClientError(error)}`);
  }

  private takePending(): PreparedRequest {
    const request = this.pending ?? this.fail('no request was prepared');
    this.pending = undefined;
    return request;
  }

  private async openConnection(): Promise<Connection> {
    if (this.connection !== undefined && !this.connection.isClosed) return this.connection;
    this.connection = await Connection.open({ host: this.target.host, port: this.target.port, connectTimeoutMs: this.options.readTimeoutMs });
    return this.connection;
  }

  /** Runs one exchange, attaches its raw bytes, and keeps its outcome. Returns false on a client error. */
  private async record(request: PreparedRequest, read: () => Promise<ReceivedResponse>): Promise<boolean> {
    if (request.bytes.length > 0) this.attach(`request: ${request.label}`, visibleBytes(request.bytes));
    try {
      const received = await read();
      this.attach(`response to ${request.method}`, visibleBytes(received.raw));
      this.outcomes.push({ kind: 'response', request, received });
      return true;
    } catch (error) {
      if (!isClientError(error)) throw error;
      this.attach(`no response: ${error.code}`, `${describeClientError(error)}\n\nbytes received:\n${visibleBytes(error.received)}`);
      this.outcomes.push({ kind: 'error', request, error });
      this.uncheckedError = error;
      return false;
    }
  }

  private fail(message: string): never {
    throw new ConformanceError(message);
  }
}

export function describeClientError(error: ClientError): string {
  return `${error.code}: ${error.message}`;
}
