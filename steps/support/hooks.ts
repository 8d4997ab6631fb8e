import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { fileURLToPath } from 'node:url';
import type { ServerLauncher } from '../../src/target/server-settings.js';
import { ScenarioSession } from '../../src/harness/session.js';
import type { TargetServer } from '../../src/target/target.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { WirecheckWorld } from './world.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures', import.meta.url));
const READ_TIMEOUT_MS = 5_000;
/** Dedicated servers are stopped at the end of their scenario: in-flight requests get this long. */
const DEDICATED_SHUTDOWN_MS = 200;
// Bounds every step: the longest wait is a foreign target's 10 s request timeout plus a margin.
setDefaultTimeout(20_000);

let bundled: RunningServer | undefined;
let target: TargetServer;

/** A bundled server of the scenario's own, started with the settings it asks for (SPEC §2.3–2.4). */
const launchDedicated: ServerLauncher = async (settings) => {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    quiet: true,
    shutdownTimeoutMs: DEDICATED_SHUTDOWN_MS,
    ...(settings.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: settings.requestTimeoutMs }),
    ...(settings.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: settings.idleTimeoutMs }),
    ...(settings.maxConnections === undefined ? {} : { maxConnections: settings.maxConnections }),
    ...(settings.maxMessages === undefined ? {} : { store: { maxMessages: settings.maxMessages } }),
  });
  return { target: { host: server.host, port: server.port, bundled: true }, stop: () => server.close() };
};

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
  const options = {
    fixturesDir: FIXTURES_DIR,
    readTimeoutMs: READ_TIMEOUT_MS,
    ignoreBodyTrailingWhitespace: seed,
    ...(target.bundled ? { launcher: launchDedicated } : {}),
  };
  this.session = new ScenarioSession(target, options, (name, text) => this.attach(text, { mediaType: 'text/plain', fileName: name }));
});

After(async function (this: WirecheckWorld) {
  await this.session.dispose();
});
