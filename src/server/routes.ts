import { randomBytes } from 'node:crypto';
import { fieldLines, formatHttpDate, maybeRequestTarget, type HeaderField, type Headers, type RequestHead } from '../http1/index.js';
import { conditionalFields, evaluatePreconditions, ifRangeHolds, type Validators } from './conditions.js';
import type { MessageStore } from './message-store.js';
import { selectRange } from './ranges.js';
import type { ResponseContent } from './response-writer.js';

/** What the application answers, before HTTP framing is added. */
export interface RouteResult extends ResponseContent {
  readonly status: number;
  /** Shared between results (GET / answers the same buffer until the store changes): never change it. */
  readonly body: Buffer;
}

export const ALLOWED_METHODS = 'GET, HEAD, POST, DELETE';
/** Sent on every 405 (RFC 9110 §15.5.6) and on the server-wide OPTIONS. */
const ALLOW: Headers = [['Allow', ALLOWED_METHODS]];

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
 * `OPTIONS *` asks what the server can do (RFC 9110 §9.3.7): 200, Allow, and no content. OPTIONS
 * is answered only server-wide, so Allow lists what the resources serve, OPTIONS not among them.
 */
const SERVER_OPTIONS: RouteResult = { status: 200, body: Buffer.alloc(0), fields: ALLOW };

/** What a request is, once its head has been judged: an answer already, or the action its body goes to. */
type Action = 'list' | 'post' | 'delete' | 'echo';

/** The `GET /` answers of one store version, made once per version. */
interface Listing {
  readonly version: number;
  readonly validators: Validators;
  readonly ok: RouteResult;
  /** The 304 carries the ETag (RFC 9110 §15.4.5) and, as HEAD does, the length GET would send. */
  readonly notModified: RouteResult;
}

export interface RouterOptions {
  /** Any method on this path answers with the request it received (docs/behaviour.md "Routes"). */
  readonly echoPath?: string;
}

/**
 * Routes complete requests to one server's store (SPEC §1, §2.2). It keeps the `GET /` answers
 * of the store's current version, made again only when the store has changed, so that the
 * writer can reuse the response it made of them.
 */
export class Router {
  /**
   * Starts every ETag this router makes, so that a version number seen before a restart (where
   * counting starts again) never matches one after it.
   */
  private readonly tagPrefix = randomBytes(6).toString('base64url');
  private listing: Listing | undefined;
  private readonly echoPath: string | undefined;

  constructor(
    private readonly store: MessageStore,
    options: RouterOptions = {},
  ) {
    this.echoPath = options.echoPath;
  }

  /**
   * The answer a request head gets whatever its body: a bad target, the server-wide OPTIONS, a
   * method not served, a path that is not the root, a precondition that fails. Undefined when
   * the body is needed. Used before the body arrives (Expect: 100-continue) and again once it has.
   */
  earlyResult(head: RequestHead): RouteResult | undefined {
    const decided = this.decide(head);
    return typeof decided === 'string' ? undefined : decided;
  }

  route(head: RequestHead, body: Buffer): RouteResult {
    const decided = this.decide(head);
    const store = this.store;
    switch (decided) {
      case 'post':
        if (body.length === 0) return failure(400, 'POST');
        if (store.append(body)) return success(201, 'POST', body);
        // A journal that cannot write leaves the store read-only until restart: 500, not "full".
        return failure(store.journalFailure === undefined ? 507 : 500, 'POST');
      case 'delete':
        store.clear();
        return store.journalFailure === undefined ? success(200, 'DELETE') : failure(500, 'DELETE');
      case 'echo':
        return echo(head, body);
      case 'list':
        return this.list(head);
      default:
        return decided;
    }
  }

