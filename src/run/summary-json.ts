/**
 * The run as data (`reports/summary.json`), for programs rather than people: a CI step that
 * annotates the failing lines, a dashboard, the matrix merging runs made elsewhere (`--from`).
 * Made from the same findings as every other report; the schema is docs/summary-json.md, and
 * its name and version are the `schema` field.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../findings/finding.js';
import type { Level, Verdict, VerdictCounts } from '../findings/verdict.js';
import { loadFixture } from '../fixture/fixture-loader.js';
import type { RunRecord, ScenarioRun } from './cucumber-messages.js';
import type { RunJudgement } from './judgement.js';

export const SUMMARY_SCHEMA = 'wirecheck-summary/1';
export const SUMMARY_FILE = 'summary.json';

export interface SummaryTarget {
  /** `the bundled server`, `127.0.0.1:8080`, `nginx serving a folder on 127.0.0.1:40123`. */
  readonly address: string;
  /** Null for the bundled server, which the run starts on a port of its own. */
  readonly host: string | null;
  readonly port: number | null;
  /** What the run found the target has (its first line), or null for the bundled server. */
  readonly description: string | null;
}

/** Where in a fixture the verdict rests: the file, and the line of the field that differed or of the fixture's error. */
export interface FixturePlace {
  readonly file: string;
  readonly line: number | null;
}

export interface SummaryScenario {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly verdict: Verdict;
  readonly level: Level;
  readonly rule: string;
  readonly difference: string | null;
  readonly summary: string | null;
  readonly fixture: FixturePlace | null;
  readonly attempts: number;
  readonly durationMs: number;
}

export interface SummaryJson {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly generatedAt: string;
  readonly target: SummaryTarget;
  readonly tags: string | null;
  readonly strict: boolean;
  readonly wallMs: number;
  readonly finished: boolean;
  readonly runProblems: readonly string[];
  readonly exitCode: number;
  readonly counts: VerdictCounts;
  readonly scenarios: readonly SummaryScenario[];
}

export interface SummaryMeta {
  readonly target: SummaryTarget;
  /** The tag expression the suite ran with; undefined or empty for the default selection. */
  readonly tags: string | undefined;
  readonly strict: boolean;
  readonly wallMs: number;
  readonly generatedAt: Date;
}

/** Where Cucumber runs, so where feature and fixture paths are relative to. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** A fixture path, with the line a fixture error names (`fixtures/x.yaml:3:5: …`). */
const FIXTURE_PATH = /(\S+\.ya?ml)(?::(\d+))?/;
/** `status: expected 400, got 200` differs in `status`; `header Date: expected …` in `header Date`. */
const DIFFERING_FIELD = /^(.+?): expected /;

/** The summary's JSON text. `root` is where the run's fixture paths are relative to. */
export function renderSummaryJson(record: RunRecord, judgement: RunJudgement, meta: SummaryMeta, root = PACKAGE_ROOT): string {
  return `${JSON.stringify(summaryJson(record, judgement, meta, root), null, 2)}\n`;
}

export function summaryJson(record: RunRecord, judgement: RunJudgement, meta: SummaryMeta, root: string): SummaryJson {
  const placeOf = fixturePlaces(root);
  return {
    schema: SUMMARY_SCHEMA,
    generatedAt: meta.generatedAt.toISOString(),
    target: meta.target,
    tags: meta.tags === undefined || meta.tags === '' ? null : meta.tags,
    strict: meta.strict,
    wallMs: meta.wallMs,
    finished: record.finished,
    runProblems: record.runProblems,
    exitCode: judgement.exitCode,
    counts: judgement.counts,
    scenarios: record.scenarios.map((run) => summaryScenario(run, placeOf)),
  };
}

function summaryScenario(run: ScenarioRun, placeOf: (finding: Finding) => FixturePlace | null): SummaryScenario {
  const { finding } = run;
  return {
    uri: run.uri,
    line: run.line,
    name: run.name,
    verdict: finding.verdict,
    level: finding.level,
    rule: finding.rule,
    difference: finding.difference ?? null,
    summary: finding.summary ?? null,
    fixture: placeOf(finding),
    attempts: run.attempts,
    durationMs: Math.round(run.durationMs),
  };
}

/** Where in a fixture each finding's verdict rests (the terminal names it too), each fixture file read once. */
export function fixturePlaces(root = PACKAGE_ROOT): (finding: Finding) => FixturePlace | null {
  const fixtures = new FixtureLines(root);
  return (finding) => fixturePlace(finding, fixtures);
}

/**
 * The fixture named by the check that did not hold (or by the error), with the line of the field
 * that differed or the one the error names; else the only fixture the scenario exchanged; else
 * none (no fixture, or several and no check says which).
 */
function fixturePlace(finding: Finding, fixtures: FixtureLines): FixturePlace | null {
  const broken = finding.checks.find((check) => !check.passed && check.difference === finding.difference) ?? finding.checks.find((check) => !check.passed);
  for (const text of [broken?.label, finding.summary]) {
    const match = text === undefined ? null : FIXTURE_PATH.exec(text);
    if (match === null) continue;
    const file = fixtures.relative(match[1]!);
    const line = match[2] !== undefined ? Number(match[2]) : fixtures.lineOf(file, DIFFERING_FIELD.exec(finding.difference ?? '')?.[1]);
    return { file, line };
  }
  const exchanged = new Set(finding.evidence.flatMap((line) => FIXTURE_PATH.exec(line)?.[1] ?? []));
  return exchanged.size === 1 ? { file: fixtures.relative([...exchanged][0]!), line: null } : null;
}

/** The line each response field is written on, per fixture file, each file read once. */
class FixtureLines {
  private readonly files = new Map<string, ReadonlyMap<string, { readonly line: number }> | undefined>();

  constructor(private readonly root: string) {}

  /** Relative to the root when inside it, as the other reports name fixtures. */
  relative(file: string): string {
    const short = relative(this.root, resolve(this.root, file));
    return short.startsWith('..') || isAbsolute(short) ? file : short;
  }

  lineOf(file: string, field: string | undefined): number | null {
    if (field === undefined) return null;
    if (!this.files.has(file)) this.files.set(file, maybeLocations(resolve(this.root, file)));
    return this.files.get(file)?.get(field)?.line ?? null;
  }
}

/** A fixture edited or removed since the run has no line to give: the file alone is still right. */
function maybeLocations(path: string): ReadonlyMap<string, { readonly line: number }> | undefined {
  try {
    return loadFixture(path).response?.locations;
  } catch {
    return undefined;
  }
}

/** The summary a report folder holds, or why it holds none that this version reads. */
export function readSummaryJson(path: string): SummaryJson | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no ${SUMMARY_FILE} in it` : `${SUMMARY_FILE} is not JSON`;
  }
  const schema = (value as { schema?: unknown } | null)?.schema;
  return schema === SUMMARY_SCHEMA ? (value as SummaryJson) : `${SUMMARY_FILE} is not of the schema ${SUMMARY_SCHEMA} (${JSON.stringify(schema)})`;
}
