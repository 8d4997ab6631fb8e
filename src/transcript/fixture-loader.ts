import { readFileSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar, type YAMLSeq } from 'yaml';
import {
  headerField,
  type BodyTrailingWhitespace,
  type ExpectedHeader,
  type ExpectedResponse,
  type Fixture,
  type RequestSpec,
  type RequirementLevel,
  type SourceLocation,
} from './fixture.js';
import { FixtureError, type FixtureErrorCode } from './fixture-error.js';
import { contains, exact, isSupportedRegexFlags, looksLikeNamedMatcher, NAMED_MATCHERS, oneOf, regex, type Matcher } from './matchers.js';
import { tokenizeRawText } from './raw-text.js';
import { maybeSingleStatusMatcher, statusOneOf, type SingleStatusMatcher, type StatusMatcher } from './status-matcher.js';

/**
 * Reads fixture YAML (docs/fixtures.md) into a `Fixture`. Strict: unknown keys, wrong types,
 * unknown matchers and bad escapes are `FixtureError`s naming `file:line:column`.
 * Scalars are read with YAML's failsafe schema, so `05`, `1.0` and `yes` stay the text written.
 */

const TOP_KEYS = ['why', 'level', 'request', 'response'] as const;
const LEVELS: readonly RequirementLevel[] = ['must', 'should'];
const REQUEST_KEYS = ['raw', 'method', 'target', 'version', 'headers', 'body'] as const;
const RESPONSE_KEYS = ['status', 'reason', 'headers', 'body', 'body-trailing-whitespace'] as const;
const BODY_TRAILING_WHITESPACE: readonly BodyTrailingWhitespace[] = ['exact', 'ignore'];
const STRING_TAG = 'tag:yaml.org,2002:str';
const REGEX_TAG = '!re';
const EXACT_TAG = '!exact';
/** RFC 9110 §5.1 field-name (a token). */
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FLOW_MAP_HINT = ' (quote values that start with `{`, e.g. "{authority}": unquoted, YAML reads them as a mapping)';

/** What the walk over one file needs: where errors point, and the document aliases resolve in. */
interface Context {
  readonly file: string;
  readonly text: string;
  readonly lines: LineCounter;
  readonly doc: Document.Parsed;
}

/** A key/value pair of a YAML mapping; `value` is null for `? key` with no value. */
interface Entry {
  readonly key: Scalar;
  readonly value: Node | null;
}

export function loadFixture(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FixtureError('UNREADABLE_FILE', path, 1, 1, `cannot read the fixture: ${(error as Error).message}`);
  }
  return parseFixture(text, path);
}

export function parseFixture(text: string, fileName: string): Fixture {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false });
  const [syntaxError] = doc.errors;
  if (syntaxError !== undefined) {
    const at = lines.linePos(syntaxError.pos[0]);
    throw new FixtureError('YAML_SYNTAX', fileName, at.line, at.col, `not valid YAML: ${syntaxError.message}`);
  }
  const ctx: Context = { file: fileName, text, lines, doc };
  return readFixture(ctx, doc.contents);
}

// ---------------------------------------------------------------------------------------------
// Locations and errors

function locationOfOffset(ctx: Context, offset: number): SourceLocation {
  const { line, col } = ctx.lines.linePos(offset);
  return { file: ctx.file, line, column: col };
}

function locationOf(ctx: Context, node: Node | null | undefined): SourceLocation {
  return locationOfOffset(ctx, node?.range?.[0] ?? 0);
}

function fail(ctx: Context, code: FixtureErrorCode, at: SourceLocation | Node | null | undefined, problem: string): never {
  const where = at !== null && at !== undefined && 'line' in at ? at : locationOf(ctx, at);
  throw new FixtureError(code, ctx.file, where.line, where.column, problem);
}

/** Where the character at `index` of a scalar's value is written, as exactly as the style allows. */
function locationInScalar(ctx: Context, node: Scalar, value: string, index: number): SourceLocation {
  const [start, end] = node.range ?? [0, 0];
  if (node.type === 'BLOCK_LITERAL') {
    const valueLines = value.slice(0, index).split('\n');
    const column = valueLines[valueLines.length - 1]!.length;
    const headerLine = ctx.lines.linePos(start).line;
    const sourceLine = headerLine + valueLines.length;
    const sourceText = ctx.text.split(/\r?\n/)[sourceLine - 1] ?? '';
    const valueLine = value.split('\n')[valueLines.length - 1] ?? '';
    return { file: ctx.file, line: sourceLine, column: sourceText.length - valueLine.length + column + 1 };
  }
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  const written = ctx.text.slice(start, end);
  const inner = quoted ? written.slice(1, -1) : written;
  return inner === value ? locationOfOffset(ctx, start + (quoted ? 1 : 0) + index) : locationOf(ctx, node);
}

