import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ActualResponse } from './compare.js';
import type { RequestSpec } from './fixture.js';
import { ANY, HTTP_DATE, looksLikeNamedMatcher, NUMBER, type Matcher } from './matchers.js';
import { authorityOf, type ServerAddress } from './placeholders.js';
import { rawTextFromBytes } from './raw-text.js';
import { maybeUtf8Text } from './utf8.js';

/**
 * A fixture's YAML text from a live exchange, to start a new scenario from (the `record`
 * command). Headers whose values vary between runs are already matchers; everything else is
 * exact, so the result loads with `loadFixture` and matches the response it came from.
 */

export interface SkeletonOptions {
  /** The fixture's `why`; a reminder to write one when absent. */
  readonly why?: string;
  /** The server the bytes were sent to: its `host:port` in recorded bytes becomes `{authority}`. */
  readonly server?: ServerAddress;
}

/** Headers that differ from run to run, and the matcher each gets. */
const VARYING_HEADERS: ReadonlyMap<string, Matcher> = new Map<string, Matcher>([
  ['date', HTTP_DATE],
  ['last-modified', HTTP_DATE],
  ['expires', HTTP_DATE],
  ['content-length', NUMBER],
  ['age', NUMBER],
  ['server', ANY],
  ['etag', ANY],
  ['set-cookie', ANY],
  ['keep-alive', ANY],
  ['via', ANY],
  ['x-request-id', ANY],
  ['x-response-time', ANY],
]);

const WHY_REMINDER = 'TODO say why this fixture exists, the rule or documented case it pins down.';
const HEADER_COMMENT =
  ' Recorded from a live exchange. Write `why`, then tighten or loosen the matchers' +
  '\n (docs/fixtures.md): varying headers are already <http-date>, <number> or <any>.';

/** `request` is a fixture's request, or the exact bytes that were sent (written as `raw`). */
export function fixtureSkeleton(request: RequestSpec | Buffer, response: ActualResponse, options: SkeletonOptions = {}): string {
  const root = new YAMLMap();
  root.set('why', new Scalar(options.why ?? WHY_REMINDER));
  root.set('request', requestNode(request, options.server));
  root.set('response', responseNode(response));
  const doc = new Document();
  doc.contents = root;
  doc.commentBefore = HEADER_COMMENT;
  return doc.toString({ lineWidth: 0 });
}

function rawNode(rawText: string): YAMLMap {
  const raw = new Scalar(rawText);
  raw.type = 'BLOCK_LITERAL';
  const node = new YAMLMap();
  node.set('raw', raw);
  return node;
}

function requestNode(request: RequestSpec | Buffer, server: ServerAddress | undefined): YAMLMap {
  if (Buffer.isBuffer(request)) {
    const text = rawTextFromBytes(request);
    return rawNode(server === undefined ? text : text.replaceAll(authorityOf(server), '{authority}'));
  }
  if (request.kind === 'raw') return rawNode(request.raw);
  const node = new YAMLMap();
  node.set('method', new Scalar(request.method));
  node.set('target', new Scalar(request.target));
  node.set('version', new Scalar(request.version));
  if (request.headers.length > 0) {
    const headers = new YAMLSeq();
    for (const [name, value] of request.headers) headers.add(new Scalar(`${name}: ${value}`));
    node.set('headers', headers);
  }
  if (request.body !== '') node.set('body', new Scalar(request.body));
  return node;
}

function responseNode(response: ActualResponse): YAMLMap {
  const node = new YAMLMap();
  node.set('status', new Scalar(response.status));
  node.set('reason', new Scalar(response.reason));
  const headers = expectedHeadersNode(response.headers);
  if (headers.items.length > 0) node.set('headers', headers);
  node.set('body', bodyNode(response.body));
  return node;
}

/** One entry per header name (repeated fields joined with `, `, as matching joins them), in order of first appearance. */
function expectedHeadersNode(headers: ActualResponse['headers']): YAMLMap {
  const values = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const entry = values.get(key) ?? { name, values: [] };
    entry.values.push(value);
    values.set(key, entry);
  }
  const node = new YAMLMap();
  for (const [key, { name, values: fieldValues }] of values) {
    const varying = VARYING_HEADERS.get(key);
    node.set(name, varying === undefined ? exactNode(fieldValues.join(', ')) : namedMatcherNode(varying));
  }
  return node;
}

function namedMatcherNode(matcher: Matcher): Scalar {
  return new Scalar(`<${matcher.kind}>`);
}

/** Exact text, tagged `!exact` when it would otherwise read as a named matcher. */
function exactNode(text: string): Scalar {
  const node = new Scalar(text);
  if (looksLikeNamedMatcher(text)) node.tag = '!exact';
  return node;
}

function bodyNode(body: Buffer): Scalar {
  const text = maybeUtf8Text(body);
  if (text !== undefined) return exactNode(text);
  const node = namedMatcherNode(ANY);
  node.comment = ` the body was ${body.length} bytes that are not UTF-8 text`;
  return node;
}
