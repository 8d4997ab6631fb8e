import { readFileSync } from 'node:fs';
import { FINDING_MEDIA_TYPE, maybeFinding, type Finding } from '../findings/finding.js';
import { judge } from '../findings/judge.js';
import { levelOfTags, ruleOfTags } from '../findings/scenario-rule.js';

/** One scenario run as Cucumber's message stream tells it, retried attempts folded in. */
export interface ScenarioRun {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly tags: readonly string[];
  readonly attempts: number;
  readonly durationMs: number;
  /** The last attempt's finding. */
  readonly finding: Finding;
}

/** A whole run: its scenarios, and what went wrong outside any scenario (a failed BeforeAll). */
export interface RunRecord {
  readonly scenarios: readonly ScenarioRun[];
  /** Failures of run-level hooks and of the run itself; a run with any is not to be trusted. */
  readonly runProblems: readonly string[];
  /** False when the stream has no testRunFinished: Cucumber did not get to the end. */
  readonly finished: boolean;
}

interface Timestamp {
  seconds: number;
  nanos: number;
}

interface Attempt {
  readonly testCaseId: string;
  readonly start: number;
  finding: Finding | undefined;
  /** The worst step status, for a scenario that recorded no finding. */
  status: string;
}

interface PickleInfo {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly tags: string[];
}

const STATUS_RANK = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
const ms = (t: Timestamp): number => t.seconds * 1000 + t.nanos / 1e6;

/** Where a scenario (or an outline's example row) is written: `features/x.feature:12`. */
export function scenarioKey(scenario: { readonly uri: string; readonly line: number }): string {
  return `${scenario.uri}:${scenario.line}`;
}

/**
 * A tag that selects one scenario run alone, `@features/x.feature:12`: Cucumber's HTML report
 * filters on a tag expression exactly, where it matches text loosely (src/run/html-report.ts
 * gives each scenario its tag). What a tag expression cannot hold (a space, a parenthesis, a
 * backslash) is written `_`.
 */
export function scenarioTag(scenario: { readonly uri: string; readonly line: number }): string {
  return `@${scenarioKey(scenario).replace(/[\s()\\]/g, '_')}`;
}

/** Where each pickle of a stream is written, by its id: its feature and the line of its scenario or example row. */
export function pickleLocations(envelopes: readonly Record<string, any>[]): Map<string, { readonly uri: string; readonly line: number }> {
  const lines = new Map<string, number>();
  const locations = new Map<string, { uri: string; line: number }>();
  for (const envelope of envelopes) {
    if (envelope.gherkinDocument) for (const child of envelope.gherkinDocument.feature?.children ?? []) collectScenarioLines(child, lines);
    else if (envelope.pickle) locations.set(envelope.pickle.id, { uri: envelope.pickle.uri, line: pickleLine(envelope.pickle, lines) });
  }
  return locations;
}

/** The envelopes of a `message:` formatter file, in order. */
export function readEnvelopes(path: string): Record<string, any>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** Reads a `message:` formatter file. */
export function readRunRecord(path: string): RunRecord {
  return runRecordOf(readEnvelopes(path));
}

/**
 * The scenarios of a message stream, each with the finding its last attempt attached, and the
 * run's own problems. A scenario that attached no finding (the process died mid-scenario) is
 * judged a harness error, by the same judge.
 */