// ---------------------------------------------------------------------------------------------
// Generic readers

function yamlTypeName(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'a string';
}

function resolved(ctx: Context, node: Node | null | undefined): Node | null {
  if (node === undefined || node === null) return null;
  if (isAlias(node)) return (node.resolve(ctx.doc) as Node | undefined) ?? null;
  return node;
}

/** Where a node's tag is written: YAML ranges start after the tag (and any anchor). */
function tagLocation(ctx: Context, node: Node): SourceLocation {
  const start = node.range?.[0] ?? 0;
  const tag = /!\S*\s+(?:&\S+\s+)?$/.exec(ctx.text.slice(Math.max(0, start - 200), start));
  return tag === null ? locationOf(ctx, node) : locationOfOffset(ctx, Math.max(0, start - 200) + tag.index);
}

function checkNoTag(ctx: Context, node: Node, path: string): void {
  if (node.tag === undefined || node.tag === STRING_TAG) return;
  const problem =
    node.tag === REGEX_TAG || node.tag === EXACT_TAG
      ? `${node.tag} goes on a single string that is a matcher (a response reason, header or body), not on ${path}`
      : `unknown tag ${node.tag} on ${path} (only matchers take tags: !re and !exact)`;
  fail(ctx, 'UNKNOWN_TAG', tagLocation(ctx, node), problem);
}

function isMissingScalar(node: Node): boolean {
  return isScalar(node) && node.type === 'PLAIN' && node.value === '' && node.range?.[0] === node.range?.[1];
}

function wrongType(ctx: Context, node: Node | null, at: Node, path: string, wanted: string): never {
  const written = node === null ? '' : ctx.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  const hint = isMap(node) && written.trimStart().startsWith('{') ? FLOW_MAP_HINT : '';
  return fail(ctx, 'WRONG_TYPE', node ?? at, `${path} must be ${wanted}, not ${yamlTypeName(node)}${hint}`);
}

/** A string value; `""` is allowed, a key with no value at all is not. */
function readString(ctx: Context, raw: Node | null, at: Node, path: string): string {
  const node = resolved(ctx, raw);
  if (node === null || isMissingScalar(node)) {
    return fail(ctx, 'MISSING_VALUE', node ?? at, `${path} has no value (write "" for an empty string)`);
  }
  if (!isScalar(node)) return wrongType(ctx, node, at, path, 'a string');
  checkNoTag(ctx, node, path);
  return String(node.value);
}

/** The entries of a mapping; with `allowed`, any other key is an error. */
function readMapping(
  ctx: Context,
  raw: Node | null,
  at: Node | null,
  path: string,
  allowed?: readonly string[],
): Map<string, Entry> {
  const node = resolved(ctx, raw);
  if (node === null || !isMap(node)) {
    if (node === null && at === null) fail(ctx, 'WRONG_TYPE', null, `a fixture must be a mapping with the keys ${TOP_KEYS.join(', ')}`);
    if (node !== null && isMissingScalar(node)) fail(ctx, 'MISSING_VALUE', at ?? node, `${path} has no value`);
    return wrongType(ctx, node, (node ?? at)!, path, 'a mapping');
  }
  checkNoTag(ctx, node, path);
  const entries = new Map<string, Entry>();
  for (const pair of node.items) {
    const key = resolved(ctx, pair.key as Node | null);
    if (key === null || !isScalar(key)) return fail(ctx, 'WRONG_TYPE', key ?? node, `the keys of ${path} must be strings`);
    const name = String(key.value);
    checkNoTag(ctx, key, `the key '${name}' of ${path}`);
    if (allowed !== undefined && !allowed.includes(name)) {
      fail(ctx, 'UNKNOWN_KEY', key, `unknown key '${name}' in ${path} (expected one of: ${allowed.join(', ')})`);
    }
    entries.set(name, { key, value: pair.value as Node | null });
  }
  return entries;
}

