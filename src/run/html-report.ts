import { appendFileSync, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { FINDING_MEDIA_TYPE, maybeFinding, type Finding } from '../findings/finding.js';
import type { Verdict, VerdictCounts } from '../findings/verdict.js';
import { pickleLocations, scenarioTag } from './cucumber-messages.js';
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
  await pipeline(Readable.from(withScenarioTags(withVerdictStatuses(envelopes))), html, createWriteStream(file));
  appendFileSync(file, bannerScript(counts));
}

/** The status each verdict shows as: Cucumber's own where it has the word. */
const SHOWN_AS: Readonly<Record<Verdict, string>> = { pass: 'PASSED', fail: 'FAILED', warn: 'PENDING', 'n/a': 'SKIPPED', error: 'UNDEFINED' };
/** The statuses a step ends the scenario with: a failure, or a SHOULD- or MAY-level check not met (src/harness/stop-at-level.ts). */
const STOPPING = new Set(['FAILED', 'PENDING']);

/**
 * The stream with statuses made to agree with the findings: in each attempt, the step that
 * stopped it (or, when none did and the verdict is warn or error, the step that attached the
 * finding) takes the verdict's status, with the finding's summary as its message.
 */
export function withVerdictStatuses(envelopes: readonly Record<string, any>[]): Record<string, any>[] {
  const findings = new Map<string, { finding: Finding; testStepId: string }>();
  for (const envelope of envelopes) {
    const a = envelope.attachment;
    const finding = a?.mediaType === FINDING_MEDIA_TYPE ? maybeFinding(a.body) : undefined;
    if (finding !== undefined) findings.set(a.testCaseStartedId, { finding, testStepId: a.testStepId });
  }
  const stopped = new Set<string>();
  for (const envelope of envelopes) if (STOPPING.has(envelope.testStepFinished?.testStepResult.status)) stopped.add(envelope.testStepFinished.testCaseStartedId);
  return envelopes.map((envelope) => {
    const step = envelope.testStepFinished;
    const entry = step === undefined ? undefined : findings.get(step.testCaseStartedId);
    if (entry === undefined) return envelope;
    const { verdict, summary } = entry.finding;
    const decides = STOPPING.has(step.testStepResult.status) || (!stopped.has(step.testCaseStartedId) && step.testStepId === entry.testStepId && (verdict === 'warn' || verdict === 'error'));
    const status = SHOWN_AS[verdict];
    if (!decides || step.testStepResult.status === status) return envelope;
    return { testStepFinished: { ...step, testStepResult: { ...step.testStepResult, status, message: `${verdict}: ${summary ?? ''}`, exception: undefined } } };
  });
}

/**
 * Each pickle with one more tag, its own (`scenarioTag`): a link to `?query=@features/x.feature:12`
 * opens that scenario alone. Cucumber's report filters on pickle tags and shows the feature's,
 * so the tag selects without being seen.
 */
export function withScenarioTags(envelopes: readonly Record<string, any>[]): Record<string, any>[] {
  const locations = pickleLocations(envelopes);
  return envelopes.map((envelope) => {
    const pickle = envelope.pickle;
    const location = pickle === undefined ? undefined : locations.get(pickle.id);
    if (location === undefined) return envelope;
    // A pickle tag names the tag it comes from; this one has none, so it names the scenario's first (or the scenario).
    const astNodeId = pickle.tags[0]?.astNodeId ?? pickle.astNodeIds[0];
    return { pickle: { ...pickle, tags: [...pickle.tags, { name: scenarioTag(location), astNodeId }] } };
  });
}

/** A script that puts the findings' counts, and what Cucumber's words mean here, above the report. */
function bannerScript(counts: VerdictCounts): string {
  const text = `wirecheck findings: ${countsLine(counts)}. In Cucumber's words below: a warning (SHOULD-level) is "pending", not applicable is "skipped", a harness error is "undefined".`;
  return `<script>(function(){var d=document.createElement('div');d.id='wirecheck-verdicts';d.style.cssText='font:14px/1.5 system-ui,sans-serif;padding:.6rem 1rem;background:#f4f6fa;border-bottom:1px solid #d8dce4';d.textContent=${JSON.stringify(text)};document.body.insertBefore(d,document.body.firstChild);})();</script>\n`;
}
