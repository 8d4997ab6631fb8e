import { Given } from '@cucumber/cucumber';
import { maybeLacking, type TargetNeed } from '../src/harness/target-needs.js';
import type { WirecheckWorld } from './support/world.js';

// What a scenario needs of the target (the run's one line at the start says what it found);
// without it the scenario is not applicable, with the reason.

Given('the target takes a request body', function (this: WirecheckWorld) {
  return needs(this, 'a body path');
});

Given('the target returns the request body', function (this: WirecheckWorld) {
  return needs(this, 'a body echo');
});

Given("the target echoes the request's fields", function (this: WirecheckWorld) {
  return needs(this, 'a field echo');
});

function needs(world: WirecheckWorld, need: TargetNeed): 'skipped' | undefined {
  const missing = maybeLacking(world.scenario.target.target.capabilities, need);
  if (missing === undefined) return undefined;
  world.scenario.notApplicableBecause(missing);
  return 'skipped';
}
