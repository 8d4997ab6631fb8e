import { readFileSync } from 'node:fs';

/**
 * The whole message of each scenario's first failing step, from Cucumber's message stream.
 * `readRunRecord` keeps only a failure's first line (`response differs from … in status`);
 * the matrix wants the line after it too (`status: expected 505, got 200`).
 */

/** Where a scenario (or an outline's example row) is written: `features/x.feature:12`. */
export function scenarioKey(scenario: { readonly uri: string; readonly line: number }): string {
  return `${scenario.uri}:${scenario.line}`;
}

/**
 * Reads a `message:` formatter file into the first failing step's full message per scenario,
 * keyed by `scenarioKey`, for the last attempt of each; scenarios whose last attempt had no
 * failing step are absent.
 */
export function readFailureMessages(path: string): Map<string, string> {
  const lines = new Map<string, number>();
  const pickles = new Map<string, string>();
  const caseToPickle = new Map<string, string>();
  const startedToCase = new Map<string, string>();
  const firstFailure = new Map<string, string>();
  const result = new Map<string, string>();

  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const envelope = JSON.parse(line);
    if (envelope.gherkinDocument) {
      for (const child of envelope.gherkinDocument.feature?.children ?? []) collectLines(child, lines);
    } else if (envelope.pickle) {
      const p = envelope.pickle;
      pickles.set(p.id, scenarioKey({ uri: p.uri, line: lines.get(p.astNodeIds[p.astNodeIds.length - 1]) ?? 0 }));
    } else if (envelope.testCase) {
      caseToPickle.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      startedToCase.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    } else if (envelope.testStepFinished) {
      const f = envelope.testStepFinished;
      const r = f.testStepResult;
      if (r.status === 'FAILED' && !firstFailure.has(f.testCaseStartedId)) firstFailure.set(f.testCaseStartedId, failureText(r));
    } else if (envelope.testCaseFinished) {
      const startedId: string = envelope.testCaseFinished.testCaseStartedId;
      const key = pickles.get(caseToPickle.get(startedToCase.get(startedId) ?? '') ?? '');
      if (key === undefined) continue;
      // A later attempt replaces an earlier one, failing or not.
      const message = firstFailure.get(startedId);
      if (message === undefined) result.delete(key);
      else result.set(key, message);
    }
  }
  return result;
}

interface StepResult {
  message?: string;
  exception?: { type?: string; message?: string };
}

/** The exception's message with its class in front (`ConformanceError: …`), without the stack. */
function failureText(result: StepResult): string {
  if (result.exception?.message !== undefined) return `${result.exception.type ?? 'Error'}: ${result.exception.message}`;
  return result.message ?? '';
}

interface AstChild {
  scenario?: { id: string; location: { line: number }; examples?: { tableBody: { id: string; location: { line: number } }[] }[] };
  rule?: { children: AstChild[] };
}

function collectLines(child: AstChild, lines: Map<string, number>): void {
  if (child.rule) for (const c of child.rule.children) collectLines(c, lines);
  const scenario = child.scenario;
  if (scenario === undefined) return;
  lines.set(scenario.id, scenario.location.line);
  for (const examples of scenario.examples ?? []) for (const row of examples.tableBody) lines.set(row.id, row.location.line);
}
