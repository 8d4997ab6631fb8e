import type { ScenarioRun } from './cucumber-messages.js';
import { scenarioKey } from './matrix-failures.js';
import { compareSections, maybeSectionRef, maybeSectionTitle, sectionLabel, sectionUrl, type SectionRef } from './rfc-sections.js';
import { MUST_TAG, SHOULD_TAG, verdictOf, type Verdict, type VerdictOptions } from './verdict.js';

/**
 * The matrix of a run over several targets: one row per scenario, one column per target, rows
 * grouped by the RFC section they cite (the @seed scenarios, which cite none, under their
 * profile). Each cell is the scenario's verdict against that target and, when it did not pass,
 * the first field that differed, in a few words.
 */

/** One target's run, as the matrix needs it. */
export interface MatrixTarget {
  /** As given on the command line: `bundled`, `nginx`, `mine`. */
  readonly name: string;
  /** `the bundled server`, `127.0.0.1:8081`. */
  readonly address: string;
  /** The target's Cucumber report, relative to the matrix page: `matrix/nginx/conformance.html`. */
  readonly reportHref: string;
  /** Its per-section view, relative to the matrix page. */
  readonly sectionsHref: string;
  readonly scenarios: readonly ScenarioRun[];
  /** The first failing step's whole message per scenario (`readFailureMessages`). */
  readonly failureMessages: ReadonlyMap<string, string>;
  readonly wallMs: number;
  /** What went wrong outside any scenario (a failed BeforeAll): the run is not to be trusted. */
  readonly runProblems: readonly string[];
}

/** A target that was asked for but not run: nginx not installed, an address that does not answer. */
export interface TargetNotRun {
  readonly name: string;
  readonly reason: string;
}

/** `absent`: the scenario did not run against this target (its run stopped early). */
export type CellVerdict = Verdict | 'absent';

export interface MatrixCell {
  readonly verdict: CellVerdict;
  /** Passed, but not at the first attempt (`@slow` and `@timing` scenarios are retried once). */
  readonly passedOnRetry: boolean;
  /** For a failed or warned cell: what differed first, e.g. `status: expected 505, got 200`. */
  readonly difference: string | undefined;
}

export interface MatrixRow {
  /** `features/x.feature:12`. */
  readonly key: string;
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  /** `must` or `should`, from the scenario's level tag. */
  readonly level: string | undefined;
  /** One per target, in the targets' order. */
  readonly cells: readonly MatrixCell[];
}

export interface CellCounts {
  readonly passed: number;
  readonly failed: number;
  readonly warned: number;
  readonly skipped: number;
  readonly absent: number;
  /** Of the passed, those that passed only on retry. */
  readonly retried: number;
}

export interface MatrixSection {
  /** `@rfc9112-6.3`, or a profile tag such as `@seed`. */
  readonly tag: string;
  /** `RFC 9112 §6.3`, or the profile tag. */
  readonly label: string;
  readonly title: string | undefined;
  readonly url: string | undefined;
  readonly rows: readonly MatrixRow[];
  /** One per target. */
  readonly counts: readonly CellCounts[];
}

export interface Matrix {
  readonly targets: readonly MatrixTarget[];
  readonly notRun: readonly TargetNotRun[];
  readonly sections: readonly MatrixSection[];
  /** One per target, over every row. */
  readonly totals: readonly CellCounts[];
  /** The tag expression the suite ran with; undefined for the default selection. */
  readonly tags: string | undefined;
  readonly strict: boolean;
  readonly generatedAt: Date;
}

export interface MatrixOptions extends VerdictOptions {
  readonly tags: string | undefined;
  readonly generatedAt: Date;
}

const SEED_TITLE = "The assignment's documented cases (SPEC §1)";
const ABSENT_CELL: MatrixCell = { verdict: 'absent', passedOnRetry: false, difference: undefined };

/** Builds the matrix. Rows are the union of every target's scenarios, in RFC section order, then by file and line. */
export function buildMatrix(targets: readonly MatrixTarget[], notRun: readonly TargetNotRun[], options: MatrixOptions): Matrix {
  const scenarios = new Map<string, ScenarioRun>();
  for (const target of targets) for (const run of target.scenarios) if (!scenarios.has(scenarioKey(run))) scenarios.set(scenarioKey(run), run);
  const byTarget = targets.map((target) => new Map(target.scenarios.map((run) => [scenarioKey(run), run])));

  const groups = new Map<string, { ref: SectionRef | undefined; tag: string; rows: MatrixRow[] }>();
  for (const [key, run] of scenarios) {
    const ref = run.tags.map(maybeSectionRef).find((r) => r !== undefined);
    const tag = ref?.tag ?? run.tags[0] ?? '(no tag)';
    const cells = targets.map((target, i) => cellOf(byTarget[i]!.get(key), target.failureMessages.get(key), options));
    const level = run.tags.includes(MUST_TAG) ? 'must' : run.tags.includes(SHOULD_TAG) ? 'should' : undefined;
    const group = groups.get(tag) ?? { ref, tag, rows: [] };
    group.rows.push({ key, name: run.name, uri: run.uri, line: run.line, level, cells });
    groups.set(tag, group);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.ref !== undefined && b.ref !== undefined) return compareSections(a.ref, b.ref);
    if (a.ref !== undefined || b.ref !== undefined) return a.ref === undefined ? 1 : -1;
    return a.tag.localeCompare(b.tag);
  });
  const sections = ordered.map(({ ref, tag, rows }): MatrixSection => {
    rows.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
    return {
      tag,
      label: ref === undefined ? tag : sectionLabel(ref),
      title: ref === undefined ? (tag === '@seed' ? SEED_TITLE : undefined) : maybeSectionTitle(ref),
      url: ref === undefined ? undefined : sectionUrl(ref),
      rows,
      counts: targets.map((_, i) => countCells(rows.map((row) => row.cells[i]!))),
    };
  });
  const allRows = sections.flatMap((section) => section.rows);
  return {
    targets,
    notRun,
    sections,
    totals: targets.map((_, i) => countCells(allRows.map((row) => row.cells[i]!))),
    tags: options.tags,
    strict: options.strict,
    generatedAt: options.generatedAt,
  };
}

