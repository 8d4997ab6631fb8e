import { setTimeout as sleep } from 'node:timers/promises';
import { announcesClose } from '../http1/index.js';
import { Connection, isClientError, type ClientError, type CloseObservation, type ReceivedResponse, type Transcript } from '../client/index.js';
import { allowsWait, WAIT_MS } from '../expect/status-matcher.js';
import type { TargetServer } from '../target/target.js';
import type { Attach } from './attach.js';
import { HarnessError } from './harness-errors.js';
import type { PreparedRequest } from './prepared-request.js';
import { describeClientError, describeClose, isCloseWithoutResponse, reportBytes } from './report-text.js';
import { simpleRequest } from './simple-request.js';

/** RFC 9110 §9.2.2: the methods a client may send again when a connection closed before their answer. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** How often a wait for an interim response looks at what has arrived. */
const INTERIM_POLL_MS = 5;

/** How the bytes of a request go out: whole, in fragments, or a first part then the rest. */
export interface SendPlan {
  readonly fragmentSize?: number;
  readonly delayMs?: number;
  /** Send this many bytes first, wait `pauseMs`, then send the rest. */
  readonly firstBytes?: number;
  readonly pauseMs?: number;
}

/**
 * Whose deadline a read ran against: the harness's own read timeout (its expiry is the harness
 * giving up, an error of ours), or a deadline the rule itself sets (its expiry is a finding).
 */
export type Deadline = 'harness' | 'rule';

/** What came of one request: its response, or the client error that stood in its place. */
export type Outcome =
  | { readonly kind: 'response'; readonly request: PreparedRequest; readonly received: ReceivedResponse }
  | { readonly kind: 'error'; readonly request: PreparedRequest; readonly error: ClientError; readonly deadline: Deadline };

/** The requests of one pipelined write and what came of each, in order; it stops at the first error. */
export interface Batch {
  readonly sent: number;
  readonly outcomes: readonly Outcome[];
}

/** How a held connection answered the `GET /` that proves it is served. */
export interface HeldAnswer {
  readonly label: string;
  readonly status: number | undefined;
  readonly error: string | undefined;
}

/** A request whose first bytes are on the wire and whose rest is still to come. */
interface PartlySent {
  readonly request: PreparedRequest;
  readonly sent: number;
}

/**
 * A scenario's conversation with the target: requests sent on a kept connection (a new one
 * once the server has closed it), responses read, every raw exchange attached to the report,
 * and what came of each kept as an `Outcome` for the expectations to judge.
 */
export class Exchanges {
  private connection: Connection | undefined;
  /** The last response on `connection` said the server closes it: the client MUST NOT send more on it (RFC 9112 §9.6). */
  private closeAnnounced = false;
  /** Connections a scenario holds besides its main one, e.g. to reach the connection limit. */
  private readonly held: Connection[] = [];
  /** Every connection opened, in order, for the scenario's capture. */
  private readonly opened: Connection[] = [];
  private pending: PreparedRequest | undefined;
  private partly: PartlySent | undefined;
  private readonly log: Outcome[] = [];
  private lastBatch: Batch = { sent: 0, outcomes: [] };

  constructor(
    private readonly target: () => TargetServer,
    private readonly readTimeoutMs: number,
    private readonly attach: Attach,
  ) {}

  /** Every outcome so far, in order. */
  get outcomes(): readonly Outcome[] {
    return this.log;
  }

  get last(): Outcome | undefined {
    return this.log.at(-1);
  }

  get batch(): Batch {
    return this.lastBatch;
  }

  /** The transcript of every connection the scenario opened, in the order opened. */
  get transcripts(): Transcript[] {
    return this.opened.map((connection) => connection.transcript);
  }

  /** When the last byte went out on the scenario's connection, in the connection's clock. */
  get lastSentAtMs(): number {
    return Math.max(...(this.connection?.transcript.sent ?? []).map((fragment) => fragment.atMs));
  }