function requireEntry(ctx: Context, entries: Map<string, Entry>, key: string, at: Node | null, path: string): Entry {
  const entry = entries.get(key);
  if (entry === undefined) return fail(ctx, 'MISSING_KEY', at, `${path} has no '${key}'`);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// The fixture

function readFixture(ctx: Context, contents: Node | null): Fixture {
  const top = readMapping(ctx, contents, null, 'the fixture', TOP_KEYS);
  const whyEntry = requireEntry(ctx, top, 'why', contents, 'the fixture');
  const why = readString(ctx, whyEntry.value, whyEntry.key, 'why');
  if (why.trim() === '') fail(ctx, 'MISSING_VALUE', whyEntry.value ?? whyEntry.key, 'why is empty: say why the fixture exists');
  const level = readLevel(ctx, top.get('level'));
  const requestEntry = requireEntry(ctx, top, 'request', contents, 'the fixture');
  const request = readRequest(ctx, requestEntry);
  const responseEntry = top.get('response');
  const fixture: Fixture = level === undefined ? { file: ctx.file, why, request } : { file: ctx.file, why, level, request };
  if (responseEntry === undefined) return fixture;
  return { ...fixture, response: readResponse(ctx, responseEntry) };
}

/** `level: must` or `level: should`; undefined when the key is left out (which means must). */
function readLevel(ctx: Context, entry: Entry | undefined): RequirementLevel | undefined {
  if (entry === undefined) return undefined;
  const value = readString(ctx, entry.value, entry.key, 'level');
  const known = LEVELS.find((level) => level === value);
  if (known === undefined) fail(ctx, 'BAD_VALUE', entry.value ?? entry.key, `level must be ${LEVELS.join(' or ')}, not ${JSON.stringify(value)}`);
  return known;
}

// ---------------------------------------------------------------------------------------------
// The request

function readRequest(ctx: Context, entry: Entry): RequestSpec {
  const node = resolved(ctx, entry.value);
  const fields = readMapping(ctx, node, entry.key, 'request', REQUEST_KEYS);
  const raw = fields.get('raw');
  if (raw !== undefined) {
    const other = [...fields.entries()].find(([key]) => key !== 'raw');
    if (other !== undefined) {
      fail(ctx, 'CONFLICTING_KEYS', other[1].key, `request has both 'raw' and '${other[0]}': write the request either as raw text or field by field`);
    }
    return { kind: 'raw', raw: readRawText(ctx, raw) };
  }
  if (!fields.has('method')) fail(ctx, 'MISSING_KEY', node, "request needs either 'raw', or 'method' and 'target'");
  const method = readNonEmpty(ctx, requireEntry(ctx, fields, 'method', node, 'request'), 'request.method');
  const target = readNonEmpty(ctx, requireEntry(ctx, fields, 'target', node, 'request'), 'request.target');
  const versionEntry = fields.get('version');
  const version = versionEntry === undefined ? 'HTTP/1.1' : readNonEmpty(ctx, versionEntry, 'request.version');
  const headersEntry = fields.get('headers');
  const headers = headersEntry === undefined ? [] : readRequestHeaders(ctx, headersEntry);
  const bodyEntry = fields.get('body');
  const body = bodyEntry === undefined ? '' : readString(ctx, bodyEntry.value, bodyEntry.key, 'request.body');
  return { kind: 'structured', method, target, version, headers, body };
}

function readNonEmpty(ctx: Context, entry: Entry, path: string): string {
  const value = readString(ctx, entry.value, entry.key, path);
  if (value === '') fail(ctx, 'MISSING_VALUE', entry.value ?? entry.key, `${path} is empty (use 'raw' to send a malformed request line)`);
  return value;
}

function readRawText(ctx: Context, entry: Entry): string {
  const node = resolved(ctx, entry.value);
  if (node !== null && isScalar(node) && node.type === 'QUOTE_DOUBLE') {
    fail(ctx, 'DOUBLE_QUOTED_RAW', node, "request.raw must not be double-quoted, as YAML would decode its escapes before wirecheck does: use a block (raw: |) or single quotes");
  }
  const text = readString(ctx, node, entry.key, 'request.raw');
  for (const token of tokenizeRawText(text)) {
    if (token.kind === 'bad-escape') {
      fail(ctx, 'BAD_ESCAPE', locationInScalar(ctx, node as Scalar, text, token.index), `unknown escape '${token.text}' in request.raw (known: \\r \\n \\t \\0 \\\\ \\xNN)`);
    }
    if (token.kind === 'placeholder' && token.name === 'body-length') {
      fail(ctx, 'PLACEHOLDER_NOT_ALLOWED', locationInScalar(ctx, node as Scalar, text, token.index), '{body-length} has no value in request.raw: write the Content-Length yourself');
    }
  }
  return text;
}

function readRequestHeaders(ctx: Context, entry: Entry): [string, string][] {
  const node = resolved(ctx, entry.value);
  if (node !== null && isSeq(node)) {
    checkNoTag(ctx, node, 'request.headers');
    return node.items.map((item, i) => readHeaderItem(ctx, resolved(ctx, item as Node | null), node, `request.headers[${i + 1}]`));
  }
  const fields = readMapping(ctx, node, entry.key, 'request.headers');
  return [...fields.entries()].map(([name, field]) => [name, readString(ctx, field.value, field.key, `request header ${name}`)]);
}

/** A list item: `"Name: value"`, or a one-entry mapping `Name: value`. */
function readHeaderItem(ctx: Context, item: Node | null, list: Node, path: string): [string, string] {
  if (item !== null && isMap(item)) {
    const fields = [...readMapping(ctx, item, list, path).entries()];
    if (fields.length !== 1) fail(ctx, 'BAD_HEADER', item, `${path} must be one "Name: value", not ${fields.length} entries`);
    const [name, field] = fields[0]!;
    return [name, readString(ctx, field.value, field.key, `request header ${name}`)];
  }
  const line = readString(ctx, item, list, path);
  const colon = line.indexOf(':');
  if (colon <= 0) {
    fail(ctx, 'BAD_HEADER', item ?? list, `${path} is not "Name: value": ${JSON.stringify(line)} (write malformed header lines with 'raw')`);
  }
  return [line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+/, '')];
}

