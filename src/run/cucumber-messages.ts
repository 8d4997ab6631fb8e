import { readFileSync } from 'node:fs';

/** One failing step of a scenario: the exception's class and its first line. */
export interface StepFailure {
  /** The exception's constructor name, e.g. `ConformanceError`, `AssertionError`, `TypeError`. */
  readonly type: string;
  readonly message: string;
}

/** One scenario run as Cucumber's message stream tells it; retried attempts are folded in. */
export interface ScenarioRun {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly tags: readonly string[];
  /** Worst step status of the last attempt: PASSED, FAILED, SKIPPED, UNDEFINED, … */
  readonly status: string;
  readonly attempts: number;
  readonly durationMs: number;
  /** The first failing step's message, when the scenario failed. */
  readonly message: string | undefined;
  /** Every step (hooks included) that failed in the last attempt, in order. */
  readonly failures: readonly StepFailure[];
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
  testCaseId: string;
  start: number;
  status: string;
  message?: string;
  failures: StepFailure[];
}

const STATUS_RANK = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
const ms = (t: Timestamp): number => t.seconds * 1000 + t.nanos / 1e6;

/** Reads a `message:` formatter file into one record per scenario, in run order. */
export function readScenarioRuns(path: string): ScenarioRun[] {
  return [...readRunRecord(path).scenarios];
}

/** Reads a `message:` formatter file: the scenarios, and the run's own problems. */
export function readRunRecord(path: string): RunRecord {
  const pickles = new Map<string, { name: string; uri: string; line: number; tags: string[] }>();
  const lines = new Map<string, number>();
  const caseToPickle = new Map<string, string>();
  const attempts = new Map<string, Attempt>();
  const order: string[] = [];
  const byCase = new Map<string, ScenarioRun>();
  const runProblems: string[] = [];
  let finished = false;

  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const envelope = JSON.parse(line);
    if (envelope.gherkinDocument) {
      for (const child of envelope.gherkinDocument.feature?.children ?? []) collectScenarioLines(child, lines);
    } else if (envelope.pickle) {
      const p = envelope.pickle;
      pickles.set(p.id, { name: p.name, uri: p.uri, line: lines.get(p.astNodeIds[p.astNodeIds.length - 1]) ?? 0, tags: p.tags.map((t: { name: string }) => t.name) });
    } else if (envelope.testCase) {
      caseToPickle.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const s = envelope.testCaseStarted;
      attempts.set(s.id, { testCaseId: s.testCaseId, start: ms(s.timestamp), status: 'PASSED', failures: [] });
    } else if (envelope.testStepFinished) {
      const f = envelope.testStepFinished;
      const attempt = attempts.get(f.testCaseStartedId)!;
      const result = f.testStepResult;
      if (result.status === 'FAILED') attempt.failures.push({ type: result.exception?.type ?? 'Error', message: firstLine(result.exception?.message ?? result.message) ?? '' });
      if (STATUS_RANK.indexOf(result.status) > STATUS_RANK.indexOf(attempt.status)) {
        attempt.status = result.status;
        attempt.message = result.message;
      }
    } else if (envelope.testCaseFinished) {
      const f = envelope.testCaseFinished;
      const attempt = attempts.get(f.testCaseStartedId)!;
      const pickle = pickles.get(caseToPickle.get(attempt.testCaseId)!)!;
      const previous = byCase.get(attempt.testCaseId);
      if (previous === undefined) order.push(attempt.testCaseId);
      byCase.set(attempt.testCaseId, {
        ...pickle,
        status: attempt.status,
        attempts: (previous?.attempts ?? 0) + 1,
        durationMs: (previous?.durationMs ?? 0) + ms(f.timestamp) - attempt.start,
        message: attempt.status === 'PASSED' ? undefined : firstLine(attempt.message),
        failures: attempt.failures,
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
  return { scenarios: order.map((id) => byCase.get(id)!), runProblems, finished };
}

interface AstChild {
  scenario?: { id: string; location: { line: number }; examples?: { tableBody: { id: string; location: { line: number } }[] }[] };
  rule?: { children: AstChild[] };
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
