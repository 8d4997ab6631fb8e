import { exchange, isClientError, type ClientTls } from '../client/index.js';
import { serializeRequest, type HeaderField } from '../http1/index.js';
import { authorityOf, ROOT_PATHS, type ServerAddress, type TargetPaths } from '../fixture/placeholders.js';
import type { ServerSettings } from './server-settings.js';
import type { Capabilities } from './target.js';

const PROBE_TIMEOUT_MS = 3_000;
/** The start of the assignment's `GET /` answer (SPEC §1, case 1); its own server sends no blank line after it when the store is empty. */
const STORE_LISTING = 'HTTP GET Method (Success)';
/** The body the probes send: short, and unlikely to appear in an answer by chance. */
const PROBE_BODY = 'wirecheck-probe-7f3a';
/** A field line the echo probe sends, to learn whether the echo holds the request's fields too. */
const PROBE_FIELD_NAME = 'X-Wirecheck-Probe';
const PROBE_FIELD = `${PROBE_FIELD_NAME}: ${PROBE_BODY}`;

/** What the run knows of a target, and one line saying how it knows it. */
export interface TargetDescription {
  readonly capabilities: Capabilities;
  /** `GET / 200; POST / 405: no body path; no echo; message store: no (…); no timeouts or limits declared`. */
  readonly line: string;
}

/** What a user declared of the target (flags, environment, a target file); what is left out is probed. */
export interface DeclaredCapabilities {
  readonly store?: boolean;
  readonly paths?: Partial<TargetPaths>;
  readonly settings?: ServerSettings;
}

/** Where a target is, and whether it is reached over TLS, as the probes and then the suite reach it. */
type ProbedTarget = ServerAddress & { readonly tls?: ClientTls };

interface ProbeAnswer {
  readonly status?: number;
  readonly body: string;
  readonly error?: string;
}

/**
 * Finds out what a foreign target has, by asking, never by presuming. `GET` on the GET path; the
 * message store is there when `GET /` is the assignment's listing. A path that takes a body is
 * the declared one, else the store's `POST /`, else the GET path when a short POST to it gets a
 * 2xx (a store is never posted to: the probe would change it). An echo is only ever declared,
 * and kept when a POST to it returns the body sent. What the user declared wins over a probe.
 */
export async function describeTarget(target: ProbedTarget, declared: DeclaredCapabilities = {}): Promise<TargetDescription> {
  const getPath = declared.paths?.get ?? ROOT_PATHS.get;
  const get = await probe(target, 'GET', getPath);
  const root = getPath === '/' ? get : await probe(target, 'GET', '/');
  const listing = root.status === 200 && root.body.startsWith(STORE_LISTING);
  const store = declared.store ?? listing;
  const storeHow = declared.store === undefined ? `probed: GET / ${listing ? 'is' : 'is not'} the assignment's listing` : 'declared';
  const body = await bodyPath(target, getPath, declared.paths?.body, store);
  const echo = await echoPath(target, declared.paths?.echo, store);
  const settings = declared.settings ?? {};
  const named = Object.entries(settings).map(([name, value]) => `${name} ${value}`);
  const paths: TargetPaths = { get: getPath, ...(body.path === undefined ? {} : { body: body.path }), ...(echo.path === undefined ? {} : { echo: echo.path }) };
  const line = [
    `GET ${getPath} ${describeAnswer(get)}${isSuccess(get) ? '' : ' (not a 2xx: scenarios that judge a GET there fail; --get-path names a path that serves one)'}`,
    body.line,
    echo.line,
    `message store: ${store ? 'yes' : 'no'} (${storeHow})`,
    named.length === 0 ? 'no timeouts or limits declared' : `declared ${named.join(', ')}`,
    ...(target.tls === undefined ? [] : [describeTls(target.tls)]),
  ].join('; ');
  return { capabilities: { store, paths, echoesFields: echo.fields, settings, ...(target.tls === undefined ? {} : { tls: target.tls }) }, line };
}

