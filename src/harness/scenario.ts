import type { Finding } from '../findings/finding.js';
import { judge } from '../findings/judge.js';
import type { Level } from '../findings/verdict.js';
import type { ServerLauncher } from '../target/server-settings.js';
import type { TargetServer } from '../target/target.js';
import type { Attach } from './attach.js';
import { Exchanges } from './exchanges.js';
import { Expectations } from './expectations.js';
import { FixtureLibrary } from './fixture-library.js';
import { CheckFailed } from './harness-errors.js';
import type { Padding } from './padding.js';
import type { PreparedRequest } from './prepared-request.js';
import { TargetControl } from './target-control.js';

export interface ScenarioConfig {
  readonly target: TargetServer;
  /** Starts dedicated bundled servers; absent when the target is a foreign server. */
  readonly launcher: ServerLauncher | undefined;
  readonly fixturesDir: string;
  /** The harness's own read timeout: past it the harness gives up (an error of ours). */
  readonly readTimeoutMs: number;
  readonly level: Level;
  /** `RFC 9112 §6.3`, or the profile of a scenario that cites no section. */
  readonly rule: string;
  readonly ignoreBodyTrailingWhitespace: boolean;
}

/**
 * One scenario's parts, each of one concept: which target (`target`), the fixtures and the
 * requests made of them (`fixtures`), the conversation (`exchanges`), and the judging
 * (`expect`). When it ends, what they hold becomes its one finding.
 */
export class Scenario {
  readonly target: TargetControl;
  readonly fixtures: FixtureLibrary;
  readonly exchanges: Exchanges;
  readonly expect: Expectations;
  private notApplicable: string | undefined;
  private harnessError: string | undefined;

  constructor(
    private readonly config: ScenarioConfig,
    attach: Attach,
  ) {
    this.target = new TargetControl(config.target, config.launcher, attach);
    this.fixtures = new FixtureLibrary(config.fixturesDir);
    this.exchanges = new Exchanges(() => this.target.target, config.readTimeoutMs, attach);
    this.expect = new Expectations({ level: config.level, ignoreBodyTrailingWhitespace: config.ignoreBodyTrailingWhitespace }, attach);
  }

  /** The fixture's request for the current target, grown as `padding` says when given. */
  fixtureRequest(name: string, padding?: Padding): PreparedRequest {
    return this.fixtures.request(name, this.target.target, padding);
  }

  /** Makes the fixture's request the one the next send step sends. */
  prepareFixture(name: string, padding?: Padding): PreparedRequest {
    return this.exchanges.prepare(this.fixtureRequest(name, padding));
  }

  /** Makes a request in the fixtures' raw-text convention the one the next send step sends. */
  prepareRaw(text: string): PreparedRequest {
    return this.exchanges.prepare(this.fixtures.rawRequest(text, this.target.target));
  }

  /** The scenario cannot be judged on this target; the step that says so skips the rest. */
  notApplicableBecause(reason: string): void {
    this.notApplicable ??= reason;
  }

  /** A step threw. A failed check is recorded already; anything else is the harness failing. */
  stepFailed(error: unknown): void {
    if (error instanceof CheckFailed) return;
    this.harnessError ??= error instanceof Error ? error.message : String(error);
  }

  /** A step could not run at all (undefined or ambiguous): the harness failed. */
  stepNotRun(why: string): void {
    this.harnessError ??= why;
  }

  /** Closes the connections, undoes what the scenario did to the target, and judges it. */
  async end(): Promise<Finding> {
    const teardownProblem = await this.target.undo();
    if (teardownProblem !== undefined) this.stepFailed(teardownProblem);
    await this.exchanges.dispose();
    await this.target.stop();
    const unexamined = this.expect.leftUnexamined(this.exchanges.outcomes);
    if (unexamined !== undefined) this.harnessError ??= unexamined;
    const { level, rule } = this.config;
    return judge({
      level,
      rule,
      checks: this.expect.checks,
      evidence: this.exchanges.evidence(),
      ...(this.notApplicable === undefined ? {} : { notApplicable: this.notApplicable }),
      ...(this.harnessError === undefined ? {} : { harnessError: this.harnessError }),
    });
  }
}
