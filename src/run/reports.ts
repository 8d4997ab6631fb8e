import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './cucumber-messages.js';
import { writeHtmlReport } from './html-report.js';
import { judgeRun, type RunJudgement } from './judgement.js';
import { renderJunit } from './junit.js';
import { renderSectionsHtml, renderSectionsMarkdown, sectionRows } from './sections.js';

/** The files a run leaves in its report folder, besides Cucumber's message stream. */
export const REPORT_FILES = ['conformance.html', 'conformance.xml', 'sections.html', 'sections.md'] as const;

export interface ReportMeta {
  /** `the bundled server` or `host:port`. */
  readonly target: string;
  readonly strict: boolean;
}

/**
 * Judges the run from its findings and writes every report of it: Cucumber's HTML, JUnit and the
 * per-section view, all from the same findings, so they show the same counts.
 */
export async function writeReports(envelopes: readonly Record<string, any>[], record: RunRecord, reportDir: string, meta: ReportMeta): Promise<RunJudgement> {
  const judgement = judgeRun(record, meta.strict);
  const generatedAt = new Date();
  await writeHtmlReport(envelopes, judgement.counts, join(reportDir, 'conformance.html'));
  writeFileSync(join(reportDir, 'conformance.xml'), renderJunit(record.scenarios, judgement, { target: meta.target, timestamp: generatedAt }));
  const rows = sectionRows(record.scenarios);
  const viewMeta = { ...meta, generatedAt, reportHref: 'conformance.html' };
  writeFileSync(join(reportDir, 'sections.html'), renderSectionsHtml(rows, viewMeta));
  writeFileSync(join(reportDir, 'sections.md'), renderSectionsMarkdown(rows, viewMeta));
  return judgement;
}