export function runRecordOf(envelopes: readonly Record<string, any>[]): RunRecord {
  const lines = new Map<string, number>();
  const pickles = new Map<string, PickleInfo>();
  const caseToPickle = new Map<string, string>();
  const attempts = new Map<string, Attempt>();
  const order: string[] = [];
  const byCase = new Map<string, ScenarioRun>();
  const runProblems: string[] = [];
  let finished = false;

  for (const envelope of envelopes) {
    if (envelope.gherkinDocument) {
      for (const child of envelope.gherkinDocument.feature?.children ?? []) collectScenarioLines(child, lines);
    } else if (envelope.pickle) {
      const p = envelope.pickle;
      pickles.set(p.id, { name: p.name, uri: p.uri, line: pickleLine(p, lines), tags: p.tags.map((t: { name: string }) => t.name) });
    } else if (envelope.testCase) {
      // Scenarios are kept in the order Cucumber planned them, whichever worker finished first.
      caseToPickle.set(envelope.testCase.id, envelope.testCase.pickleId);
      order.push(envelope.testCase.id);
    } else if (envelope.testCaseStarted) {
      const s = envelope.testCaseStarted;
      attempts.set(s.id, { testCaseId: s.testCaseId, start: ms(s.timestamp), finding: undefined, status: 'PASSED' });
    } else if (envelope.attachment) {
      const a = envelope.attachment;
      const attempt = attempts.get(a.testCaseStartedId);
      if (attempt !== undefined && a.mediaType === FINDING_MEDIA_TYPE) attempt.finding = maybeFinding(a.body);
    } else if (envelope.testStepFinished) {
      const f = envelope.testStepFinished;
      const attempt = attempts.get(f.testCaseStartedId)!;
      if (STATUS_RANK.indexOf(f.testStepResult.status) > STATUS_RANK.indexOf(attempt.status)) attempt.status = f.testStepResult.status;
    } else if (envelope.testCaseFinished) {
      const f = envelope.testCaseFinished;
      const attempt = attempts.get(f.testCaseStartedId)!;
      const pickle = pickles.get(caseToPickle.get(attempt.testCaseId)!)!;
      const previous = byCase.get(attempt.testCaseId);
      byCase.set(attempt.testCaseId, {
        ...pickle,
        attempts: (previous?.attempts ?? 0) + 1,
        durationMs: (previous?.durationMs ?? 0) + ms(f.timestamp) - attempt.start,
        finding: attempt.finding ?? missingFinding(pickle.tags, attempt.status),
      });
    } else if (envelope.testRunHookFinished) {
      const result = envelope.testRunHookFinished.result;
      if (result.status !== 'PASSED') runProblems.push(`a run hook ${result.status.toLowerCase()}: ${firstLine(result.exception?.message ?? result.message) ?? ''}`);
    } else if (envelope.testRunFinished) {
      finished = true;
      const f = envelope.testRunFinished;
      if (f.exception !== undefined || (f.message !== undefined && f.message !== '')) runProblems.push(`the run failed: ${firstLine(f.exception?.message ?? f.message) ?? ''}`);
    }
  }
  return { scenarios: order.flatMap((id) => byCase.get(id) ?? []), runProblems, finished };
}

function missingFinding(tags: readonly string[], status: string): Finding {
  return judge({ level: levelOfTags(tags), rule: ruleOfTags(tags), checks: [], evidence: [], harnessError: `the scenario recorded no finding (Cucumber's status: ${status.toLowerCase()})` });
}

interface AstChild {
  scenario?: { id: string; location: { line: number }; examples?: { tableBody: { id: string; location: { line: number } }[] }[] };
  rule?: { children: AstChild[] };
}

/** An outline's pickle names its scenario, then its example row: the row's line is its own. */
function pickleLine(pickle: { readonly astNodeIds: readonly string[] }, lines: ReadonlyMap<string, number>): number {
  return lines.get(pickle.astNodeIds[pickle.astNodeIds.length - 1]!) ?? 0;
}

function collectScenarioLines(child: AstChild, lines: Map<string, number>): void {
  if (child.rule) for (const c of child.rule.children) collectScenarioLines(c, lines);
  const scenario = child.scenario;
  if (scenario === undefined) return;
  lines.set(scenario.id, scenario.location.line);
  for (const examples of scenario.examples ?? []) for (const row of examples.tableBody) lines.set(row.id, row.location.line);
}

function firstLine(message: string | undefined): string | undefined {
  return message?.split('\n').find((l) => l.trim() !== '')?.trim();
}
