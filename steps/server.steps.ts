import { Given } from '@cucumber/cucumber';
import type { ServerSettings } from '../src/target/server-settings.js';
import type { WirecheckWorld } from './support/world.js';

// What a scenario needs of the server's configuration: a dedicated bundled server with those
// settings, or, against a foreign target, what the user declared of it; else not applicable
// (docs/steps.md).

async function configure(world: WirecheckWorld, settings: ServerSettings): Promise<'skipped' | undefined> {
  const undeclared = await world.target.configure(settings, () => world.exchanges.newConnection());
  if (undeclared === undefined) return undefined;
  world.scenario.notApplicableBecause(undeclared);
  return 'skipped';
}

Given("the server's request timeout is at most {int} ms", async function (this: WirecheckWorld, ms: number) {
  return configure(this, { requestTimeoutMs: ms });
});

Given("the server's idle timeout is at most {int} ms", async function (this: WirecheckWorld, ms: number) {
  return configure(this, { idleTimeoutMs: ms });
});

Given('the server accepts at most {int} connections', async function (this: WirecheckWorld, count: number) {
  return configure(this, { maxConnections: count });
});

Given("the server's connection limit is reached", async function (this: WirecheckWorld) {
  this.expect.heldServed(await this.exchanges.holdConnections(this.target.setting('maxConnections')));
});

Given('the server can be configured', function (this: WirecheckWorld) {
  if (this.target.configurable) return undefined;
  this.scenario.notApplicableBecause('the target cannot be configured: the scenario needs a bundled server started with its own settings');
  return 'skipped';
});