// ---------------------------------------------------------------------------------------------
// The expected response

function readResponse(ctx: Context, entry: Entry): ExpectedResponse {
  const node = resolved(ctx, entry.value);
  const fields = readMapping(ctx, node, entry.key, 'response', RESPONSE_KEYS);
  const locations = new Map<string, SourceLocation>();
  const statusEntry = requireEntry(ctx, fields, 'status', node, 'response');
  const status = readStatus(ctx, statusEntry);
  locations.set('status', locationOf(ctx, statusEntry.value ?? statusEntry.key));
  const headers = readExpectedHeaders(ctx, fields.get('headers'), locations);
  const whitespace = readBodyTrailingWhitespace(ctx, fields.get('body-trailing-whitespace'));
  let reason: Matcher | undefined;
  let body: Matcher | undefined;
  const reasonEntry = fields.get('reason');
  if (reasonEntry !== undefined) {
    reason = readMatcher(ctx, reasonEntry.value, reasonEntry.key, 'response.reason', false);
    locations.set('reason', locationOf(ctx, reasonEntry.value ?? reasonEntry.key));
  }
  const bodyEntry = fields.get('body');
  if (bodyEntry !== undefined) {
    body = readMatcher(ctx, bodyEntry.value, bodyEntry.key, 'response.body', false);
    locations.set('body', locationOf(ctx, bodyEntry.value ?? bodyEntry.key));
  }
  return { status, reason, headers, body, bodyTrailingWhitespace: whitespace, locations };
}

function readStatus(ctx: Context, entry: Entry): StatusMatcher {
  const node = resolved(ctx, entry.value);
  if (node !== null && isSeq(node)) {
    if (node.items.length === 0) fail(ctx, 'BAD_STATUS', node, 'response.status is an empty list, which no status matches');
    return statusOneOf(...node.items.map((item) => readSingleStatus(ctx, resolved(ctx, item as Node | null), node)));
  }
  return readSingleStatus(ctx, node, entry.key);
}

function readSingleStatus(ctx: Context, node: Node | null, at: Node): SingleStatusMatcher {
  const text = node !== null && isScalar(node) ? readString(ctx, node, at, 'response.status') : undefined;
  const status = text === undefined ? undefined : maybeSingleStatusMatcher(text);
  if (status === undefined) {
    const shown = text === undefined ? yamlTypeName(node) : JSON.stringify(text);
    fail(ctx, 'BAD_STATUS', node ?? at, `response.status must be a code like 200, a class like 4xx, a range like 400-431, close (no response at all), or a list of those; got ${shown}`);
  }
  return status;
}

function readExpectedHeaders(ctx: Context, entry: Entry | undefined, locations: Map<string, SourceLocation>): ExpectedHeader[] {
  if (entry === undefined) return [];
  const fields = readMapping(ctx, entry.value, entry.key, 'response.headers');
  const seen = new Map<string, string>();
  const headers: ExpectedHeader[] = [];
  for (const [name, field] of fields) {
    if (!FIELD_NAME.test(name)) fail(ctx, 'BAD_HEADER', field.key, `response header name ${JSON.stringify(name)} is not a valid field name`);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) fail(ctx, 'DUPLICATE_HEADER', field.key, `response header '${name}' is already expected as '${earlier}' (names are case-insensitive)`);
    seen.set(name.toLowerCase(), name);
    headers.push({ name, matcher: readMatcher(ctx, field.value, field.key, `response header ${name}`, true) });
    locations.set(headerField(name), locationOf(ctx, field.key));
  }
  return headers;
}

