import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { noScenarioLine, readTimeoutOption, tagsOption } from './run-options.js';
import { declareTarget, PART_NAMES, readTargetFile, type PartName } from './target-declaration.js';
import { describeRunTarget, maybeUnreachable, runConformance, type RunTarget } from '../run/conformance-run.js';
import { REPORT_FILES, writeReports } from '../run/reports.js';
import { SUMMARY_FILE } from '../run/summary-json.js';
import { RunProgress } from '../run/run-progress.js';
import { formatRunSummary } from '../run/run-summary.js';
import { VERDICT_MARK } from '../run/verdict-view.js';
import { describeTarget, type DeclaredCapabilities } from '../target/capabilities.js';
import type { Capabilities } from '../target/target.js';

const PROGRAM = 'wirecheck';
const USAGE = `usage: ${PROGRAM} [--host H --port P [--tls [--insecure] [--servername NAME]]] [--target FILE] [--get-path P] [--body-path P] [--echo-path P]
                 [--store | --no-store] [--request-timeout MS] [--idle-timeout MS] [--max-connections N] [--max-messages N]
                 [--tags EXPR] [--timeout MS] [--report-dir DIR] [--pcap FILE] [--junit FILE] [--json FILE] [FEATURE[:LINE]...]
  --host, --port        a foreign target (default: HOST, PORT; neither: the bundled server, started by the run)
  --tls                 the target speaks HTTPS: every connection is TLS (ALPN http/1.1), and what is judged,
                        reported and captured is the bytes inside it (default: TLS=yes|no)
  --insecure            with --tls: accept any certificate, e.g. a self-signed one (default: INSECURE=yes|no)
  --servername NAME     with --tls: the name sent (SNI) and checked in the certificate (default: SERVERNAME, else
                        the host); NODE_EXTRA_CA_CERTS=FILE trusts a CA of one's own
  --target FILE         a YAML file of the same parts, keys named as the flags (default: TARGET_FILE); flags and
                        environment variables win over it
  --get-path P          a path the target answers GET on with 2xx (default: GET_PATH, else /)
  --body-path P         a path that takes a request body (default: BODY_PATH, else the GET path if a POST to it is 2xx)
  --echo-path P         a path whose answer's body holds the request's body (default: ECHO_PATH, else none)
  --store, --no-store   the target has (or has not) the assignment's message store (default: STORE=yes|no, else probed with GET /)
  --request-timeout, --idle-timeout, --max-connections, --max-messages
                        what the target runs with, for the scenarios that wait for it (default: REQUEST_TIMEOUT_MS,
                        IDLE_TIMEOUT_MS, MAX_CONNECTIONS, MAX_MESSAGES; a scenario that needs one not given is n/a)
  --tags EXPR           a Cucumber tag expression (default: TAGS, else every scenario)
  --timeout MS          how long the harness waits for a connection or a response, 100 to 10000 (default:
                        TIMEOUT_MS, else 5000); past it the scenario is a harness error, not the target's failure
  --report-dir DIR      where the reports go (default: REPORT_DIR, else ./reports)
  --junit FILE, --json FILE
                        also write the JUnit XML, or summary.json (docs/summary-json.md), to FILE
  --pcap FILE           also write every connection of the run to FILE, a pcapng capture for Wireshark (default: PCAP)
  FEATURE[:LINE]        run only these feature files, folders or scenarios
  a scenario that needs what the target lacks is not applicable (n/a), and says why
environment:
  STRICT=1              a warning (SHOULD-level) fails the run too
  RETRY=N               how often @slow and @timing scenarios are run again after a failure (default 1; 0: never)
  PARALLEL=N            scenarios at once (default 4; 1 against a foreign message store)
  TAGS, TIMEOUT_MS, REPORT_DIR, PCAP, HOST, PORT, TARGET_FILE and the variables named above: as their flags`;

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
  readonly pcapFile: string | undefined;
  readonly readTimeoutMs: number | undefined;
  /** Where the JUnit XML and summary.json also go. */
  readonly copies: readonly { readonly file: string; readonly to: string }[];
}