  /** Makes `request` the one the next send step sends. */
  prepare(request: PreparedRequest): PreparedRequest {
    this.pending = request;
    return request;
  }

  /** Sends the prepared request on the scenario's connection and reads its response. */
  async send(plan: SendPlan = {}): Promise<void> {
    const request = this.takePending();
    const reused = this.connection !== undefined && !this.connection.isClosed && !this.closeAnnounced;
    const connection = await this.openConnection();
    this.attachRequest(request);
    const { timeoutMs, deadline } = this.readPlan(request);
    const attempt = async (on: Connection): Promise<ReceivedResponse> => {
      if (plan.firstBytes !== undefined) {
        await on.sendInParts([
          { bytes: request.bytes.subarray(0, plan.firstBytes), delayAfterMs: plan.pauseMs ?? 0 },
          { bytes: request.bytes.subarray(plan.firstBytes), delayAfterMs: 0 },
        ]);
      } else {
        await on.send(request.bytes, plan);
      }
      return on.readResponse({ method: request.method, timeoutMs });
    };
    await this.record(request, deadline, async () => {
      try {
        return await attempt(connection);
      } catch (error) {
        // RFC 9112 §9.3.1: a server may close an idle connection at any time, and a client may retry an idempotent request on a new one.
        if (!reused || !isClientError(error) || !isCloseWithoutResponse(error) || !IDEMPOTENT.has(request.method)) throw error;
        this.attach('retried', `the server closed the kept-alive connection before answering ${request.label}: sent again on a new connection (RFC 9112 §9.3.1)`);
        return attempt(await this.openConnection());
      }
    });
  }

  /** Sends only the first `count` bytes of the prepared request (all but the last ones when negative). */
  async sendFirst(count: number): Promise<void> {
    const request = this.takePending();
    const sent = count < 0 ? request.bytes.length + count : count;
    if (sent <= 0 || sent >= request.bytes.length) throw new HarnessError(`${request.label} is ${request.bytes.length} bytes: cannot send ${sent} of them and keep a rest`);
    const connection = await this.openConnection();
    this.attach(`request, first ${sent} of ${request.bytes.length} bytes: ${request.label}`, reportBytes(request.bytes.subarray(0, sent)));
    await connection.send(request.bytes.subarray(0, sent));
    this.partly = { request, sent };
  }

  /** Sends the rest of a request begun by `sendFirst`, and reads its response. */
  async sendRest(plan: Pick<SendPlan, 'fragmentSize' | 'delayMs'> = {}): Promise<void> {
    const { request, sent } = this.takePartly();
    const connection = this.openedConnection();
    const { timeoutMs, deadline } = this.readPlan(request);
    await this.record(request, deadline, async () => {
      await connection.send(request.bytes.subarray(sent), plan);
      return connection.readResponse({ method: request.method, timeoutMs });
    });
  }

  /**
   * Sends the rest of a request begun by `sendFirst` `pauseMs` later, whatever the server said
   * meanwhile (a client may send the content without waiting, RFC 9110 §10.1.1), and reads the
   * response. A server that has closed by then gets nothing more: it has read all it will.
   */
  async sendRestLater(pauseMs: number): Promise<void> {
    const { request, sent } = this.takePartly();
    const connection = this.openedConnection();
    const { timeoutMs, deadline } = this.readPlan(request);
    await this.record(request, deadline, async () => {
      await sleep(pauseMs);
      try {
        if (!connection.isClosed) await connection.send(request.bytes.subarray(sent));
      } catch (error) {
        if (!isClientError(error) || error.code !== 'SEND_FAILED') throw error;
      }
      return connection.readResponse({ method: request.method, timeoutMs });
    });
  }

