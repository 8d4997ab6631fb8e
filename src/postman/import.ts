/**
 * Requests from elsewhere as fixtures and a feature (`npm run import`): a Postman v2.1 (or
 * v2.0) collection, or a HAR 1.2 file a browser's developer tools or a proxy saved. Each request
 * becomes a fixture that sends it to the run's target (`Host: {authority}`, its length as
 * `{body-length}`) and expects the status it was known to get: the one its Postman tests check,
 * else the one of its saved example, the one the HAR recorded, and any 2xx when none says.
 */
import { randomUUID } from 'node:crypto';
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { PostmanAuth, PostmanBody, PostmanHeader, PostmanItem, PostmanRequest, PostmanUrl, PostmanVariable } from './collection.js';

export interface ImportedRequest {
  /** The item's name, within its folders (`Users / Get one`), or the HAR entry's method and target. */
  readonly name: string;
  readonly method: string;
  /** Origin-form: path and query. */
  readonly target: string;
  /** As they will be sent, Host and Content-Length as placeholders. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** The status codes it is known to get; empty: any 2xx. */
  readonly statuses: readonly number[];
  /** Where the statuses come from, or why there are none, for the fixture's `why`. */
  readonly statusSource: string;
}

export interface Imported {
  /** The collection's name, or the HAR file's creator. */
  readonly title: string;
  readonly requests: readonly ImportedRequest[];
  /** A line for each request left out: its name and why. */
  readonly skipped: readonly string[];
}

/** A file that is neither a Postman v2 collection nor a HAR. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** A request that cannot become a fixture; the others still can. */
class Unimportable extends Error {}

