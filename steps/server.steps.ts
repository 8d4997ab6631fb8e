import { Given } from '@cucumber/cucumber';
import type { WirecheckWorld } from './support/world.js';

// What a scenario needs of the server's configuration: a dedicated bundled server with those
// settings, or, against a foreign target, the documented defaults assumed (docs/steps.md).

Given("the server's request timeout is at most {int} ms", async function (this: WirecheckWorld, ms: number) {
  await this.session.configure({ requestTimeoutMs: ms });
});

Given("the server's idle timeout is at most {int} ms", async function (this: WirecheckWorld, ms: number) {
  await this.session.configure({ idleTimeoutMs: ms });
});

Given('the server accepts at most {int} connections', async function (this: WirecheckWorld, count: number) {
  await this.session.configure({ maxConnections: count });
});

Given("the server's connection limit is reached", async function (this: WirecheckWorld) {
  await this.session.holdConnections(this.session.setting('maxConnections'));
});
