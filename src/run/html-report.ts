import { appendFileSync, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { FINDING_MEDIA_TYPE, maybeFinding, type Finding } from '../findings/finding.js';
import type { Verdict, VerdictCounts } from '../findings/verdict.js';
import { countsLine } from './verdict-view.js';

/**
 * Cucumber's HTML report (`conformance.html`), made from the run's message stream after the
 * run, with each attempt's step statuses set from its finding so that the report's own counts
 * are the findings' counts. Cucumber has no word for two of the verdicts, so the report says
 * them in Cucumber's: `warn` is shown as pending, `error` as undefined (and `n/a` as skipped).
 * A banner at the top gives the five counts in the harness's words.
 */
export async function writeHtmlReport(envelopes: readonly Record<string, any>[], counts: VerdictCounts, file: string): Promise<void> {
  const html = new CucumberHtmlStream();
  await pipeline(Readable.from(withVerdictStatuses(envelopes)), html, createWriteStream(file));
  appendFileSync(file, bannerScript(counts));
}

/** The status a failing step of an attempt shows, per verdict; `pass` and `fail` keep Cucumber's own. */
const SHOWN_AS: Partial<Record<Verdict, string>> = { warn: 'PENDING', error: 'UNDEFINED', 'n/a': 'SKIPPED' };

/**
 * The stream with statuses made to agree with the findings: in an attempt whose verdict Cucumber
 * cannot say, the step that failed (or, when none did, the step that attached the finding)
 * takes the verdict's status; the finding's summary becomes its message.
 */
export function withVerdictStatuses(envelopes: readonly Record<string, any>[]): Record<string, any>[] {
  const findings = new Map<string, { finding: Finding; testStepId: string }>();
  for (const envelope of envelopes) {
    const a = envelope.attachment;
    const finding = a?.mediaType === FINDING_MEDIA_TYPE ? maybeFinding(a.body) : undefined;
    if (finding !== undefined) findings.set(a.testCaseStartedId, { finding, testStepId: a.testStepId });
  }
  const anyFailed = new Set<string>();
  for (const envelope of envelopes) if (envelope.testStepFinished?.testStepResult.status === 'FAILED') anyFailed.add(envelope.testStepFinished.testCaseStartedId);
  return envelopes.map((envelope) => {
    const step = envelope.testStepFinished;
    const entry = step === undefined ? undefined : findings.get(step.testCaseStartedId);
    const status = entry === undefined ? undefined : SHOWN_AS[entry.finding.verdict];
    if (status === undefined) return envelope;
    const failed = step.testStepResult.status === 'FAILED';
    const decides = failed || (!anyFailed.has(step.testCaseStartedId) && step.testStepId === entry!.testStepId && entry!.finding.verdict !== 'n/a');
    if (!decides) return envelope;
    return { testStepFinished: { ...step, testStepResult: { ...step.testStepResult, status, message: `${entry!.finding.verdict}: ${entry!.finding.summary ?? ''}`, exception: undefined } } };
  });
}

/** A script that puts the findings' counts, and what Cucumber's words mean here, above the report. */
function bannerScript(counts: VerdictCounts): string {
  const text = `wirecheck findings: ${countsLine(counts)}. In Cucumber's words below: a warning (SHOULD-level) is "pending", not applicable is "skipped", a harness error is "undefined".`;
  return `<script>(function(){var d=document.createElement('div');d.id='wirecheck-verdicts';d.style.cssText='font:14px/1.5 system-ui,sans-serif;padding:.6rem 1rem;background:#f4f6fa;border-bottom:1px solid #d8dce4';d.textContent=${JSON.stringify(text)};document.body.insertBefore(d,document.body.firstChild);})();</script>\n`;
}