/** Reads a Postman v2 collection or a HAR 1.2 file; `source` names it in errors. */
export function parseImport(text: string, source: string): Imported {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (isObject(json) && isObject(json.log) && Array.isArray(json.log.entries)) return harRequests(json.log as unknown as Har['log']);
  if (isObject(json) && isObject(json.info) && Array.isArray(json.item)) return collectionRequests(json as unknown as Collection);
  if (isObject(json) && Array.isArray(json.requests)) throw new ImportError(`${source} is a Postman v1 collection: export it from Postman as Collection v2.1`);
  throw new ImportError(`${source} is neither a Postman collection (info and item) nor a HAR file (log.entries)`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Postman

interface Collection {
  readonly info: { readonly name?: string };
  readonly item: readonly PostmanItem[];
  readonly variable?: readonly PostmanVariable[];
  readonly auth?: PostmanAuth;
}

/** Postman's dynamic variables the import gives a value of its own, once. */
const DYNAMIC: Readonly<Record<string, () => string>> = {
  $guid: () => randomUUID(),
  $timestamp: () => String(Math.floor(Date.now() / 1000)),
  $randomInt: () => String(Math.floor(Math.random() * 1001)),
};

function collectionRequests(collection: Collection): Imported {
  const variables = new Map((collection.variable ?? []).map((v) => [v.key, String(v.value ?? '')]));
  const requests: ImportedRequest[] = [];
  const skipped: string[] = [];
  const walk = (items: readonly PostmanItem[], folders: readonly string[], auth: PostmanAuth | undefined): void => {
    for (const item of items) {
      const name = [...folders, item.name].join(' / ');
      if (item.item !== undefined) walk(item.item, [...folders, item.name], item.auth ?? auth);
      else if (item.request !== undefined) {
        try {
          requests.push(postmanRequest(name, item, typeof item.request === 'string' ? { url: item.request } : item.request, auth, variables));
        } catch (error) {
          if (!(error instanceof Unimportable)) throw error;
          skipped.push(`"${name}": ${error.message}`);
        }
      }
    }
  };
  walk(collection.item, [], collection.auth);
  return { title: collection.info.name ?? 'Postman collection', requests, skipped };
}

function postmanRequest(name: string, item: PostmanItem, request: PostmanRequest, inherited: PostmanAuth | undefined, variables: ReadonlyMap<string, string>): ImportedRequest {
  const fill = (text: string): string => filled(text, variables);
  const headers = (request.header ?? []).filter((h: PostmanHeader) => h.disabled !== true).map((h) => [fill(h.key), fill(String(h.value ?? ''))] as const);
  const authorization = authHeader(request.auth ?? inherited, fill);
  const body = postmanBody(request.body, fill);
  if (body.contentType !== undefined && !headers.some(([field]) => field.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.contentType]);
  for (const text of [...headers.flat(), body.text]) {
    const unknown = VARIABLE.exec(text);
    if (unknown !== null) throw new Unimportable(`${unknown[0]} has no value in the collection's variables`);
  }
  const fromTests = statusesInTests(item);
  const fromExamples = [...new Set((item.response ?? []).flatMap((r) => (typeof r.code === 'number' ? [r.code] : [])))];
  const [statuses, statusSource] =
    fromTests.length > 0 ? [fromTests, 'its Postman tests check'] : fromExamples.length > 0 ? [fromExamples, 'its saved example got'] : [[], 'nothing in the collection says which'];
  return {
    name,
    method: (request.method ?? 'GET').toUpperCase(),
    target: originForm(fill(urlText(request.url))),
    headers: sentHeaders([...headers, ...(authorization === undefined ? [] : [['Authorization', authorization] as const])], body.text),
    body: body.text,
    statuses,
    statusSource,
  };
}

const VARIABLE = /\{\{([^{}]+)\}\}/;

/** `{{name}}` filled from the collection's variables, and Postman's `{{$guid}}`-style ones; a leading unknown one is the origin. */
function filled(text: string, variables: ReadonlyMap<string, string>): string {
  return text.replace(new RegExp(VARIABLE.source, 'g'), (whole, name: string) => variables.get(name) ?? DYNAMIC[name]?.() ?? whole);
}

function urlText(url: string | PostmanUrl | undefined): string {
  if (url === undefined) throw new Unimportable('the request has no URL');
  if (typeof url === 'string') return url;
  if (url.raw !== undefined) return url.raw;
  const part = (value: readonly string[] | string | undefined, separator: string): string => (Array.isArray(value) ? value.join(separator) : (value as string | undefined) ?? '');
  const query = (url.query ?? []).filter((q) => q.disabled !== true && q.key !== null).map((q) => (q.value === null ? q.key : `${q.key}=${q.value}`));
  return `${part(url.host, '.')}/${part(url.path, '/')}${query.length === 0 ? '' : `?${query.join('&')}`}`;
}

const ORIGIN_VARIABLE = /^\{\{[^{}]+\}\}/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The path and query of a URL, percent-encoded as on the wire. The scheme and host go: the run's
 * target takes their place, and so does a variable the URL starts with (`{{baseUrl}}/users`).
 */
function originForm(url: string): string {
  const rest = url.replace(ORIGIN_VARIABLE, '');
  const unknown = VARIABLE.exec(rest);
  if (unknown !== null) throw new Unimportable(`${unknown[0]} in its URL has no value in the collection's variables`);
  const absolute = rest.startsWith('/') || rest === '' ? `http://target.invalid${rest}` : SCHEME.test(rest) ? rest : `http://${rest}`;
  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    throw new Unimportable(`its URL ${JSON.stringify(url)} does not parse`);
  }
  return `${parsed.pathname}${parsed.search}`;
}

function authHeader(auth: PostmanAuth | undefined, fill: (text: string) => string): string | undefined {
  if (auth === undefined || auth.type === 'noauth') return undefined;
  const value = (entries: readonly PostmanVariable[] | undefined, key: string): string => fill(String(entries?.find((e) => e.key === key)?.value ?? ''));
  if (auth.type === 'bearer') return `Bearer ${value(auth.bearer, 'token')}`;
  if (auth.type === 'basic') return `Basic ${Buffer.from(`${value(auth.basic, 'username')}:${value(auth.basic, 'password')}`).toString('base64')}`;
  throw new Unimportable(`its ${auth.type} authorization is not imported (bearer and basic are)`);
}

function postmanBody(body: PostmanBody | undefined, fill: (text: string) => string): { text: string; contentType?: string } {
  if (body === undefined || body.mode === undefined) return { text: '' };
  if (body.mode === 'raw') return { text: fill(body.raw ?? '') };
  if (body.mode === 'urlencoded') {
    const pairs = (body.urlencoded ?? []).filter((p) => p.disabled !== true).map((p) => `${encodeURIComponent(fill(p.key))}=${encodeURIComponent(fill(p.value ?? ''))}`);
    return { text: pairs.join('&'), contentType: 'application/x-www-form-urlencoded' };
  }
  throw new Unimportable(`its ${body.mode} body is not imported (raw and urlencoded are)`);
}

/** `pm.response.to.have.status(201)`, `pm.expect(pm.response.code).to.equal(201)`, `responseCode.code === 201`, `pm.response.to.be.ok`. */
const STATUS_CHECKS = [/pm\.response\.to\.have\.status\(\s*(\d{3})\s*\)/g, /pm\.response\.code\s*\)\s*\.to\.(?:be\.)?(?:eql|equal|eq)\(\s*(\d{3})\s*\)/g, /responseCode\.code\s*===?\s*(\d{3})/g, /pm\.response\.to\.be\.(ok)\b/g];

function statusesInTests(item: PostmanItem): number[] {
  const script = (item.event ?? [])
    .filter((event) => event.listen === 'test')
    .flatMap((event) => event.script.exec)
    .join('\n');
  const codes = STATUS_CHECKS.flatMap((pattern) => [...script.matchAll(pattern)].map((m) => (m[1] === 'ok' ? 200 : Number(m[1]))));
  return [...new Set(codes)];
}

// ---------------------------------------------------------------------------------------------
// HAR

interface Har {
  readonly log: {
    readonly creator?: { readonly name?: string };
    readonly entries: readonly {
      readonly request: {
        readonly method: string;
        readonly url: string;
        readonly headers?: readonly { readonly name: string; readonly value: string }[];
        readonly postData?: { readonly mimeType?: string; readonly text?: string; readonly params?: readonly { readonly name: string; readonly value?: string }[] };
      };
      readonly response?: { readonly status?: number };
    }[];
  };
}

