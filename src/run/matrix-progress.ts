/**
 * How far a run has got, counted from Cucumber's message stream as it is written: test cases
 * are announced before the first one starts, and a scenario is done when its last attempt
 * finishes (`willBeRetried: false`).
 */
export class RunProgress {
  /** Scenarios in the run, once Cucumber has announced them. */
  total = 0;
  finished = 0;
  /** Finished scenarios whose last attempt had a failing step (failed or, SHOULD-level, warned). */
  notPassing = 0;
  private readonly failedAttempts = new Set<string>();

  /** Takes one line of the stream; lines of other kinds (attachments, steps that passed) cost a prefix check. */
  feed(line: string): void {
    if (line.startsWith('{"testCase":')) {
      this.total++;
    } else if (line.startsWith('{"testStepFinished":') && line.includes('"status":"FAILED"')) {
      this.failedAttempts.add(JSON.parse(line).testStepFinished.testCaseStartedId);
    } else if (line.startsWith('{"testCaseFinished":')) {
      const finished = JSON.parse(line).testCaseFinished;
      if (finished.willBeRetried === true) return;
      this.finished++;
      if (this.failedAttempts.has(finished.testCaseStartedId)) this.notPassing++;
    }
  }

  /** `87/161 scenarios, 12 not passing`. */
  describe(): string {
    const total = this.total === 0 ? '?' : String(this.total);
    return `${this.finished}/${total} scenarios${this.notPassing > 0 ? `, ${this.notPassing} not passing` : ''}`;
  }
}
