import { authorityOf } from '../fixture/placeholders.js';
import { headerValues, maybeHeader, serializeRequest, type HeaderField, type Headers, type Response } from '../http1/index.js';
import { HarnessError } from './harness-errors.js';
import { prepared } from './prepared-request.js';
import type { Scenario } from './scenario.js';

// What the target does beyond the minimum HTTP asks of it — validators, conditional requests,
// byte ranges — found out by asking it, each probe a GET of its GET path on a connection of its
// own. A scenario gated on one is n/a, with the reason, where the target lacks it; the probed
// response is also what the scenario's later answers are compared with.

/** What the target's GET path answered a plain GET with: the representation, and its fields. */
export interface Representation {
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  /** The content (chunked coding undone); no Accept-Encoding is sent, so no content coding either. */
  readonly body: Buffer;
}

/** The validator and date fields a gate can ask the GET response to carry. */
export const PROBED_FIELDS = ['ETag', 'Last-Modified', 'Date'] as const;
export type ProbedField = (typeof PROBED_FIELDS)[number];

/** The conditional request fields a gate can ask the target to evaluate, each sent with the validator it compares. */
const CONDITIONS = { 'If-None-Match': 'ETag', 'If-Modified-Since': 'Last-Modified' } as const;
export type Condition = keyof typeof CONDITIONS;

/** Each scenario's representation, probed once. */
const probed = new WeakMap<Scenario, Representation>();

/** The representation, probed on first use: undefined (and the scenario n/a) when the GET path did not answer 2xx. */
export async function representation(scenario: Scenario): Promise<Representation | undefined> {
  const known = probed.get(scenario);
  if (known !== undefined) return known;
  const response = await probe(scenario, [], 'the representation later answers are compared with');
  const path = scenario.target.target.capabilities.paths.get;
  if (response.status < 200 || response.status > 299) {
    scenario.notApplicableBecause(`GET ${path} answered ${response.status}, not 2xx: no representation to judge conditions or ranges on`);
    return undefined;
  }
  const found: Representation = { path, status: response.status, headers: response.headers, body: response.body };
  probed.set(scenario, found);
  return found;
}

/** The representation a gate step probed; a step that judges by it without one is a harness error. */
export function knownRepresentation(scenario: Scenario): Representation {
  const found = probed.get(scenario);
  if (found === undefined) throw new HarnessError("the target's GET response was not probed: the scenario needs a gate step (e.g. `the target serves byte ranges`) first");
  return found;
}

/** Why the scenario is n/a when the GET response lacks `field`, or undefined when it has one. */
export async function maybeLackingField(scenario: Scenario, field: ProbedField): Promise<string | undefined> {
  const got = await probedField(scenario, field);
  return typeof got === 'string' ? got : undefined;
}

/** Why the scenario is n/a when the GET response has no strong ETag (If-Range compares strongly, RFC 9110 §13.1.5). */
export async function maybeLackingStrongEtag(scenario: Scenario): Promise<string | undefined> {
  const got = await probedField(scenario, 'ETag');
  if (typeof got === 'string') return got;
  return isWeak(got.value) ? `GET ${got.path} carries a weak ETag (${got.value}), which If-Range never matches` : undefined;
}

/**
 * Why the scenario is n/a when the target does not evaluate `condition`: a GET naming the
 * representation's own validator in it did not get 304. Undefined when it did.
 */
export async function maybeNotEvaluating(scenario: Scenario, condition: Condition): Promise<string | undefined> {
  const validator = CONDITIONS[condition];
  const got = await probedField(scenario, validator);
  if (typeof got === 'string') return got;
  const { status } = await probe(scenario, [[condition, got.value]], `does it evaluate ${condition}?`);
  return status === 304 ? undefined : `GET ${got.path} with ${condition} naming its own ${validator} got ${status}, not 304: the target does not evaluate ${condition} there`;
}

/** The ranges scenarios ask for end by byte 9: a shorter representation would make some unsatisfiable. */
const MIN_RANGED_BYTES = 10;

/** Why the scenario is n/a when a GET with `Range: bytes=0-0` is not answered 206 (RFC 9110 §14.2: a server MAY ignore Range). */
export async function maybeNoRanges(scenario: Scenario): Promise<string | undefined> {
  const found = await representation(scenario);
  if (found === undefined) return 'no representation';
  if (found.body.length < MIN_RANGED_BYTES) return `GET ${found.path} has ${found.body.length} bytes of content, too few for the ranges asked (${MIN_RANGED_BYTES} needed)`;
  const { status } = await probe(scenario, [['Range', 'bytes=0-0']], 'does it serve byte ranges?');
  return status === 206 ? undefined : `GET ${found.path} with Range: bytes=0-0 got ${status}, not 206: the target does not serve byte ranges of it`;
}