async function bodyPath(target: ProbedTarget, getPath: string, declared: string | undefined, store: boolean): Promise<{ path?: string; line: string }> {
  if (declared !== undefined) return { path: declared, line: `POST ${declared} ${describeAnswer(await probe(target, 'POST', declared, PROBE_BODY))} (declared body path)` };
  if (store) return { path: '/', line: 'POST / takes a body (the message store; not probed)' };
  const post = await probe(target, 'POST', getPath, PROBE_BODY);
  if (isSuccess(post)) return { path: getPath, line: `POST ${getPath} ${describeAnswer(post)}: body path ${getPath}` };
  return { line: `POST ${getPath} ${describeAnswer(post)}: no body path (--body-path names one)` };
}

/**
 * A path whose answer holds the request's body: the declared echo, kept when a POST to it
 * returns the body sent (and it echoes fields too when the probe's field line comes back), else
 * the store's `POST /`, whose answer holds the message stored (SPEC §1 case 3).
 */
async function echoPath(target: ProbedTarget, declared: string | undefined, store: boolean): Promise<{ path?: string; fields: boolean; line: string }> {
  const fromStore = { path: '/', fields: false, line: "body echo: POST / (the message store's answer holds the message)" };
  if (declared === undefined) return store ? fromStore : { fields: false, line: 'no echo (--echo-path names one)' };
  const post = await probe(target, 'POST', declared, PROBE_BODY);
  if (!isSuccess(post) || !post.body.includes(PROBE_BODY)) {
    const refused = `POST ${declared} ${describeAnswer(post)} did not return the body sent`;
    return store ? { ...fromStore, line: `${fromStore.line}; ${refused}` } : { fields: false, line: `no echo: ${refused}` };
  }
  const fields = post.body.includes(PROBE_FIELD);
  return { path: declared, fields, line: `echo ${declared} (declared; POST ${declared} returned the body${fields ? ' and the fields' : ', not the fields,'} sent)` };
}

/** `TLS, certificate not verified (insecure)`: what the run trusted of the target. */
function describeTls(tls: ClientTls): string {
  return `TLS${tls.servername === undefined ? '' : ` to server name ${tls.servername}`}${tls.insecure === true ? ', certificate not verified (insecure)' : ', certificate verified'}`;
}

function isSuccess(answer: ProbeAnswer): boolean {
  return answer.status !== undefined && answer.status >= 200 && answer.status < 300;
}

function describeAnswer(answer: ProbeAnswer): string {
  return answer.status === undefined ? `no answer (${answer.error ?? 'unknown'})` : String(answer.status);
}

async function probe(target: ProbedTarget, method: string, path: string, body?: string): Promise<ProbeAnswer> {
  const headers: HeaderField[] = [['Host', authorityOf(target)], ['Connection', 'close']];
  if (body !== undefined) headers.push([PROBE_FIELD_NAME, PROBE_BODY], ['Content-Type', 'text/plain'], ['Content-Length', String(Buffer.byteLength(body))]);
  const bytes = serializeRequest({ method, target: path, headers, ...(body === undefined ? {} : { body: Buffer.from(body) }) });
  try {
    const { response } = await exchange({ host: target.host, port: target.port, tls: target.tls, bytes, timeoutMs: PROBE_TIMEOUT_MS, closeWaitMs: 0 });
    return { status: response.response.status, body: response.response.body.toString('utf8') };
  } catch (error) {
    if (!isClientError(error)) throw error;
    return { body: '', error: error.code };
  }
}

/** Capabilities as they travel to the suite's process, and back. */
export function encodeCapabilities(capabilities: Capabilities): string {
  return JSON.stringify(capabilities);
}

export function decodeCapabilities(text: string | undefined): Capabilities {
  const value = text === undefined ? {} : (JSON.parse(text) as Partial<Capabilities>);
  return { store: value.store === true, paths: value.paths ?? ROOT_PATHS, echoesFields: value.echoesFields === true, settings: value.settings ?? {}, ...(value.tls === undefined ? {} : { tls: value.tls }) };
}
