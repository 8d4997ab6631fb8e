import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import { FINDING_MEDIA_TYPE } from '../findings/finding.js';
import { runRecordOf } from './cucumber-messages.js';
import { REPORT_FILES, writeReports } from './reports.js';
import { progressMarks } from './run-progress.js';
import { closingText } from './run-summary.js';

type Envelope = Record<string, any>;

const ms = (t: { seconds: number; nanos: number }): number => t.seconds * 1000 + t.nanos / 1e6;

/**
 * The terminal of plain `npx cucumber-js` (cucumber.js): the runner's progress marks and
 * summary, and its reports written to REPORT_DIR (default ./reports), all from the findings, so
 * that a Cucumber user's habit gives what `npm run conformance` gives against the bundled server.
 */
export default class RunFormatter extends Formatter {
  private readonly envelopes: Envelope[] = [];
  private readonly marks = progressMarks((text) => this.log(text));

  constructor(options: IFormatterOptions) {
    super(options);
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => {
      this.envelopes.push(envelope);
      // The progress reads the stream's lines; only these three kinds move it.
      if (envelope.testCase !== undefined || envelope.testCaseFinished !== undefined || envelope.attachment?.mediaType === FINDING_MEDIA_TYPE) this.marks.feed(JSON.stringify(envelope));
    });
  }

  override async finished(): Promise<void> {
    this.marks.end();
    const started = this.envelopes.find((e) => e.testRunStarted !== undefined)?.testRunStarted.timestamp;
    const ended = this.envelopes.find((e) => e.testRunFinished !== undefined)?.testRunFinished.timestamp;
    const wallMs = started === undefined || ended === undefined ? 0 : ms(ended) - ms(started);
    const reportDir = resolve(this.cwd, process.env.REPORT_DIR ?? 'reports');
    mkdirSync(reportDir, { recursive: true });
    const record = runRecordOf(this.envelopes);
    const judgement = await writeReports(this.envelopes, record, reportDir, { target: 'the bundled server', strict: process.env.STRICT === '1', endpoint: undefined, description: undefined, tags: process.env.TAGS, wallMs });
    this.log(closingText(record, wallMs, judgement, [`reports: ${REPORT_FILES.map((name) => join(reportDir, name)).join(', ')}`]));
    await super.finished();
  }
}