function harRequests(log: Har['log']): Imported {
  const requests: ImportedRequest[] = [];
  const skipped: string[] = [];
  for (const { request, response } of log.entries) {
    let name = `${request.method} ${request.url}`;
    try {
      const target = originForm(request.url);
      name = `${request.method.toUpperCase()} ${target}`;
      const data = request.postData;
      const body = data?.text ?? (data?.params ?? []).map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value ?? '')}`).join('&');
      const headers = (request.headers ?? []).map((h) => [h.name, h.value] as const);
      if (data?.mimeType !== undefined && body !== '' && !headers.some(([field]) => field.toLowerCase() === 'content-type')) headers.push(['Content-Type', data.mimeType]);
      // A HAR writes 0 for a request that got no answer (blocked, failed, cancelled).
      const status = response?.status ?? 0;
      const known = status >= 100 && status <= 599;
      requests.push({
        name,
        method: request.method.toUpperCase(),
        target,
        headers: sentHeaders(headers, body),
        body,
        statuses: known ? [status] : [],
        statusSource: known ? 'the HAR recorded' : 'the HAR recorded no answer',
      });
    } catch (error) {
      if (!(error instanceof Unimportable)) throw error;
      skipped.push(`"${name}": ${error.message}`);
    }
  }
  return { title: log.creator?.name === undefined ? 'HAR' : `HAR from ${log.creator.name}`, requests, skipped };
}

// ---------------------------------------------------------------------------------------------
// What is sent

/**
 * The fields to send: Host first as `{authority}`, a body's length as `{body-length}`. HTTP/2's
 * pseudo-fields and the framing of the original (Host, Content-Length, Transfer-Encoding) go: the
 * request is sent whole, over HTTP/1.1, to the run's target.
 */
function sentHeaders(headers: readonly (readonly [string, string])[], body: string): [string, string][] {
  const kept = headers.filter(([field]) => !field.startsWith(':') && !/^(host|content-length|transfer-encoding)$/i.test(field));
  return [['Host', '{authority}'], ...kept.map(([field, value]) => [field, value] as [string, string]), ...(body === '' ? [] : [['Content-Length', '{body-length}'] as [string, string]])];
}

// ---------------------------------------------------------------------------------------------
// Files

/** A fixture's and a feature's file name part: lower case, digits and dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * The files of an import, by path under the package root: `fixtures/<area>/<name>.yaml` for
 * each request, and `features/<area>/<feature>.feature` with a scenario for each, tagged with
 * its profile, the first folder of the area.
 */
export function importedFiles(imported: Imported, area: string, feature: string, source: string): Map<string, string> {
  const files = new Map<string, string>();
  const scenarios: string[] = [];
  const names = new Set<string>();
  for (const request of imported.requests) {
    const base = slug(request.name) || slug(`${request.method} ${request.target}`) || 'request';
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    files.set(`fixtures/${area}/${name}.yaml`, fixtureText(request, source));
    scenarios.push(`  Scenario: ${oneLine(request.name)}`, `    When the "${area}/${name}" request is sent`, '    Then the response matches the fixture', '');
  }
  const profile = area.split('/')[0]!;
  const header = [
    `@${profile}`,
    `Feature: ${oneLine(imported.title)}`,
    `  Imported by npm run import from ${source}.`,
    "  A scenario for each of its requests, in order; each checks the status, as its fixture's why",
    '  says (docs/fixtures.md tells how to check more).',
    '',
  ];
  files.set(`features/${area}/${feature}.feature`, [...header, ...scenarios].join('\n'));
  return files;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fixtureText(request: ImportedRequest, source: string): string {
  const expected = request.statuses.length === 0 ? `any 2xx status: ${request.statusSource}` : `answered ${request.statuses.join(' or ')}: the status ${request.statusSource}`;
  const root = new YAMLMap();
  root.set('why', new Scalar(`Imported from ${source}: "${oneLine(request.name)}", ${request.method} ${request.target}, ${expected}.`));
  const sent = new YAMLMap();
  sent.set('method', new Scalar(request.method));
  sent.set('target', new Scalar(request.target));
  const headers = new YAMLSeq();
  for (const [field, value] of request.headers) headers.add(new Scalar(`${field}: ${value}`));
  sent.set('headers', headers);
  if (request.body !== '') sent.set('body', new Scalar(request.body));
  root.set('request', sent);
  const response = new YAMLMap();
  response.set('status', statusNode(request.statuses));
  root.set('response', response);
  const doc = new Document();
  doc.contents = root;
  return doc.toString({ lineWidth: 0 });
}

function statusNode(statuses: readonly number[]): Scalar | YAMLSeq {
  if (statuses.length === 0) return new Scalar('2xx');
  if (statuses.length === 1) return new Scalar(statuses[0]);
  const list = new YAMLSeq();
  list.flow = true;
  for (const code of statuses) list.add(new Scalar(code));
  return list;
}
