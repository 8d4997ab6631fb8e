import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { fileURLToPath } from 'node:url';
import { ScenarioSession } from '../../src/harness/session.js';
import type { TargetServer } from '../../src/harness/target.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { WirecheckWorld } from './world.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures', import.meta.url));
const READ_TIMEOUT_MS = 5_000;
setDefaultTimeout(20_000);

let bundled: RunningServer | undefined;
let target: TargetServer;

/** HOST/PORT (passed on as WIRECHECK_HOST/PORT by the runner) name a foreign target; else start ours. */
BeforeAll(async function () {
  const host = process.env.WIRECHECK_HOST;
  const port = process.env.WIRECHECK_PORT;
  if (host !== undefined && port !== undefined) {
    target = { host, port: Number(port), bundled: false };
    return;
  }
  bundled = await startServer({ host: '127.0.0.1', port: 0, quiet: true });
  target = { host: bundled.host, port: bundled.port, bundled: true };
});

AfterAll(async function () {
  await bundled?.close();
});

Before(function (this: WirecheckWorld, { pickle }) {
  // The @seed profile compares bodies as the assignment documented them: trailing whitespace unseen.
  const seed = pickle.tags.some((tag) => tag.name === '@seed');
  const options = { fixturesDir: FIXTURES_DIR, readTimeoutMs: READ_TIMEOUT_MS, ignoreBodyTrailingWhitespace: seed };
  this.session = new ScenarioSession(target, options, (name, text) => this.attach(text, { mediaType: 'text/plain', fileName: name }));
});

After(async function (this: WirecheckWorld) {
  await this.session.dispose();
});