  private decide(head: RequestHead): RouteResult | Action {
    const { method } = head;
    const target = maybeRequestTarget(head.target);
    if (target === undefined) return failure(400, method);
    // SPEC §2.2: `*` is OPTIONS' alone, authority-form CONNECT's; with another method either is 400.
    if (target.form === 'asterisk') return method === 'OPTIONS' ? SERVER_OPTIONS : failure(400, method);
    if (target.form === 'authority') return method === 'CONNECT' ? notAllowed(method) : failure(400, method);
    if (target.path === this.echoPath) return 'echo';
    const root = target.path === '/';
    switch (method) {
      case 'GET':
      case 'HEAD':
        // Its preconditions are judged with its Range, in list(): a GET is never answered early.
        return root ? 'list' : failure(404, method);
      case 'POST':
        return root ? this.checked(head, 'post') : failure(404, method);
      case 'DELETE':
        // DELETE empties the store on any path (SPEC §1 case 5): its conditions are the store's.
        return this.checked(head, 'delete');
      default:
        return notAllowed(method);
    }
  }

  /** The action, unless a precondition on the store's representation answers instead (RFC 9110 §13.2). */
  private checked(head: RequestHead, action: 'post' | 'delete'): RouteResult | 'post' | 'delete' {
    const fields = conditionalFields(head.headers);
    if (fields === undefined || evaluatePreconditions(head.method, fields, this.current().validators, Date.now()) === 'proceed') return action;
    return failure(412, head.method);
  }

  /** GET or HEAD /: the listing, after its preconditions (RFC 9110 §13.2.2) and its Range. HEAD's body is dropped by the writer. */
  private list(head: RequestHead): RouteResult {
    const listing = this.current();
    const fields = conditionalFields(head.headers);
    if (fields === undefined) return listing.ok;
    const outcome = evaluatePreconditions(head.method, fields, listing.validators, Date.now());
    if (outcome === 304) return listing.notModified;
    if (outcome === 412) return failure(412, head.method);
    // Range is GET's alone (§14.2), and asked only when If-Range, if sent, holds (§13.1.5).
    if (head.method !== 'GET' || fields.range === undefined) return listing.ok;
    if (fields.ifRange !== undefined && !ifRangeHolds(fields.ifRange, listing.validators)) return listing.ok;
    return partOf(listing.ok, fields.range);
  }

  /** The store's listing and its validators, made again once the store has changed. */
  private current(): Listing {
    const store = this.store;
    const version = store.version;
    if (this.listing?.version === version) return this.listing;
    // Last-Modified has a second's precision (an HTTP-date); so is what it is compared with.
    const lastModified = Math.floor(store.changedAt / 1000) * 1000;
    const validators = { etag: `"${this.tagPrefix}-${version}"`, lastModified };
    // The store's listing after the success line, shared with every other version's (no copy per change).
    const body = store.listing(SERVED_LINES.get('GET')!.success);
    const etag: HeaderField = ['ETag', validators.etag];
    this.listing = {
      version,
      validators,
      ok: { status: 200, body, fields: [etag, ['Last-Modified', formatHttpDate(new Date(lastModified))], ['Accept-Ranges', 'bytes']] },
      notModified: { status: 304, body, fields: [etag] },
    };
    return this.listing;
  }
}

/** What the Range lines select of a 200: all of it, a 206 of one part, or a 416 (RFC 9110 §14.2, §15.3.7, §15.5.17). */
function partOf(ok: RouteResult, range: readonly string[]): RouteResult {
  const { body } = ok;
  const selection = selectRange(range, body.length);
  switch (selection.kind) {
    case 'all':
      return ok;
    case 'unsatisfiable':
      return { status: 416, body: seedBody('GET', false), fields: [['Content-Range', `bytes */${body.length}`]] };
    case 'part': {
      const contentRange: HeaderField = ['Content-Range', `bytes ${selection.first}-${selection.last}/${body.length}`];
      // The 206 keeps the validators and Accept-Ranges the 200 has (§15.3.7).
      return { status: 206, body: body.subarray(selection.first, selection.last + 1), fields: [...(ok.fields ?? []), contentRange] };
    }
  }
}

function notAllowed(method: string): RouteResult {
  return { status: 405, body: seedBody(method, false), fields: ALLOW };
}

/** The echo: each field line as received, `name: value` CRLF, then CRLF, then the body's bytes. */
function echo(head: RequestHead, body: Buffer): RouteResult {
  // Field names and values are latin1 strings, one char per byte received: written back as such.
  const lines = Buffer.from(`${fieldLines(head.headers)}\r\n`, 'latin1');
  return { status: 200, body: body.length === 0 ? lines : Buffer.concat([lines, body]) };
}