function cellOf(run: ScenarioRun | undefined, failureMessage: string | undefined, options: VerdictOptions): MatrixCell {
  if (run === undefined) return ABSENT_CELL;
  const verdict = verdictOf(run, options);
  const passedOnRetry = verdict === 'passed' && run.attempts > 1;
  const shown = failureMessage ?? (run.message === undefined ? undefined : run.message);
  const difference = verdict === 'failed' || verdict === 'warned' ? firstDifference(shown ?? `${run.status.toLowerCase()} step`) : undefined;
  return { verdict, passedOnRetry, difference };
}

/** Counts a column's cells. */
export function countCells(cells: readonly MatrixCell[]): CellCounts {
  const counts = { passed: 0, failed: 0, warned: 0, skipped: 0, absent: 0, retried: 0 };
  for (const cell of cells) {
    counts[cell.verdict]++;
    if (cell.passedOnRetry) counts.retried++;
  }
  return counts;
}

/** True when the targets do not all agree on the row (a row worth looking at). */
export function rowDiffers(row: MatrixRow): boolean {
  return new Set(row.cells.map((cell) => cell.verdict)).size > 1;
}

// ---------------------------------------------------------------------------------------------
// The first difference, from a failure's message

const DIFFERENCE_LIMIT = 100;
const VALUE_LIMIT = 36;
/** Quoted values that start alike keep this many of their common characters… */
const COMMON_START_KEPT = 4;
/** …when there are more than this many to drop. */
const COMMON_START_MIN = 8;
const SHOULD_PREFIX = /^(?:ShouldLevelError: )?SHOULD-level, a warning unless STRICT=1: /;
const FINDING_PREFIX = /^(?:ConformanceError|AssertionError|ShouldLevelError): /;
/** A line of the diff's summary: `  status: expected 505, got 200  (fixtures/x.yaml:10:11)`. */
const MISMATCH_LINE = /^\s+(\S[^:]*): expected (.*?), got (.*?)(?:\s{2}\([^()]*:\d+:\d+\))?$/;
/** The summary's head: `1 mismatch:`, `3 mismatches:`. */
const MISMATCH_COUNT = /^(\d+) mismatch(?:es)?:$/;
/** A pipelined batch names the response: `response 3 of 3:`. */
const POSITION = /^(response \d+ of \d+):$/;

/**
 * What differed first, in a few words, from a failing step's message: the first mismatch of
 * the harness's diff summary (`status: expected 505, got 200`, `+2 more` when there are
 * others), prefixed by the position in a pipelined batch; otherwise the message's first line
 * (`expected a response, but READ_TIMEOUT: …`) without the exception's class when it is a
 * finding. Long values are cut.
 */
export function firstDifference(message: string): string {
  const lines = message.split('\n');
  let position: string | undefined;
  let count = 0;
  for (const line of lines) {
    const head = MISMATCH_COUNT.exec(line);
    if (head !== null) {
      count = Number(head[1]);
      continue;
    }
    const at = POSITION.exec(line);
    if (at !== null) {
      position = at[1];
      continue;
    }
    const mismatch = MISMATCH_LINE.exec(line);
    if (mismatch === null) continue;
    const [, field, expected, got] = mismatch;
    const [shownExpected, shownGot] = withoutCommonStart(expected!, got!);
    const more = count > 1 ? ` (+${count - 1} more)` : '';
    return cut(`${position === undefined ? '' : `${position}: `}${field}: expected ${cut(shownExpected, VALUE_LIMIT)}, got ${cut(shownGot, VALUE_LIMIT)}${more}`, DIFFERENCE_LIMIT);
  }
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  return cut(first.replace(SHOULD_PREFIX, '').replace(FINDING_PREFIX, ''), DIFFERENCE_LIMIT);
}

/**
 * Two quoted values that start alike (`"HTTP POST Method (Success)\n\nhello"` against
 * `"HTTP POST Method (Success)\n\n"`) are shown from a few characters before they part:
 * `"…\n\nhello"` against `"…\n\n"`.
 */
function withoutCommonStart(expected: string, got: string): [string, string] {
  if (!expected.startsWith('"') || !got.startsWith('"')) return [expected, got];
  let common = 1;
  while (common < expected.length && common < got.length && expected[common] === got[common]) common++;
  const drop = common - COMMON_START_KEPT;
  if (drop <= COMMON_START_MIN) return [expected, got];
  return [`"…${expected.slice(drop)}`, `"…${got.slice(drop)}`];
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
