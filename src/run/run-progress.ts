import { FINDING_MEDIA_TYPE, maybeFinding } from '../findings/finding.js';
import { countVerdicts, type Verdict, type VerdictCounts } from '../findings/verdict.js';
import { VERDICT_MARK } from './verdict-view.js';

/**
 * How far a run has got, counted from Cucumber's message stream as it is written: test cases
 * are announced before the first one starts, each attempt attaches its finding, and a scenario
 * is done when its last attempt finishes (`willBeRetried: false`).
 */
export class RunProgress {
  /** Scenarios in the run, once Cucumber has announced them. */
  total = 0;
  /** The verdict of each finished scenario, in order. */
  readonly verdicts: Verdict[] = [];
  private readonly attemptVerdicts = new Map<string, Verdict>();

  get finished(): number {
    return this.verdicts.length;
  }

  get counts(): VerdictCounts {
    return countVerdicts(this.verdicts);
  }

  /** Takes one line of the stream; lines of other kinds (steps, other attachments) cost a prefix check. */
  feed(line: string): Verdict | undefined {
    if (line.startsWith('{"testCase":')) {
      this.total++;
    } else if (line.startsWith('{"attachment":') && line.includes(FINDING_MEDIA_TYPE)) {
      const attachment = JSON.parse(line).attachment;
      const finding = maybeFinding(attachment.body);
      if (finding !== undefined) this.attemptVerdicts.set(attachment.testCaseStartedId, finding.verdict);
    } else if (line.startsWith('{"testCaseFinished":')) {
      const finished = JSON.parse(line).testCaseFinished;
      if (finished.willBeRetried === true) return undefined;
      const verdict = this.attemptVerdicts.get(finished.testCaseStartedId) ?? 'error';
      this.verdicts.push(verdict);
      return verdict;
    }
    return undefined;
  }

  /** `87/161 scenarios, 3 ✗ 2 !`. */
  describe(): string {
    const total = this.total === 0 ? '?' : String(this.total);
    const counts = this.counts;
    const notPassing = (['fail', 'warn', 'error', 'n/a'] as const).filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_MARK[v]}`);
    return `${this.finished}/${total} scenarios${notPassing.length > 0 ? `, ${notPassing.join(' ')}` : ''}`;
  }
}

/** How many marks make a line of the progress. */
const MARKS_PER_LINE = 80;

/** One mark per scenario as it ends (✓ ✗ ! – ⚠), a line of them at a time, fed the message stream's lines. */
export function progressMarks(write: (text: string) => void): { feed(line: string): void; end(): void } {
  const progress = new RunProgress();
  return {
    feed(line) {
      const verdict = progress.feed(line);
      if (verdict === undefined) return;
      write(VERDICT_MARK[verdict]);
      if (progress.finished % MARKS_PER_LINE === 0) write('\n');
    },
    end() {
      if (progress.finished % MARKS_PER_LINE !== 0) write('\n');
    },
  };
}
