import { announcesClose, headerValues, maybeHeader, ResponseParser, type Response } from '../http1/index.js';
import type { ExpectedStep } from './expected-exchange.js';
import type { SessionResult } from './wire-session.js';

/**
 * What the store must hold: it changes only by a complete POST the server acknowledged with 201
 * (whose body echoes the message) and is emptied only by a DELETE acknowledged with 200.
 */
export class ExpectedStore {
  private messages: Buffer[] = [];

  append(message: Buffer): void {
    this.messages.push(Buffer.from(message));
  }

  clear(): void {
    this.messages = [];
  }

  all(): readonly Buffer[] {
    return this.messages;
  }

  /** The body GET / must answer with (SPEC §1 case 1). */
  listing(): Buffer {
    const parts: Buffer[] = [GET_SUCCESS];
    this.messages.forEach((message, i) => parts.push(...(i === 0 ? [message] : [NEWLINE, message])));
    return Buffer.concat(parts);
  }
}

const NEWLINE = Buffer.from('\n');
const GET_SUCCESS = Buffer.from('HTTP GET Method (Success)\n\n', 'latin1');
const POST_SUCCESS = Buffer.from('HTTP POST Method (Success)\n\n', 'latin1');
const DELETE_SUCCESS = Buffer.from('HTTP DELETE Method (Success)\n\n', 'latin1');

/** Statuses a route may answer a complete request with (SPEC §1, §2.2, §2.4). */
const ROUTE_STATUSES = new Set([200, 201, 400, 404, 405, 507]);
/** Statuses of an answer given from the head alone, before the body (SPEC §2.1). */
const EARLY_STATUSES = new Set([400, 404, 405]);

export interface CheckedExchange {
  /** Every way the exchange broke the contract; empty when it kept it. */
  readonly failures: string[];
  /** Status of every response received, 100 Continue included, in order. */
  readonly statuses: number[];
}

function describeStep(step: ExpectedStep): string {
  switch (step.kind) {
    case 'continue':
      return `100 Continue for request ${step.request + 1}`;
    case 'final':
      return `the ${step.early ? 'early ' : ''}answer to request ${step.request + 1} (${JSON.stringify(step.method)})`;
    case 'error':
      return `${step.status} for ${step.code}`;
    case 'timeout':
      return '408 for the unfinished request';
    case 'probe':
      return 'the answer to the probe GET /';
  }
}

/** SPEC §1, §2.1: every final response is HTTP/1.1 with one Content-Length, Server, Date, Content-Type and Connection. */
function wellFormed(response: Response, method: string): string[] {
  const problems: string[] = [];
  if (response.version.major !== 1 || response.version.minor !== 1) problems.push(`version ${response.version.major}.${response.version.minor}`);
  if (response.status < 200) return problems;
  const lengths = headerValues(response.headers, 'content-length');
  if (lengths.length !== 1) problems.push(`${lengths.length} Content-Length fields`);
  else if (method !== 'HEAD' && Number(lengths[0]) !== response.body.length) problems.push(`Content-Length ${lengths[0]} for a ${response.body.length}-byte body`);
  if (headerValues(response.headers, 'transfer-encoding').length > 0) problems.push('Transfer-Encoding in a response');
  for (const name of ['server', 'date', 'content-type']) if (maybeHeader(response.headers, name) === undefined) problems.push(`no ${name}`);
  const connection = maybeHeader(response.headers, 'connection')?.toLowerCase();
  if (connection !== 'close' && connection !== 'keep-alive') problems.push(`Connection ${JSON.stringify(connection)}`);
  return problems;
}

