import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { ScenarioSession } from '../../src/harness/session.js';

/** The scenario's state: one session with the target. Steps call into it and assert. */
export class WirecheckWorld extends World {
  session!: ScenarioSession;

  constructor(options: IWorldOptions) {
    super(options);
  }
}

setWorldConstructor(WirecheckWorld);
