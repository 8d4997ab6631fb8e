import { maybeRequestTarget, type RequestHead } from '../http1/index.js';
import type { MessageStore } from './message-store.js';
import type { ResponseContent } from './response-writer.js';

/** What the application answers, before HTTP framing is added. */
export interface RouteResult extends ResponseContent {
  readonly status: number;
  /** Shared between results (GET / answers the same buffer until the store changes): never change it. */
  readonly body: Buffer;
  /** Set on 405 (RFC 9110 §15.5.6). */
  readonly allow?: string;
}

export const ALLOWED_METHODS = 'GET, HEAD, POST, DELETE';

function seedLine(label: string, success: boolean): Buffer {
  return Buffer.from(`HTTP ${label} Method (${success ? 'Success' : 'Failed'})\n\n`, 'latin1');
}

/** The payload-less bodies of the methods served, made once. */
const SERVED_LINES = new Map(['GET', 'POST', 'DELETE'].map((label) => [label, { success: seedLine(label, true), failure: seedLine(label, false) }]));

/** The uniform body rule of the assignment: `HTTP {METHOD} Method ({Success|Failed})\n\n{payload}`. */
function seedBody(method: string, success: boolean, payload?: Buffer): Buffer {
  // HEAD answers exactly what GET would, so its length is GET's (RFC 9110 §9.3.2).
  const label = method === 'HEAD' ? 'GET' : method;
  const served = SERVED_LINES.get(label);
  // Any other method name is the client's to choose, so it is not kept.
  const prefix = served === undefined ? seedLine(label, success) : success ? served.success : served.failure;
  return payload === undefined || payload.length === 0 ? prefix : Buffer.concat([prefix, payload]);
}

const success = (status: number, method: string, payload?: Buffer): RouteResult => ({ status, body: seedBody(method, true, payload) });
const failure = (status: number, method: string): RouteResult => ({ status, body: seedBody(method, false) });

/**
 * Answers a request head that can be answered without its body: a bad target, a method not
 * served, or a path that is not the root. Used before the body arrives (Expect: 100-continue)
 * and again once it has.
 */
export function maybeEarlyResult(head: RequestHead): RouteResult | undefined {
  const target = maybeRequestTarget(head.target);
  // SPEC §2.2: only origin-form and absolute-form are served; `*` is OPTIONS-only, not served.
  if (target === undefined || target.form === 'asterisk' || target.form === 'authority') return failure(400, head.method);
  switch (head.method) {
    case 'GET':
    case 'HEAD':
    case 'POST':
      return target.path === '/' ? undefined : failure(404, head.method);
    case 'DELETE':
      return undefined;
    default:
      return { status: 405, body: seedBody(head.method, false), allow: ALLOWED_METHODS };
  }
}

/**
 * Routes complete requests to one server's store (SPEC §1, §2.2). It keeps the last `GET /`
 * answer, made again only when the store has changed (`joined()` returns the same buffer until
 * then), so that the writer can reuse the response it made of it.
 */
export class Router {
  /** The store's listing the last `GET /` answer was made of, and that answer. */
  private listedFor: Buffer | undefined;
  private listingResult: RouteResult = { status: 200, body: seedBody('GET', true) };

  constructor(private readonly store: MessageStore) {}

  route(head: RequestHead, body: Buffer): RouteResult {
    const early = maybeEarlyResult(head);
    if (early !== undefined) return early;
    const store = this.store;
    switch (head.method) {
      case 'POST':
        if (body.length === 0) return failure(400, 'POST');
        if (store.append(body)) return success(201, 'POST', body);
        // A journal that cannot write leaves the store read-only until restart: 500, not "full".
        return failure(store.journalFailure === undefined ? 507 : 500, 'POST');
      case 'DELETE':
        store.clear();
        return store.journalFailure === undefined ? success(200, 'DELETE') : failure(500, 'DELETE');
      default: // GET and HEAD on the root; HEAD's body is dropped by the writer.
        return this.listing();
    }
  }

  private listing(): RouteResult {
    const joined = this.store.joined();
    if (joined !== this.listedFor) {
      this.listedFor = joined;
      this.listingResult = { status: 200, body: seedBody('GET', true, joined) };
    }
    return this.listingResult;
  }
}