/** Checks one response against the step it must be; updates the expected store on 201 and DELETE's 200. */
function checkStep(response: Response, step: ExpectedStep, store: ExpectedStore): string[] {
  const problems: string[] = [];
  const status = response.status;
  switch (step.kind) {
    case 'continue':
      if (status !== 100) problems.push(`status ${status}`);
      break;
    case 'final': {
      if (step.early) {
        if (!EARLY_STATUSES.has(status)) problems.push(`status ${status}`);
        if (!announcesClose(response)) problems.push('not Connection: close');
        break;
      }
      if (!ROUTE_STATUSES.has(status)) problems.push(`status ${status}`);
      if (announcesClose(response) === step.keepAlive) problems.push(`not Connection: ${step.keepAlive ? 'keep-alive' : 'close'}`);
      if (status === 201) {
        const echo = step.body === undefined ? undefined : Buffer.concat([POST_SUCCESS, step.body]);
        if (step.method !== 'POST' || echo === undefined || step.body!.length === 0) problems.push(`201 for ${JSON.stringify(step.method)} with a ${step.body?.length ?? 0}-byte body`);
        else if (!response.body.equals(echo)) problems.push('201 does not echo the message sent');
        else store.append(step.body!);
      }
      if (status === 200 && step.method === 'DELETE') {
        if (!response.body.equals(DELETE_SUCCESS)) problems.push('DELETE 200 with an unexpected body');
        store.clear();
      }
      break;
    }
    case 'error':
    case 'timeout': {
      const expected = step.kind === 'error' ? step.status : 408;
      if (status !== expected) problems.push(`status ${status}, expected ${expected}`);
      if (!announcesClose(response)) problems.push('not Connection: close');
      break;
    }
    case 'probe':
      if (status !== 200) problems.push(`status ${status}`);
      if (!announcesClose(response)) problems.push('not Connection: close');
      if (!response.body.equals(store.listing())) problems.push(`GET / lists ${JSON.stringify(response.body.toString('latin1').slice(0, 200))}, expected ${JSON.stringify(store.listing().toString('latin1').slice(0, 200))}`);
      break;
  }
  return problems.map((p) => `${describeStep(step)}: ${p}`);
}

/**
 * Reads what the server sent with the project's ResponseParser (strict: CRLF only) and checks it
 * response by response against the expected steps; then that nothing followed the last one and
 * that the server closed the connection (SPEC §2.3: after errors, Connection: close, and the probe).
 */
export function checkExchange(session: SessionResult, steps: readonly ExpectedStep[], store: ExpectedStore): CheckedExchange {
  const failures: string[] = [];
  const statuses: number[] = [];
  const parser = new ResponseParser();
  for (const step of steps) if (step.kind !== 'continue') parser.expectResponseTo(step.kind === 'final' ? step.method : 'GET');
  parser.feed(session.received);
  parser.end();
  let next = 0;
  for (let guard = 0; guard <= 2 * steps.length + 4; guard++) {
    const event = parser.next();
    if (event.kind === 'head') continue;
    if (event.kind === 'message') {
      const response: Response = { ...event.head, body: event.body };
      statuses.push(response.status);
      const step = steps[next++];
      if (step === undefined) {
        failures.push(`an extra ${response.status} response after ${steps.length} expected`);
        break;
      }
      const method = step.kind === 'final' ? step.method : 'GET';
      failures.push(...wellFormed(response, method).map((p) => `${describeStep(step)}: malformed: ${p}`), ...checkStep(response, step, store));
      continue;
    }
    if (event.kind === 'error') {
      const at = steps[next];
      const offset = event.error.offset ?? 0;
      const near = JSON.stringify(session.received.toString('latin1', Math.max(0, offset - 30), offset + 30));
      failures.push(`malformed response stream ${at === undefined ? 'after the last expected response' : `where ${describeStep(at)} was due`}: ${event.error.code} (${event.error.message}) at byte ${offset}, near ${near}`);
    }
    break;
  }
  if (next < steps.length && failures.length === 0) {
    const why = session.closed ? `the server closed the connection${session.error === undefined ? '' : ` (${session.error})`}` : 'no answer before the deadline';
    failures.push(`expected ${describeStep(steps[next]!)}, but ${why} after ${next} of ${steps.length} responses`);
  } else if (failures.length === 0 && !session.closed) {
    const last = steps[steps.length - 1];
    failures.push(`the connection was not closed after ${last === undefined ? 'the input ended' : describeStep(last)}`);
  }
  return { failures, statuses };
}