  /** Sends nothing more of a partly sent request and waits up to `timeoutMs`, a deadline the rule sets, for the answer. */
  async awaitAnswer(timeoutMs: number): Promise<void> {
    const { request } = this.takePartly();
    const connection = this.openedConnection();
    await this.record(request, 'rule', () => connection.readResponse({ method: request.method, timeoutMs }));
  }

  /**
   * Sends the prepared request `fragmentSize` bytes at a time, `delayMs` apart, stopping early
   * once the server answers or closes (a slow client being timed out), then reads the answer
   * within `timeoutMs`, a deadline the rule sets.
   */
  async trickle(fragmentSize: number, delayMs: number, timeoutMs: number): Promise<void> {
    const request = this.takePending();
    const connection = await this.openConnection();
    this.attachRequest(request);
    await this.record(request, 'rule', async () => {
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

  /** Sends several requests in one write (pipelining), then reads one response each, in order, each as its fixture allows (`readPlan`). */
  async pipeline(requests: readonly PreparedRequest[]): Promise<void> {
    const connection = await this.openConnection();
    this.attach(`${requests.length} requests in one write`, requests.map((r) => `${r.label}\n${reportBytes(r.bytes)}`).join('\n'));
    await connection.send(Buffer.concat(requests.map((r) => r.bytes)));
    const outcomes: Outcome[] = [];
    this.lastBatch = { sent: requests.length, outcomes };
    for (const request of requests) {
      const { timeoutMs, deadline } = this.readPlan(request);
      const outcome = await this.record(request, deadline, () => connection.readResponse({ method: request.method, timeoutMs }));
      outcomes.push(outcome);
      if (outcome.kind === 'error') break;
    }
  }

  /** Waits `ms` and returns what the server sent meanwhile, past the last response read. */
  async listen(ms: number): Promise<Buffer> {
    const heard = await this.openedConnection().bytesAfter(ms);
    this.attach('heard while waiting', heard.length === 0 ? `nothing in ${ms} ms` : reportBytes(heard));
    return heard;
  }

  /**
   * Waits up to `ms` for an interim response's head (`HTTP/1.1 100 Continue` and its empty line)
   * after a partly sent request; returns the bytes heard, which the next read still sees.
   */
  async awaitInterim(ms: number): Promise<Buffer> {
    const connection = this.openedConnection();
    const deadline = performance.now() + ms;
    let heard = await connection.bytesAfter(0);
    while (!heard.includes('\r\n\r\n') && !connection.isClosed && performance.now() < deadline) {
      heard = await connection.bytesAfter(Math.min(INTERIM_POLL_MS, Math.max(0, deadline - performance.now())));
    }
    this.attach('heard before the body', heard.length === 0 ? `nothing in ${ms} ms` : reportBytes(heard));
    return heard;
  }

  /** Waits up to `timeoutMs` for the server to close the connection. */
  async closeObservation(timeoutMs: number): Promise<CloseObservation> {
    const observation = await this.openedConnection().waitForClose(timeoutMs);
    this.attach('connection', describeClose(observation, timeoutMs));
    return observation;
  }

  /** Bytes that arrive after the last response within `ms`: what the server sent unasked. */
  bytesAfterResponse(ms: number): Promise<Buffer> {
    return this.openedConnection().bytesAfter(ms);
  }

  /** Starts the next request on a new connection. */
  async newConnection(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
    this.closeAnnounced = false;
  }

  /** Opens `count` more connections, each kept until the scenario ends, and has each served a `GET /`. */
  async holdConnections(count: number): Promise<HeldAnswer[]> {
    const answers: HeldAnswer[] = [];
    for (let i = 0; i < count; i++) {
      const connection = await this.connect();
      this.held.push(connection);
      answers.push(await this.serveOn(connection, `held connection ${i + 1} of ${count}`));
    }
    this.attach('held connections', `${count} connections open, each asked for GET /`);
    return answers;
  }

  /** Asks every held connection for a `GET /` again. */
  async serveHeld(): Promise<HeldAnswer[]> {
    const answers: HeldAnswer[] = [];
    for (const [i, connection] of this.held.entries()) answers.push(await this.serveOn(connection, `held connection ${i + 1} of ${this.held.length}`));
    return answers;
  }

  /** One line per exchange, for the finding's evidence. */
  evidence(): string[] {
    return this.log.map((outcome) => {
      const { label } = outcome.request;
      if (outcome.kind === 'error') return `${label} → no response: ${describeClientError(outcome.error)}`;
      const { status, reason } = outcome.received.response;
      return `${label} → ${status} ${reason}`;
    });
  }

  /** Closes every connection of the scenario. */
  async dispose(): Promise<void> {
    await this.newConnection();
    for (const connection of this.held.splice(0)) await connection.close();
  }

  private async serveOn(connection: Connection, label: string): Promise<HeldAnswer> {
    try {
      await connection.send(simpleRequest('GET', this.target().capabilities.paths.get, this.target()));
      const { response } = await connection.readResponse({ timeoutMs: this.readTimeoutMs });
      return { label, status: response.status, error: undefined };
    } catch (error) {
      if (isClientError(error)) return { label, status: undefined, error: describeClientError(error) };
      throw error;
    }
  }

  /**
   * How long to wait for the answer to `request`, and whose deadline that is: the harness's own,
   * unless its fixture allows the server to `wait` — then a short wait, whose silence is an answer —
   * or says the answer is due (`answered-within`), whose silence is a finding.
   */
  private readPlan(request: PreparedRequest): { timeoutMs: number; deadline: Deadline } {
    const expected = request.fixture?.response;
    if (expected?.answeredWithinMs !== undefined) return { timeoutMs: expected.answeredWithinMs, deadline: 'rule' };
    return expected !== undefined && allowsWait(expected.status) ? { timeoutMs: WAIT_MS, deadline: 'rule' } : { timeoutMs: this.readTimeoutMs, deadline: 'harness' };
  }

  private takePending(): PreparedRequest {
    const request = this.pending ?? harnessFault('no request was prepared');
    this.pending = undefined;
    return request;
  }

  private takePartly(): PartlySent {
    const partly = this.partly ?? harnessFault('no request was partly sent');
    this.partly = undefined;
    return partly;
  }

  private openedConnection(): Connection {
    return this.connection ?? harnessFault('no connection is open');
  }

  /** The scenario's connection, or a new one when the server has closed it or said it will. */
  private async openConnection(): Promise<Connection> {
    if (this.connection !== undefined && !this.connection.isClosed && !this.closeAnnounced) return this.connection;
    await this.newConnection();
    this.connection = await this.connect();
    return this.connection;
  }

  private async connect(): Promise<Connection> {
    const { host, port, capabilities } = this.target();
    const connection = await Connection.open({ host, port, connectTimeoutMs: this.readTimeoutMs, tls: capabilities.tls });
    this.opened.push(connection);
    return connection;
  }

  private attachRequest(request: PreparedRequest): void {
    if (request.bytes.length > 0) this.attach(`request: ${request.label}`, reportBytes(request.bytes));
  }

  /** Runs one exchange, attaches what came back, and keeps its outcome. */
  private async record(request: PreparedRequest, deadline: Deadline, read: () => Promise<ReceivedResponse>): Promise<Outcome> {
    let outcome: Outcome;
    try {
      const received = await read();
      this.attach(`response to ${request.method}`, reportBytes(received.raw));
      this.closeAnnounced = announcesClose(received.response);
      outcome = { kind: 'response', request, received };
    } catch (error) {
      if (!isClientError(error)) throw error;
      this.attach(`no response: ${error.code}`, `${describeClientError(error)}\n\nbytes received:\n${reportBytes(error.received)}`);
      outcome = { kind: 'error', request, error, deadline };
    }
    this.log.push(outcome);
    return outcome;
  }
}

function harnessFault(message: string): never {
  throw new HarnessError(message);
}