function readBodyTrailingWhitespace(ctx: Context, entry: Entry | undefined): BodyTrailingWhitespace {
  if (entry === undefined) return 'exact';
  const value = readString(ctx, entry.value, entry.key, 'response.body-trailing-whitespace');
  const known = BODY_TRAILING_WHITESPACE.find((option) => option === value);
  if (known === undefined) {
    fail(ctx, 'BAD_VALUE', entry.value ?? entry.key, `response.body-trailing-whitespace must be ${BODY_TRAILING_WHITESPACE.join(' or ')}, not ${JSON.stringify(value)}`);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------
// Matchers

function readMatcher(ctx: Context, raw: Node | null, at: Node, path: string, allowAbsent: boolean): Matcher {
  const node = resolved(ctx, raw);
  if (node === null || isMissingScalar(node)) {
    return fail(ctx, 'MISSING_VALUE', node ?? at, `${path} has no value (write "" for an empty value, <any> for any value)`);
  }
  if (isSeq(node)) return readOneOf(ctx, node, path, allowAbsent);
  if (isMap(node)) return readMatcherMapping(ctx, node, path);
  return readMatcherScalar(ctx, node as Scalar, path, allowAbsent);
}

function readOneOf(ctx: Context, node: YAMLSeq, path: string, allowAbsent: boolean): Matcher {
  checkNoTag(ctx, node, path);
  if (node.items.length === 0) fail(ctx, 'WRONG_TYPE', node, `${path} is an empty list, which matches nothing`);
  return oneOf(...node.items.map((item) => readMatcher(ctx, item as Node | null, node, path, allowAbsent)));
}

function readMatcherScalar(ctx: Context, node: Scalar, path: string, allowAbsent: boolean): Matcher {
  const text = String(node.value);
  if (node.tag === REGEX_TAG) return compileRegex(ctx, node, text, '', path);
  if (node.tag === EXACT_TAG) return exact(text);
  checkNoTag(ctx, node, path);
  if (!looksLikeNamedMatcher(text)) return exact(text);
  const named = NAMED_MATCHERS.get(text.slice(1, -1));
  if (named === undefined) {
    const known = [...NAMED_MATCHERS.keys()].map((name) => `<${name}>`).join(', ');
    fail(ctx, 'UNKNOWN_MATCHER', node, `unknown matcher ${text} in ${path} (known: ${known}; write !exact '${text}' for the literal text)`);
  }
  if (named.kind === 'absent' && !allowAbsent) fail(ctx, 'MATCHER_NOT_ALLOWED', node, `${path} is always present, so it cannot be <absent>`);
  return named;
}

function readMatcherMapping(ctx: Context, node: Node, path: string): Matcher {
  const fields = readMapping(ctx, node, node, path);
  const keys = [...fields.keys()].sort().join(',');
  if (keys === 'contains') {
    const entry = fields.get('contains')!;
    return contains(readString(ctx, entry.value, entry.key, `${path} contains`));
  }
  if (keys === 'regex' || keys === 'flags,regex') {
    const entry = fields.get('regex')!;
    const source = readString(ctx, entry.value, entry.key, `${path} regex`);
    const flagsEntry = fields.get('flags');
    const flags = flagsEntry === undefined ? '' : readString(ctx, flagsEntry.value, flagsEntry.key, `${path} flags`);
    const at = flagsEntry !== undefined && !isSupportedRegexFlags(flags) ? flagsEntry.value : entry.value;
    return compileRegex(ctx, at ?? entry.key, source, flags, path);
  }
  const written = ctx.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0).trim();
  const hint = written.startsWith('{') && [...fields.values()].every((entry) => entry.value === null || isMissingScalar(entry.value)) ? FLOW_MAP_HINT : '';
  return fail(ctx, 'UNKNOWN_MATCHER', node, `${path} is not a matcher: a matcher mapping is {contains: text} or {regex: pattern, flags: i}${hint}`);
}

function compileRegex(ctx: Context, at: Node, source: string, flags: string, path: string): Matcher {
  try {
    return regex(source, flags);
  } catch (error) {
    return fail(ctx, 'BAD_REGEX', at, `bad regular expression in ${path}: ${(error as Error).message}`);
  }
}