function parseCommandLine(): CommandLine {
  const options = {
    host: { type: 'string' },
    port: { type: 'string' },
    tls: { type: 'boolean' },
    insecure: { type: 'boolean' },
    servername: { type: 'string' },
    target: { type: 'string' },
    'get-path': { type: 'string' },
    'body-path': { type: 'string' },
    'echo-path': { type: 'string' },
    store: { type: 'boolean' },
    'no-store': { type: 'boolean' },
    'request-timeout': { type: 'string' },
    'idle-timeout': { type: 'string' },
    'max-connections': { type: 'string' },
    'max-messages': { type: 'string' },
    tags: { type: 'string' },
    timeout: { type: 'string' },
    'report-dir': { type: 'string' },
    pcap: { type: 'string' },
    junit: { type: 'string' },
    json: { type: 'string' },
  } as const;
  const { values, positionals } = parseFlags(process.argv.slice(2), options, { positionals: true, usage: USAGE });
  if (values.store === true && values['no-store'] === true) throw new UsageError('--store and --no-store contradict each other');
  const store = values.store === true ? 'yes' : values['no-store'] === true ? 'no' : undefined;
  const flags: Partial<Record<PartName, string>> = {};
  for (const name of PART_NAMES) {
    const value = name === 'store' ? store : values[name];
    // --tls and --insecure say yes; they have no negation.
    if (value !== undefined) flags[name] = value === true ? 'yes' : String(value);
  }
  const file = values.target ?? maybeNonEmpty(process.env.TARGET_FILE);
  const { target, declared } = declareTarget(flags, process.env, file === undefined ? undefined : readTargetFile(file));
  const pcap = values.pcap ?? maybeNonEmpty(process.env.PCAP);
  // Cucumber runs in the package's folder: the features named here are the caller's paths.
  const paths = positionals.length === 0 ? undefined : positionals.map((path) => resolve(path));
  const tags = tagsOption(values.tags, process.env);
  const readTimeoutMs = readTimeoutOption(values.timeout, process.env);
  const copies = [
    ...(values.junit === undefined ? [] : [{ file: 'conformance.xml', to: resolve(values.junit) }]),
    ...(values.json === undefined ? [] : [{ file: SUMMARY_FILE, to: resolve(values.json) }]),
  ];
  return { target, declared, tags, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports'), paths, pcapFile: pcap === undefined ? undefined : resolve(pcap), readTimeoutMs, copies };
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

function maybeNonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

async function main(): Promise<number> {
  const { target, declared, tags, reportDir, paths, pcapFile, readTimeoutMs, copies } = parseCommandLine();
  const strict = process.env.STRICT === '1';
  let capabilities: Capabilities | undefined;
  let description: string | undefined;
  if (target !== undefined) {
    // One line when the target does not accept connections: better than a wall of failed steps.
    const unreachable = await maybeUnreachable(target);
    if (unreachable !== undefined) fail(unreachable);
    const described = await describeTarget(target, declared);
    process.stdout.write(`target ${describeRunTarget(target)}: ${described.line}\n`);
    ({ capabilities, line: description } = described);
  }
  const marks = progressMarks();
  const run = await runConformance({ target, ...(capabilities === undefined ? {} : { capabilities }), tags, reportDir, ...(paths === undefined ? {} : { paths }), ...(pcapFile === undefined ? {} : { pcapFile }), ...(readTimeoutMs === undefined ? {} : { readTimeoutMs }), output: 'terminal', onMessage: (line) => marks.feed(line) });
  marks.end();
  if (run.envelopes === undefined || run.record === undefined) process.exit(run.cucumberExitCode === 0 ? 1 : run.cucumberExitCode);
  if (run.record.finished && run.record.scenarios.length === 0) fail(noScenarioLine(tags, paths));
  const address = target === undefined ? 'the bundled server' : describeRunTarget(target);
  const judgement = await writeReports(run.envelopes, run.record, reportDir, { target: address, strict, endpoint: target, description, tags, wallMs: run.wallMs });
  for (const { file, to } of copies) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(reportDir, file), to);
  }
  process.stdout.write(`\n${formatRunSummary(run.record.scenarios, run.wallMs, judgement)}\n`);
  for (const problem of run.record.runProblems) process.stdout.write(`${problem}\n`);
  if (run.capture !== undefined) process.stdout.write(`capture: ${pcapFile} (${run.capture.packets} packets of ${run.capture.scenarios} scenario runs)\n`);
  process.stdout.write(`reports: ${[...REPORT_FILES.map((name) => join(reportDir, name)), ...copies.map(({ to }) => to)].join(', ')}\n`);
  return judgement.exitCode;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
