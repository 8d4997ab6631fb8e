import { resolve } from 'node:path';
import type { Finding } from '../findings/finding.js';
import { shortPath } from '../harness/report-text.js';
import type { RunRecord, ScenarioRun } from './cucumber-messages.js';
import type { RunJudgement } from './judgement.js';
import { fixturePlaces, PACKAGE_ROOT, type FixturePlace } from './summary-json.js';
import { countsLine, VERDICT_MARK } from './verdict-view.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How the summary names the files a run points at. */
export interface SummaryPlaces {
  /** A feature or fixture path as the run records it (relative to the package), as the reader can open it. */
  readonly shown: (path: string) => string;
  /** The fixture, and its line, that a finding's verdict rests on (summary.json names the same). */
  readonly fixtureOf: (finding: Finding) => FixturePlace | null;
}

/** Paths relative to the working folder inside it (the repository's own `features/…`), else absolute. */
export function terminalPlaces(): SummaryPlaces {
  return { shown: (path) => shortPath(resolve(PACKAGE_ROOT, path)), fixtureOf: fixturePlaces() };
}

/** The width of `✗ fail  `: a block's second line starts under the scenario's place. */
const INDENT = ' '.repeat(8);

/**
 * Two lines for a scenario that failed, warned or could not be judged: the verdict, where the
 * scenario is and its name; then the rule, the first difference (or the reason) and, for a fail
 * or a warning, the fixture's `file:line` it rests on.
 */
export function notPassingBlock(run: ScenarioRun, places: SummaryPlaces): string {
  const { verdict, rule, difference, summary } = run.finding;
  // An error's reason names what went wrong (a fixture error, its file:line:col); a fixture it merely exchanged would mislead.
  const fixture = verdict === 'error' ? null : places.fixtureOf(run.finding);
  const reason = difference ?? summary;
  const where = fixture === null ? undefined : `${places.shown(fixture.file)}${fixture.line === null ? '' : `:${fixture.line}`}`;
  const detail = [rule, reason, where].filter((part) => part !== undefined).join(' · ');
  return `${VERDICT_MARK[verdict]} ${verdict.padEnd(5)} ${places.shown(run.uri)}:${run.line} ${run.name}\n${INDENT}${detail}`;
}

/** One line per reason a scenario is not applicable, most scenarios first: the same reason is seldom news. */
function notApplicableLines(runs: readonly ScenarioRun[]): string[] {
  const byReason = new Map<string, number>();
  for (const run of runs) byReason.set(run.finding.summary ?? '', (byReason.get(run.finding.summary ?? '') ?? 0) + 1);
  return [...byReason].sort(([, a], [, b]) => b - a).map(([reason, count]) => `${VERDICT_MARK['n/a']} n/a   ${count} × ${reason}`);
}

/**
 * The closing lines of a conformance run: wall time and per-scenario median, a block per
 * scenario that failed, warned or erred (the full evidence is in the reports), the reasons
 * scenarios were not applicable with their counts, the scenarios that passed only on retry,
 * and the counts of every verdict.
 */
export function formatRunSummary(runs: readonly ScenarioRun[], wallMs: number, judgement: RunJudgement, places: SummaryPlaces = terminalPlaces()): string {
  const lines = [`conformance: ${runs.length} scenarios in ${(wallMs / 1000).toFixed(1)} s wall, median ${median(runs.map((r) => r.durationMs)).toFixed(1)} ms per scenario`];
  const notApplicable = judgement.notPassing.filter((run) => run.finding.verdict === 'n/a');
  for (const run of judgement.notPassing) if (run.finding.verdict !== 'n/a') lines.push(indent(notPassingBlock(run, places)));
  for (const line of notApplicableLines(notApplicable)) lines.push(indent(line));
  for (const run of judgement.passedOnRetry) lines.push(`  ↻ passed only on retry (${run.attempts} attempts): ${places.shown(run.uri)}:${run.line} ${run.name}`);
  lines.push(countsLine(judgement.counts));
  return lines.join('\n');
}

function indent(block: string): string {
  return block.replace(/^/gm, '  ');
}

/** The lines after a run's reports are written: the summary, what went wrong outside any scenario, then `more` (where the reports are). */
export function closingText(record: RunRecord, wallMs: number, judgement: RunJudgement, more: readonly string[]): string {
  return `\n${[formatRunSummary(record.scenarios, wallMs, judgement), ...record.runProblems, ...more].join('\n')}\n`;
}
