import { After, AfterAll, AfterStep, Before, BeforeAll, setDefaultTimeout, setDefinitionFunctionWrapper, Status } from '@cucumber/cucumber';
import { fileURLToPath } from 'node:url';
import { captureScenario } from '../../src/capture/capture-file.js';
import { FINDING_MEDIA_TYPE } from '../../src/findings/finding.js';
import { levelOfTags, maybeNotForTarget, ruleOfTags } from '../../src/findings/scenario-rule.js';
import { stepEnding } from '../../src/harness/harness-errors.js';
import { Scenario } from '../../src/harness/scenario.js';
import { definedStepPatterns, firstUndefinedStep, STEPS_DOC, undefinedStepHint } from '../../src/harness/step-vocabulary.js';
import type { ServerLauncher } from '../../src/target/server-settings.js';
import { decodeCapabilities } from '../../src/target/capabilities.js';
import { BUNDLED_CAPABILITIES, type TargetServer } from '../../src/target/target.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { WirecheckWorld } from './world.js';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures', import.meta.url));
const STEP_PATTERNS = definedStepPatterns(fileURLToPath(new URL('..', import.meta.url)));
const READ_TIMEOUT_MS = Number(process.env.WIRECHECK_READ_TIMEOUT_MS ?? 5_000);
/** Dedicated servers are stopped at the end of their scenario: in-flight requests get this long. */
const DEDICATED_SHUTDOWN_MS = 200;
// A backstop only: every wait of the harness is bounded well below it, so Cucumber's own
// timeout firing is the harness failing (an `error` verdict), never a finding.
setDefaultTimeout(60_000);

// Every step and hook: a SHOULD- or MAY-level check that stops a scenario ends it as pending,
// not failed, so that Cucumber neither retries it nor counts it as a failure (the finding decides).
setDefinitionFunctionWrapper(
  (definition: (...args: unknown[]) => unknown) =>
    async function (this: unknown, ...args: unknown[]) {
      try {
        return await definition.apply(this, args);
      } catch (error) {
        return stepEnding(error);
      }
    },
);

let bundled: RunningServer | undefined;
let target: TargetServer;

/** A bundled server of the scenario's own, started with the settings it asks for (SPEC §2.3–2.4). */
const launchDedicated: ServerLauncher = async (settings) => {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    quiet: true,
    echoPath: BUNDLED_CAPABILITIES.paths.echo,
    shutdownTimeoutMs: DEDICATED_SHUTDOWN_MS,
    ...(settings.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: settings.requestTimeoutMs }),
    ...(settings.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: settings.idleTimeoutMs }),
    ...(settings.maxConnections === undefined ? {} : { maxConnections: settings.maxConnections }),
    ...(settings.maxMessages === undefined ? {} : { store: { maxMessages: settings.maxMessages } }),
  });
  return { target: { host: server.host, port: server.port, bundled: true, capabilities: BUNDLED_CAPABILITIES }, stop: () => server.close() };
};

/**
 * HOST/PORT (passed on as WIRECHECK_HOST/PORT by the runner) name a foreign target, with what the
 * runner found it has (WIRECHECK_CAPABILITIES); else start ours.
 */
BeforeAll(async function () {
  const host = process.env.WIRECHECK_HOST;
  const port = process.env.WIRECHECK_PORT;
  if (host !== undefined && port !== undefined) {
    target = { host, port: Number(port), bundled: false, capabilities: decodeCapabilities(process.env.WIRECHECK_CAPABILITIES) };
    return;
  }
  bundled = await startServer({ host: '127.0.0.1', port: 0, quiet: true, echoPath: BUNDLED_CAPABILITIES.paths.echo });
  target = { host: bundled.host, port: bundled.port, bundled: true, capabilities: BUNDLED_CAPABILITIES };
});

AfterAll(async function () {
  await bundled?.close();
});

Before(function (this: WirecheckWorld, { pickle }) {
  const tags = pickle.tags.map((tag) => tag.name);
  this.scenario = new Scenario(
    {
      target,
      launcher: target.bundled ? launchDedicated : undefined,
      fixturesDir: FIXTURES_DIR,
      readTimeoutMs: READ_TIMEOUT_MS,
      level: levelOfTags(tags),
      rule: ruleOfTags(tags),
      // The @seed profile compares bodies as the assignment documented them: trailing whitespace unseen.
      ignoreBodyTrailingWhitespace: tags.includes('@seed'),
    },
    (name, text) => this.attach(text, { mediaType: 'text/plain', fileName: name }),
  );
  const notHere = maybeNotForTarget(tags, target);
  if (notHere === undefined) return undefined;
  this.scenario.notApplicableBecause(notHere);
  return 'skipped';
});

AfterStep(function (this: WirecheckWorld, { result, error }) {
  if (result.status === Status.FAILED) this.scenario.stepFailed(error);
});

/** The scenario's one finding, attached for every report; Cucumber's status is made to agree with it. */
After(async function (this: WirecheckWorld, { pickle, result }) {
  if (result?.status === Status.UNDEFINED) this.scenario.stepNotRun(undefinedStepMessage(pickle.steps.map((step) => step.text)));
  if (result?.status === Status.AMBIGUOUS) this.scenario.stepNotRun(`a step matches more than one definition: ${result.message ?? ''}`);
  const finding = await this.scenario.end();
  captureScenario(pickle.name, this.scenario.exchanges.transcripts);
  this.attach(JSON.stringify(finding), { mediaType: FINDING_MEDIA_TYPE });
  const failedAlready = result?.status === Status.FAILED;
  if ((finding.verdict === 'fail' || finding.verdict === 'error') && !failedAlready) throw new Error(`${finding.verdict}: ${finding.summary ?? ''}`);
});

/** Which step has no definition, and the one its author probably meant: a typo is no reason to write code. */
function undefinedStepMessage(texts: readonly string[]): string {
  const text = firstUndefinedStep(texts, STEP_PATTERNS);
  return text === undefined ? `a step has no definition (${STEPS_DOC} lists every step)` : undefinedStepHint(text, STEP_PATTERNS);
}
