/**
 * A conformance run's report folder read back as a column of the matrix: the scenarios and
 * their findings from its message stream, the target and the wall time from its summary.json.
 * `npm run matrix -- --from DIR...` merges runs made elsewhere (one CI job per target) this way.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MESSAGES_FILE } from './conformance-run.js';
import { readRunRecord, type RunRecord } from './cucumber-messages.js';
import type { MatrixTarget } from './matrix.js';
import { readSummaryJson, SUMMARY_FILE, type SummaryJson } from './summary-json.js';

export interface ReadFolder {
  readonly target: MatrixTarget;
  readonly summary: SummaryJson;
}

/** What went wrong outside any scenario, a run that did not reach its end included. */
export function runProblemsOf(record: RunRecord): readonly string[] {
  return record.finished ? record.runProblems : [...record.runProblems, 'the run stopped before its end'];
}

/**
 * The run in `dir` as the target `name`, its report links relative to the matrix page in
 * `matrixDir`; or why `dir` is not a conformance run's report folder.
 */
export function readReportFolder(dir: string, name: string, matrixDir: string): ReadFolder | string {
  const messages = join(dir, MESSAGES_FILE);
  if (!existsSync(messages)) return `no ${MESSAGES_FILE} in it`;
  const summary = readSummaryJson(join(dir, SUMMARY_FILE));
  if (typeof summary === 'string') return summary;
  let record: RunRecord;
  try {
    record = readRunRecord(messages);
  } catch (error) {
    return `${MESSAGES_FILE} is not a Cucumber message stream: ${(error as Error).message.split('\n')[0]}`;
  }
  const href = (file: string): string => relative(matrixDir, join(dir, file)).split(sep).join('/');
  return {
    summary,
    target: {
      name,
      address: summary.target.address,
      reportHref: href('conformance.html'),
      sectionsHref: href('sections.html'),
      scenarios: record.scenarios,
      wallMs: summary.wallMs,
      runProblems: runProblemsOf(record),
    },
  };
}
