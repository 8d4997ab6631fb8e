import { join, resolve } from 'node:path';
import { parseFlags, runCli, UsageError, wholeNumber } from './arguments.js';
import { maybeUnreachable, runConformance, type RunTarget } from '../run/conformance-run.js';
import { REPORT_FILES, writeReports } from '../run/reports.js';
import { RunProgress } from '../run/run-progress.js';
import { formatRunSummary } from '../run/run-summary.js';
import { VERDICT_MARK } from '../run/verdict-view.js';
import { describeTarget, type DeclaredCapabilities } from '../target/capabilities.js';
import { DECLARED_BY, type ServerSettings, type SettingName } from '../target/server-settings.js';
import type { Capabilities } from '../target/target.js';

const PROGRAM = 'wirecheck';
const USAGE = `usage: ${PROGRAM} [--host H --port P] [--store | --no-store] [--request-timeout MS] [--idle-timeout MS]
                 [--max-connections N] [--max-messages N] [--tags EXPR] [--report-dir DIR] [FEATURE[:LINE]...]
  --store, --no-store   the target has (or has not) the assignment's message store (default: STORE=yes|no, else probed with GET /)
  --request-timeout, --idle-timeout, --max-connections, --max-messages
                        what the target runs with, for the scenarios that wait for it (default: REQUEST_TIMEOUT_MS,
                        IDLE_TIMEOUT_MS, MAX_CONNECTIONS, MAX_MESSAGES; a scenario that needs one not given is n/a)`;

/** Not a usage error, but as short: one line on stderr, exit code 2. */
function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(2);
}

interface CommandLine {
  readonly target: RunTarget | undefined;
  readonly declared: DeclaredCapabilities;
  readonly tags: string | undefined;
  readonly reportDir: string;
  readonly paths: string[] | undefined;
}

function parseCommandLine(): CommandLine {
  const options = {
    host: { type: 'string' },
    port: { type: 'string' },
    store: { type: 'boolean' },
    'no-store': { type: 'boolean' },
    'request-timeout': { type: 'string' },
    'idle-timeout': { type: 'string' },
    'max-connections': { type: 'string' },
    'max-messages': { type: 'string' },
    tags: { type: 'string' },
    'report-dir': { type: 'string' },
  } as const;
  const { values, positionals } = parseFlags(process.argv.slice(2), options, { positionals: true, usage: USAGE });
  const host = values.host ?? process.env.HOST;
  const port = values.port ?? process.env.PORT;
  if ((host === undefined) !== (port === undefined)) throw new UsageError('give both a host and a port (HOST and PORT), or neither to test the bundled server');
  let target: RunTarget | undefined;
  if (host !== undefined && port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new UsageError(`port must be a number from 1 to 65535, got ${JSON.stringify(port)}`);
    target = { host, port: Number(port) };
  }
  // Cucumber runs in the package's folder: the features named here are the caller's paths.
  const paths = positionals.length === 0 ? undefined : positionals.map((path) => resolve(path));
  const settings = declaredSettings({ requestTimeoutMs: values['request-timeout'], idleTimeoutMs: values['idle-timeout'], maxConnections: values['max-connections'], maxMessages: values['max-messages'] });
  return { target, declared: { ...declaredStore(values.store, values['no-store']), settings }, tags: values.tags ?? process.env.TAGS, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports'), paths };
}

/** `--store`/`--no-store`, else STORE=yes|no, else nothing declared (the run probes). */
function declaredStore(store: boolean | undefined, noStore: boolean | undefined): DeclaredCapabilities {
  if (store === true && noStore === true) throw new UsageError('--store and --no-store contradict each other');
  if (store === true || noStore === true) return { store: store === true };
  const env = process.env.STORE;
  if (env === undefined || env === '') return {};
  if (env !== 'yes' && env !== 'no') throw new UsageError(`STORE must be yes or no, got ${JSON.stringify(env)}`);
  return { store: env === 'yes' };
}

/** One mark per scenario as it ends (✓ ✗ ! – ⚠), a line of them at a time. */
function progressMarks(): { feed(line: string): void; end(): void } {
  const progress = new RunProgress();
  return {
    feed(line) {
      const verdict = progress.feed(line);
      if (verdict === undefined) return;
      process.stdout.write(VERDICT_MARK[verdict]);
      if (progress.finished % MARKS_PER_LINE === 0) process.stdout.write('\n');
    },
    end() {
      if (progress.finished % MARKS_PER_LINE !== 0) process.stdout.write('\n');
    },
  };
}

const MARKS_PER_LINE = 80;

/** Each setting from its flag, else its environment variable; left out when neither says. */
function declaredSettings(flags: Readonly<Record<SettingName, string | undefined>>): ServerSettings {
  const settings: Partial<Record<SettingName, number>> = {};
  for (const name of Object.keys(DECLARED_BY) as SettingName[]) {
    const { env, flag } = DECLARED_BY[name];
    const fromFlag = flags[name];
    const fromEnv = maybeNonEmpty(process.env[env]);
    if (fromFlag !== undefined) settings[name] = wholeNumber(flag.slice(2), fromFlag, 0, 1, Number.MAX_SAFE_INTEGER);
    else if (fromEnv !== undefined) {
      if (!/^[1-9]\d*$/.test(fromEnv)) throw new UsageError(`${env} must be a whole number of at least 1, got ${JSON.stringify(fromEnv)}`);
      settings[name] = Number(fromEnv);
    }
  }
  return settings;
}

function maybeNonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

async function main(): Promise<number> {
  const { target, declared, tags, reportDir, paths } = parseCommandLine();
  const strict = process.env.STRICT === '1';
  let capabilities: Capabilities | undefined;
  if (target !== undefined) {
    // One line when the target does not accept connections: better than a wall of failed steps.
    const unreachable = await maybeUnreachable(target);
    if (unreachable !== undefined) fail(unreachable);
    const description = await describeTarget(target, declared);
    process.stdout.write(`target ${target.host}:${target.port}: ${description.line}\n`);
    capabilities = description.capabilities;
  }
  const marks = progressMarks();
  const run = await runConformance({ target, ...(capabilities === undefined ? {} : { capabilities }), tags, reportDir, ...(paths === undefined ? {} : { paths }), output: 'terminal', onMessage: (line) => marks.feed(line) });
  marks.end();
  if (run.envelopes === undefined || run.record === undefined) process.exit(run.cucumberExitCode === 0 ? 1 : run.cucumberExitCode);
  const judgement = await writeReports(run.envelopes, run.record, reportDir, { target: target === undefined ? 'the bundled server' : `${target.host}:${target.port}`, strict });
  process.stdout.write(`\n${formatRunSummary(run.record.scenarios, run.wallMs, judgement)}\n`);
  for (const problem of run.record.runProblems) process.stdout.write(`${problem}\n`);
  process.stdout.write(`reports: ${REPORT_FILES.map((name) => join(reportDir, name)).join(', ')}\n`);
  return judgement.exitCode;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
