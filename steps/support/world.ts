import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { Exchanges } from '../../src/harness/exchanges.js';
import type { Expectations } from '../../src/harness/expectations.js';
import type { FixtureLibrary } from '../../src/harness/fixture-library.js';
import type { Scenario } from '../../src/harness/scenario.js';
import type { TargetControl } from '../../src/harness/target-control.js';

/** The scenario's state: its parts, set by the Before hook. Steps call into them. */
export class WirecheckWorld extends World {
  scenario!: Scenario;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get target(): TargetControl {
    return this.scenario.target;
  }

  get fixtures(): FixtureLibrary {
    return this.scenario.fixtures;
  }

  get exchanges(): Exchanges {
    return this.scenario.exchanges;
  }

  get expect(): Expectations {
    return this.scenario.expect;
  }
}

setWorldConstructor(WirecheckWorld);