/** The representation's `field` and its path, or why the scenario is n/a without it. */
async function probedField(scenario: Scenario, field: ProbedField): Promise<{ path: string; value: string } | string> {
  const found = await representation(scenario);
  if (found === undefined) return 'no representation';
  const value = maybeHeader(found.headers, field);
  return value === undefined ? `GET ${found.path} carries no ${field}` : { path: found.path, value };
}

/** One GET of the GET path with `extra` fields, on a connection of its own, and its response. */
async function probe(scenario: Scenario, extra: readonly HeaderField[], why: string): Promise<Response> {
  const { exchanges, expect, target } = scenario;
  const path = target.target.capabilities.paths.get;
  const bytes = serializeRequest({ method: 'GET', target: path, headers: [['Host', authorityOf(target.target)], ...extra] });
  await exchanges.newConnection();
  exchanges.prepare(prepared(bytes, `probe: GET ${path}${extra.map(([name, value]) => ` with ${name}: ${value}`).join('')} (${why})`));
  await exchanges.send();
  await exchanges.newConnection();
  // No response is a failed check at the scenario's level, which throws and ends the scenario.
  const received = expect.response(exchanges.last, `the probe GET ${path} got a response`);
  if (received === undefined) throw new HarnessError(`the probe GET ${path} got no response`);
  return received.response;
}

// --- The probed values in a request ---------------------------------------------------------

/**
 * The marks a fixture writes where the probed values go, and how each is made of the
 * representation's fields: `{etag}` as sent, `{weak-etag}` with `W/`, `{strong-etag}` without,
 * `{last-modified}` and `{date}` as sent.
 */
const MARKS: Readonly<Record<string, { field: ProbedField; form: (value: string) => string }>> = {
  '{etag}': { field: 'ETag', form: (value) => value },
  '{weak-etag}': { field: 'ETag', form: (value) => (isWeak(value) ? value : `W/${value}`) },
  '{strong-etag}': { field: 'ETag', form: (value) => (isWeak(value) ? value.slice(2) : value) },
  '{last-modified}': { field: 'Last-Modified', form: (value) => value },
  '{date}': { field: 'Date', form: (value) => value },
};
const MARK = /\{(?:etag|weak-etag|strong-etag|last-modified|date)\}/g;

/** `bytes` with each mark replaced by its value; a mark whose field the representation lacks is a harness error (a gate is missing). */
export function withProbedValues(bytes: Buffer, found: Representation, label: string): Buffer {
  const text = bytes.toString('latin1').replace(MARK, (mark) => {
    const { field, form } = MARKS[mark]!;
    const value = maybeHeader(found.headers, field);
    if (value === undefined) throw new HarnessError(`${label} uses ${mark}, but GET ${found.path} carries no ${field}: the scenario needs the gate step for it`);
    return form(value);
  });
  return Buffer.from(text, 'latin1');
}

function isWeak(etag: string): boolean {
  return etag.startsWith('W/');
}

// --- Byte ranges (RFC 9110 §14) -------------------------------------------------------------

/** First and last byte positions, both included. */
export interface ByteRange {
  readonly first: number;
  readonly last: number;
}

/** `bytes=` followed by the range-set, the unit in any case (RFC 9110 §14.1: range units are case-insensitive). */
const BYTES_RANGES = /^bytes=(.*)$/is;
const RANGE_SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/**
 * The satisfiable ranges a `Range` value asks of a representation of `length` bytes, in the
 * order asked, each clipped to the representation (RFC 9110 §14.1.2); undefined when the value
 * is not a valid bytes ranges-specifier. Empty list elements are skipped (§5.6.1).
 */
export function requestedRanges(value: string, length: number): ByteRange[] | undefined {
  const set = BYTES_RANGES.exec(value.trim());
  if (set === null) return undefined;
  const ranges: ByteRange[] = [];
  let specs = 0;
  for (const element of set[1]!.split(',')) {
    const spec = element.trim();
    if (spec === '') continue;
    specs++;
    const found = RANGE_SPEC.exec(spec);
    if (found === null) return undefined;
    const [, firstText, lastText, suffixText] = found;
    if (suffixText !== undefined) {
      const suffix = Number(suffixText);
      if (suffix > 0 && length > 0) ranges.push({ first: Math.max(0, length - suffix), last: length - 1 });
      continue;
    }
    const first = Number(firstText);
    const last = lastText === '' ? Infinity : Number(lastText);
    if (last < first) return undefined;
    if (first < length) ranges.push({ first, last: Math.min(last, length - 1) });
  }
  return specs === 0 ? undefined : ranges;
}

/** What is wrong with `response` as the whole representation, unranged: a 200 with every byte of it. */
export function wholeAnswerProblem(response: Response, representation: Buffer): string | undefined {
  if (response.status !== 200) return `status ${response.status}, not 200 with the whole representation`;
  return sameContent(response.body, representation) ? undefined : `the 200 is not the whole representation: ${response.body.length} bytes, where GET answered ${representation.length}`;
}

