import { compareSections, maybeSectionRef, maybeSectionTitle, sectionLabel, sectionUrl, type SectionRef } from '../findings/rfc-sections.js';
import { countVerdicts, type Verdict, type VerdictCounts } from '../findings/verdict.js';
import { scenarioKey, type ScenarioRun } from './cucumber-messages.js';

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
  /** For a cell that did not pass: what differed first (`status: expected 505, got 200`) or why. */
  readonly difference: string | undefined;
}

export interface MatrixRow {
  /** `features/x.feature:12`. */
  readonly key: string;
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  /** The scenario's level, from its finding. */
  readonly level: string;
  /** One per target, in the targets' order. */
  readonly cells: readonly MatrixCell[];
}

export interface CellCounts extends VerdictCounts {
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

export interface MatrixOptions {
  readonly strict: boolean;
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
    const cells = targets.map((_, i) => cellOf(byTarget[i]!.get(key)));
    const level = run.finding.level;
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

function cellOf(run: ScenarioRun | undefined): MatrixCell {
  if (run === undefined) return ABSENT_CELL;
  const { verdict, difference, summary } = run.finding;
  return { verdict, passedOnRetry: verdict === 'pass' && run.attempts > 1, difference: verdict === 'pass' ? undefined : (difference ?? summary) };
}

/** Counts a column's cells. */
export function countCells(cells: readonly MatrixCell[]): CellCounts {
  const ran = cells.flatMap((cell) => (cell.verdict === 'absent' ? [] : [cell.verdict]));
  return { ...countVerdicts(ran), absent: cells.length - ran.length, retried: cells.filter((cell) => cell.passedOnRetry).length };
}

/** True when the targets do not all agree on the row (a row worth looking at). */
export function rowDiffers(row: MatrixRow): boolean {
  return new Set(row.cells.map((cell) => cell.verdict)).size > 1;
}
