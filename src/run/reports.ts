import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './cucumber-messages.js';
import { writeHtmlReport } from './html-report.js';
import { judgeRun, type RunJudgement } from './judgement.js';
import { renderJunit } from './junit.js';
import { renderSectionsHtml, renderSectionsMarkdown, sectionRows } from './sections.js';
import { renderSummaryJson, SUMMARY_FILE, type SummaryTarget } from './summary-json.js';

/** The files a run leaves in its report folder, besides Cucumber's message stream. */
export const REPORT_FILES = ['conformance.html', 'conformance.xml', 'sections.html', 'sections.md', SUMMARY_FILE] as const;

export interface ReportMeta {
  /** `the bundled server` or `host:port`. */
  readonly target: string;
  readonly strict: boolean;
  /** The target as data, for summary.json. */
  readonly endpoint: { readonly host: string; readonly port: number } | undefined;
  /** What the run found the target has (its first line); undefined for the bundled server. */
  readonly description: string | undefined;
  readonly tags: string | undefined;
  readonly wallMs: number;
}

/**
 * Judges the run from its findings and writes every report of it: Cucumber's HTML, JUnit, the
 * per-section view and summary.json, all from the same findings, so they show the same counts.
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
  const { endpoint, description } = meta;
  const target: SummaryTarget = { address: meta.target, host: endpoint?.host ?? null, port: endpoint?.port ?? null, description: description ?? null };
  writeFileSync(join(reportDir, SUMMARY_FILE), renderSummaryJson(record, judgement, { target, tags: meta.tags, strict: meta.strict, wallMs: meta.wallMs, generatedAt }));
  return judgement;
}
