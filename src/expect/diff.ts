import { diffArrays } from 'diff';
import { ABSENT_VALUE, type ActualResponse, type CompareOptions, type Mismatch } from './compare.js';
import { formatLocation, headerField, type ExpectedHeader, type ExpectedResponse } from '../fixture/fixture.js';
import { describe, type Matcher } from './matchers.js';
import { describeStatus } from './status-matcher.js';
import { visibleBytes, visibleLine } from './visible.js';

/**
 * A unified-style diff of the expected transcript (matchers described, as the fixture writes
 * them) against the actual response, for the report. A line pairs with its counterpart when
 * its field met the expectation, so `Date: <http-date>` against a real date is not a
 * difference; only fields named in `mismatches` show as `-`/`+`.
 */

export interface DiffOptions extends CompareOptions {
  /** Unchanged lines shown around each change. Default 3. */
  readonly context?: number;
  /** Shown after `--- expected`, e.g. the fixture's file. */
  readonly expectedLabel?: string;
}

/** One line of a transcript. `field` pairs lines across the two sides. */
interface TranscriptLine {
  readonly field: string;
  readonly text: string;
  /** Expected side: the field met its expectation, so it pairs with any actual line of the same field. */
  readonly met: boolean;
}

interface DiffOp {
  readonly sign: ' ' | '-' | '+';
  readonly text: string;
}

const START_LINE = 'start-line';
const BLANK = 'blank';
const BODY = 'body';
const SUMMARY_VALUE_LIMIT = 120;

export function renderDiff(expected: ExpectedResponse, actual: ActualResponse, mismatches: readonly Mismatch[], options: DiffOptions = {}): string {
  if (mismatches.length === 0) return 'The response meets every expectation of the fixture.\n';
  const failed = new Set(mismatches.map((mismatch) => mismatch.field));
  const ignoreTrailing = options.ignoreBodyTrailingWhitespace === true || expected.bodyTrailingWhitespace === 'ignore';
  const expectedLines = expectedTranscript(expected, actual, failed, ignoreTrailing);
  const actualLines = actualTranscript(actual, ignoreTrailing);
  const ops = pairLines(expectedLines, actualLines);
  const label = options.expectedLabel === undefined ? 'expected' : `expected (${options.expectedLabel})`;
  return [summary(mismatches), `--- ${label}`, '+++ actual', ...hunks(ops, options.context ?? 3), ''].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Summary

function summary(mismatches: readonly Mismatch[]): string {
  const noun = mismatches.length === 1 ? 'mismatch' : 'mismatches';
  const lines = mismatches.map((mismatch) => {
    const at = mismatch.at === undefined ? '' : `  (${formatLocation(mismatch.at)})`;
    const got = mismatch.field === 'status' ? mismatch.actual : shownValue(mismatch.actual);
    return `  ${mismatch.field}: expected ${truncated(mismatch.expected)}, got ${got}${at}`;
  });
  return [`${mismatches.length} ${noun}:`, ...lines, ''].join('\n');
}

function shownValue(actual: string): string {
  if (actual === ABSENT_VALUE || actual.startsWith('hex: ')) return truncated(actual);
  return `"${truncated(visibleLine(actual))}"`;
}

function truncated(text: string): string {
  return text.length <= SUMMARY_VALUE_LIMIT ? text : `${text.slice(0, SUMMARY_VALUE_LIMIT)}…`;
}

// ---------------------------------------------------------------------------------------------
// The two transcripts

function versionText(actual: ActualResponse): string {
  return actual.version === undefined ? 'HTTP/1.1' : `HTTP/${actual.version.major}.${actual.version.minor}`;
}

function headerLine(name: string, value: string): string {
  return `${name}: ${visibleLine(value)}`;
}

function bodyLines(body: Buffer, ignoreTrailing: boolean): string[] {
  const bytes = ignoreTrailing ? trimmedEnd(body) : body;
  const lines = visibleBytes(bytes).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The body without trailing whitespace when it is UTF-8 text; other bytes are left alone. */
function trimmedEnd(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c].includes(body[end - 1]!)) end -= 1;
  return body.subarray(0, end);
}

function actualTranscript(actual: ActualResponse, ignoreTrailing: boolean): TranscriptLine[] {
  return [
    { field: START_LINE, text: `${versionText(actual)} ${actual.status} ${visibleLine(actual.reason)}`, met: true },
    ...actual.headers.map(([name, value]) => ({ field: `header ${name.toLowerCase()}`, text: headerLine(name, value), met: true })),
    { field: BLANK, text: '', met: true },
    ...bodyLines(actual.body, ignoreTrailing).map((text) => ({ field: BODY, text, met: true })),
  ];
}