/**
 * What is wrong with `response` as the answer to a GET of `representation` with the `Range`
 * value `asked`, or undefined: a 200 holds the whole representation; a 206 holds one part
 * (Content-Range) or a multipart/byteranges of parts (RFC 9110 §15.3.7), each part exactly
 * those bytes of the representation, together covering every byte asked and none outside the
 * asked span (a server may coalesce ranges and the gaps between them). Other statuses are the
 * fixture's to judge.
 */
export function rangeAnswerProblem(response: Response, representation: Buffer, asked: string): string | undefined {
  if (response.status === 200) return wholeAnswerProblem(response, representation);
  if (response.status !== 206) return undefined;
  const ranges = requestedRanges(asked, representation.length);
  if (ranges === undefined || ranges.length === 0) return `a 206 to Range: ${asked}, which asks no satisfiable range`;
  const parts = partsOf(response);
  if (typeof parts === 'string') return parts;
  for (const part of parts) {
    const problem = partProblem(part, representation);
    if (problem !== undefined) return problem;
  }
  const from = Math.min(...ranges.map((r) => r.first));
  const to = Math.max(...ranges.map((r) => r.last));
  const outside = parts.find((p) => p.range.first < from || p.range.last > to);
  if (outside !== undefined) return `a part holds bytes ${outside.range.first}-${outside.range.last}, outside the ${from}-${to} asked`;
  const uncovered = ranges.find((r) => !covered(r, parts.map((p) => p.range)));
  return uncovered === undefined ? undefined : `no part holds bytes ${uncovered.first}-${uncovered.last}, which were asked`;
}

interface Part {
  readonly contentRange: string;
  readonly range: ByteRange;
  readonly content: Buffer;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/i;

/** The parts of a 206: its own Content-Range and content, or each part of its multipart/byteranges. */
function partsOf(response: Response): Part[] | string {
  const type = maybeHeader(response.headers, 'Content-Type') ?? '';
  if (/^multipart\/byteranges\b/i.test(type)) {
    const boundary = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(type);
    if (boundary === null) return `a multipart/byteranges Content-Type without a boundary: ${type}`;
    return multipartParts(response.body, boundary[1] ?? boundary[2]!);
  }
  const values = headerValues(response.headers, 'Content-Range');
  if (values.length !== 1) return values.length === 0 ? 'a single-part 206 without Content-Range' : `a 206 with ${values.length} Content-Range fields`;
  const single = part(values[0]!, response.body);
  return typeof single === 'string' ? single : [single];
}

function part(contentRange: string, content: Buffer): Part | string {
  const found = CONTENT_RANGE.exec(contentRange.trim());
  if (found === null) return `Content-Range ${JSON.stringify(contentRange)} is not "bytes first-last/length"`;
  return { contentRange, range: { first: Number(found[1]), last: Number(found[2]) }, content };
}

/** The parts of a multipart/byteranges body (RFC 9110 §14.6): delimiters, each part's fields, its content. */
export function multipartParts(body: Buffer, boundary: string): Part[] | string {
  const text = `\r\n${body.toString('latin1')}`;
  const pieces = text.split(`\r\n--${boundary}`);
  const parts: Part[] = [];
  // pieces[0] is the preamble; a piece that starts with `--` is the close-delimiter's.
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) return parts.length === 0 ? 'a multipart/byteranges without parts' : parts;
    const fieldsStart = piece.indexOf('\r\n');
    const fieldsEnd = piece.indexOf('\r\n\r\n', fieldsStart);
    if (fieldsStart === -1 || fieldsEnd === -1) return 'a multipart/byteranges part without its empty line';
    const fields = piece.slice(fieldsStart + 2, fieldsEnd).split('\r\n');
    const contentRange = fields.find((line) => /^content-range:/i.test(line))?.replace(/^content-range:\s*/i, '');
    if (contentRange === undefined) return 'a multipart/byteranges part without Content-Range';
    const made = part(contentRange, Buffer.from(piece.slice(fieldsEnd + 4), 'latin1'));
    if (typeof made === 'string') return made;
    parts.push(made);
  }
  return 'a multipart/byteranges without its close-delimiter';
}

function partProblem({ contentRange, range, content }: Part, representation: Buffer): string | undefined {
  const complete = /\/(\d+|\*)$/.exec(contentRange.trim())?.[1];
  if (complete !== '*' && Number(complete) !== representation.length) return `Content-Range ${contentRange} gives a length other than the representation's ${representation.length} bytes`;
  if (range.last < range.first || range.last >= representation.length) return `Content-Range ${contentRange} is not a range of the ${representation.length}-byte representation`;
  return sameContent(content, representation.subarray(range.first, range.last + 1)) ? undefined : `the part ${contentRange} does not hold those bytes of the representation (${content.length} bytes came)`;
}

function covered(range: ByteRange, parts: readonly ByteRange[]): boolean {
  for (let at = range.first; at <= range.last; ) {
    const holder = parts.find((p) => p.first <= at && at <= p.last);
    if (holder === undefined) return false;
    at = holder.last + 1;
  }
  return true;
}

function sameContent(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && a.equals(b);
}
