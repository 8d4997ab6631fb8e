import { maybeRequestTarget, RequestParser, serializeRequest, type BodyFraming, type Limits, type RequestHead } from '../http1/index.js';

/**
 * The oracle: what a server that follows SPEC §2 must send back for a byte stream. The stream is
 * read by the project's own RequestParser with the server's limits (the property tests check that
 * parser on its own); the rules for 100-continue, early answers, closes and timeouts are SPEC
 * §2.1–2.3, written out here independently of src/server.
 */

/** One request as the server's parser sees it: a head, and its body once complete. */
export interface SeenRequest {
  readonly head: RequestHead;
  readonly framing: BodyFraming;
  /** The body, once the whole request has arrived; undefined while it is incomplete. */
  body: Buffer | undefined;
}

/** How the byte stream ends, for the server. */
export type StreamEnding =
  /** The input broke HTTP/1.1: the server answers with this status and closes. */
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string }
  /** A request has begun and not finished: the server waits for the rest (408 on timeout). */
  | { readonly kind: 'partial' }
  /** Every request is complete. */
  | { readonly kind: 'idle' };

export interface SeenStream {
  readonly requests: SeenRequest[];
  readonly ending: StreamEnding;
}

/** Reads `bytes` as the bundled server's parser does (bare LF accepted, the server's limits). */
export function readStream(bytes: Buffer, limits: Limits): SeenStream {
  const parser = new RequestParser({ limits, allowBareLf: true });
  parser.feed(bytes);
  const requests: SeenRequest[] = [];
  for (let i = 0; i <= bytes.length + 1; i++) {
    const event = parser.next();
    switch (event.kind) {
      case 'head':
        requests.push({ head: event.head, framing: event.framing, body: undefined });
        break;
      case 'message':
        requests[requests.length - 1]!.body = event.body;
        break;
      case 'error':
        return { requests, ending: { kind: 'error', status: event.error.status, code: event.error.code, message: event.error.message } };
      case 'need-data':
      case 'closed':
        return { requests, ending: { kind: parser.hasPartialMessage ? 'partial' : 'idle' } };
    }
  }
  throw new Error('the parser gave more events than there are bytes');
}

/** What the client does once every byte is written. */
export type Finish =
  /** Half-close (FIN): the server answers what is complete, then closes. */
  | 'fin'
  /** Keep the connection open: a finished stream gets a probe GET with `Connection: close`; an unfinished one waits for 408. */
  | 'hold';

/** One response the client must receive, in order. */
export type ExpectedStep =
  | { readonly kind: 'continue'; readonly request: number }
  | {
      readonly kind: 'final';
      readonly request: number;
      readonly method: string;
      /** The connection stays open after it (Connection: keep-alive) or not. */
      readonly keepAlive: boolean;
      /** Answered from the head alone, instead of 100 Continue (SPEC §2.1). */
      readonly early: boolean;
      readonly body: Buffer | undefined;
    }
  | { readonly kind: 'error'; readonly status: number; readonly code: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'probe' };

/** A request of the fuzzer's own, to `/` and then closing: a probe GET, or the DELETE that empties the store. */
export function closingRequest(method: 'GET' | 'DELETE'): Buffer {
  return serializeRequest({ method, target: '/', headers: [['Host', 'wirecheck-fuzz'], ['Connection', 'close']] });
}

export const PROBE_REQUEST = closingRequest('GET');

const SERVED = new Set(['GET', 'HEAD', 'POST', 'DELETE']);

/**
 * SPEC §2.1–2.2: a request whose final status is known from its head (a target that is not
 * origin- or absolute-form, a method not served, GET/HEAD/POST off the root) is answered without
 * reading its body when it asks for 100-continue.
 */
export function isAnsweredFromHead(head: RequestHead): boolean {
  const target = maybeRequestTarget(head.target);
  if (target === undefined || target.form === 'asterisk' || target.form === 'authority') return true;
  if (!SERVED.has(head.method)) return true;
  return head.method !== 'DELETE' && target.path !== '/';
}

function bodyFollows(framing: BodyFraming): boolean {
  return framing.kind === 'chunked' || (framing.kind === 'length' && framing.length > 0);
}

/** The responses the client must receive, in order; the connection must close after the last. */
export function expectedSteps(stream: SeenStream, finish: Finish): { steps: ExpectedStep[]; probe: boolean } {
  const steps: ExpectedStep[] = [];
  for (let i = 0; i < stream.requests.length; i++) {
    const { head, framing, body } = stream.requests[i]!;
    const asksToContinue = head.expectContinue && bodyFollows(framing);
    if (asksToContinue && isAnsweredFromHead(head)) {
      steps.push({ kind: 'final', request: i, method: head.method, keepAlive: false, early: true, body: undefined });
      return { steps, probe: false };
    }
    if (asksToContinue) steps.push({ kind: 'continue', request: i });
    if (body === undefined) break; // the last request, unfinished: the ending says what happens
    steps.push({ kind: 'final', request: i, method: head.method, keepAlive: head.keepAlive, early: false, body });
    if (!head.keepAlive) return { steps, probe: false };
  }
  const { ending } = stream;
  if (ending.kind === 'error') steps.push({ kind: 'error', status: ending.status, code: ending.code });
  else if (ending.kind === 'partial' && finish === 'hold') steps.push({ kind: 'timeout' });
  else if (ending.kind === 'idle' && finish === 'hold') {
    steps.push({ kind: 'probe' });
    return { steps, probe: true };
  }
  return { steps, probe: false };
}