function expectedTranscript(expected: ExpectedResponse, actual: ActualResponse, failed: ReadonlySet<string>, ignoreTrailing: boolean): TranscriptLine[] {
  // An unchecked reason reads as the actual one only where the status matched; else "400 Created" would mislead.
  const unchecked = failed.has('status') ? '<any>' : visibleLine(actual.reason);
  const reason = expected.reason === undefined ? unchecked : describe(expected.reason);
  const startLine = `${versionText(actual)} ${describeStatus(expected.status)} ${reason}`;
  return [
    { field: START_LINE, text: startLine, met: !failed.has('status') && !failed.has('reason') },
    ...expectedHeaderLines(expected.headers, actual, failed),
    { field: BLANK, text: '', met: true },
    ...expectedBodyLines(expected.body, actual.body, failed.has(BODY), ignoreTrailing),
  ];
}

/**
 * Headers in the order the response sent them: an expected header where it first appears
 * (described), headers the fixture does not mention as sent; then expected headers the
 * response lacks.
 */
function expectedHeaderLines(expectedHeaders: readonly ExpectedHeader[], actual: ActualResponse, failed: ReadonlySet<string>): TranscriptLine[] {
  const byName = new Map(expectedHeaders.map((header) => [header.name.toLowerCase(), header]));
  const described = new Set<string>();
  const lines: TranscriptLine[] = [];
  for (const [name, value] of actual.headers) {
    const key = name.toLowerCase();
    const field = `header ${key}`;
    const expectation = byName.get(key);
    const met = expectation === undefined || !failed.has(headerField(expectation.name));
    if (expectation !== undefined && !described.has(key)) {
      described.add(key);
      lines.push({ field, text: `${expectation.name}: ${describe(expectation.matcher)}`, met });
    } else if (met) {
      lines.push({ field, text: headerLine(name, value), met: true });
    }
  }
  for (const header of expectedHeaders) {
    const key = header.name.toLowerCase();
    if (described.has(key) || !failed.has(headerField(header.name))) continue;
    lines.push({ field: `header ${key}`, text: `${header.name}: ${describe(header.matcher)}`, met: false });
  }
  return lines;
}

function expectedBodyLines(matcher: Matcher | undefined, actualBody: Buffer, failed: boolean, ignoreTrailing: boolean): TranscriptLine[] {
  if (matcher === undefined || !failed) return bodyLines(actualBody, ignoreTrailing).map((text) => ({ field: BODY, text, met: true }));
  if (matcher.kind !== 'exact') return [{ field: BODY, text: describe(matcher), met: false }];
  return bodyLines(Buffer.from(matcher.value, 'utf8'), ignoreTrailing).map((text) => ({ field: BODY, text, met: false }));
}

// ---------------------------------------------------------------------------------------------
// Pairing and hunks

function pairLines(expected: TranscriptLine[], actual: TranscriptLine[]): DiffOp[] {
  const comparator = (left: TranscriptLine, right: TranscriptLine) => left.field === right.field && (left.met || left.text === right.text);
  const ops: DiffOp[] = [];
  let expectedIndex = 0;
  for (const change of diffArrays(expected, actual, { comparator })) {
    if (change.added) {
      for (const line of change.value) ops.push({ sign: '+', text: line.text });
    } else if (change.removed) {
      for (const line of change.value) ops.push({ sign: '-', text: line.text });
      expectedIndex += change.count;
    } else {
      // Common lines are shown as the fixture writes them, matchers described.
      for (const line of expected.slice(expectedIndex, expectedIndex + change.count)) ops.push({ sign: ' ', text: line.text });
      expectedIndex += change.count;
    }
  }
  return ops;
}

/** The ops grouped into `@@ -a,b +c,d @@` hunks with `context` unchanged lines around changes. */
function hunks(ops: readonly DiffOp[], context: number): string[] {
  const changed = ops.flatMap((op, index) => (op.sign === ' ' ? [] : [index]));
  const out: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) {
      i += 1;
      end = Math.min(ops.length, changed[i]! + context + 1);
    }
    out.push(hunkHeader(ops, start, end), ...ops.slice(start, end).map((op) => `${op.sign}${op.text}`));
    i += 1;
  }
  return out;
}

function hunkHeader(ops: readonly DiffOp[], start: number, end: number): string {
  const before = ops.slice(0, start);
  const inside = ops.slice(start, end);
  const count = (list: readonly DiffOp[], side: '-' | '+') => list.filter((op) => op.sign === ' ' || op.sign === side).length;
  const range = (first: number, length: number) => `${length === 0 ? first : first + 1},${length}`;
  return `@@ -${range(count(before, '-'), count(inside, '-'))} +${range(count(before, '+'), count(inside, '+'))} @@`;
}
