import { authorityOf } from '../fixture/placeholders.js';
import { HarnessError } from './harness-errors.js';
import { describeDeclared, maybeSetting, maybeUndeclared, type LaunchedServer, type ServerLauncher, type ServerSettings, type SettingName } from '../target/server-settings.js';
import type { TargetServer } from '../target/target.js';
import type { Attach } from './attach.js';

/**
 * Which server a scenario talks to, and with which settings. Against the bundled server a
 * scenario that asks for settings gets a dedicated server started with them; a foreign target
 * cannot be configured, so the scenario counts on what the user declared of it, and is not
 * applicable without it. Whatever a scenario did to the target is undone when it ends.
 */
export class TargetControl {
  private current: TargetServer;
  private settings: ServerSettings = {};
  private dedicated: LaunchedServer | undefined;
  /** Run last to first when the scenario ends. */
  private readonly teardowns: (() => Promise<void>)[] = [];

  constructor(
    target: TargetServer,
    private readonly launcher: ServerLauncher | undefined,
    private readonly attach: Attach,
  ) {
    this.current = target;
  }

  /** The server the scenario talks to now: the suite's target, or a dedicated bundled server. */
  get target(): TargetServer {
    return this.current;
  }

  /** True when settings asked for are honoured: a dedicated bundled server can be started. */
  get configurable(): boolean {
    return this.launcher !== undefined;
  }

  /**
   * Asks for settings; the scenario moves to a dedicated server started with them when the
   * target is the bundled one. `beforeMove` runs first (the exchanges close their connection).
   * Returns why a foreign target cannot give them (nothing declared), or undefined.
   */
  async configure(settings: ServerSettings, beforeMove: () => Promise<void>): Promise<string | undefined> {
    this.settings = { ...this.settings, ...settings };
    if (this.launcher === undefined) {
      const declared = this.current.capabilities.settings;
      const undeclared = maybeUndeclared(this.settings, declared);
      if (undeclared === undefined) this.attach('declared settings', describeDeclared(this.settings, declared));
      return undeclared;
    }
    await beforeMove();
    await this.dedicated?.stop();
    this.dedicated = await this.launcher(this.settings);
    this.current = this.dedicated.target;
    this.attach('dedicated server', `a bundled server started for this scenario on ${authorityOf(this.current)} with ${JSON.stringify(this.settings)}`);
    return undefined;
  }

  /** The value of a setting the scenario can count on: what a dedicated server runs with, or what was declared of a foreign target. */
  setting(name: SettingName): number {
    const value = maybeSetting(name, this.settings, this.dedicated !== undefined || this.launcher !== undefined, this.current.capabilities.settings);
    if (value === undefined) throw new HarnessError(`the scenario counts on the target's ${name} without asking for it (a Given step sets it)`);
    return value;
  }

  /** Something to undo when the scenario ends, e.g. emptying a store it filled. */
  onEnd(teardown: () => Promise<void>): void {
    this.teardowns.push(teardown);
  }

  /** Undoes what the scenario did, last first. Returns the first failure. */
  async undo(): Promise<unknown> {
    let problem: unknown;
    for (const teardown of this.teardowns.splice(0).reverse()) await teardown().catch((error: unknown) => (problem ??= error));
    return problem;
  }

  /** Stops a dedicated server, if the scenario started one. */
  async stop(): Promise<void> {
    await this.dedicated?.stop();
    this.dedicated = undefined;
  }
}
