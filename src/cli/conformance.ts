import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { CUCUMBER_FLAGS, cucumberArguments } from './cucumber-options.js';
import { noScenarioLine, readTimeoutOption, tagsOption } from './run-options.js';
import { declareTarget, PART_NAMES, readTargetFile, type PartName } from './target-declaration.js';
import { CUCUMBER_CONFIG, describeRunTarget, maybeUnreachable, runConformance, type RunTarget } from '../run/conformance-run.js';
import { REPORT_FILES, writeReports } from '../run/reports.js';
import { PACKAGE_ROOT, SUMMARY_FILE } from '../run/summary-json.js';
import { progressMarks } from '../run/run-progress.js';
import { closingText } from '../run/run-summary.js';
import { describeTarget, type DeclaredCapabilities } from '../target/capabilities.js';
import type { Capabilities } from '../target/target.js';

const PROGRAM = 'wirecheck';
const USAGE = `usage: ${PROGRAM} [--host H --port P [--tls [--insecure] [--servername NAME]]] [--target FILE] [--get-path P] [--body-path P] [--echo-path P]
                 [--store | --no-store] [--request-timeout MS] [--idle-timeout MS] [--max-connections N] [--max-messages N]
                 [--tags EXPR] [--timeout MS] [--report-dir DIR] [--pcap FILE] [--junit FILE] [--json FILE]
                 [--name REGEXP] [--format NAME[:FILE]] [--parallel N] [--profile NAME] [FEATURE[:LINE]...]
       (in a clone: npm run conformance -- the same)
  --host, --port        a foreign target (default: HOST, PORT; one alone: host 127.0.0.1, port 8080, as for the
                        client; neither: the bundled server, started by the run)
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
  FEATURE[:LINE]        run only these feature files, folders or scenarios: paths from here, else the suite's own
                        (features/seed/messages.feature:17 works from any folder)
  a scenario that needs what the target lacks is not applicable (n/a), and says why
Cucumber's own options, passed on to it:
  --name REGEXP         only the scenarios whose name matches (repeatable)
  --format NAME[:FILE]  one more Cucumber formatter (repeatable), e.g. json:run.json; without a FILE it writes
                        to the terminal beside the runner's own output
  --parallel N          scenarios at once, 0 to 64 (default: PARALLEL, else 4; 1 against a foreign message store)
  --profile NAME        a profile of cucumber.js (a named export), over the suite's own settings (repeatable)
environment:
  STRICT=1              a warning (SHOULD-level) fails the run too
  RETRY=N               how often @slow and @timing scenarios are run again after a failure (default 1; 0: never)
  PARALLEL=N            as --parallel
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
  readonly cucumberArgs: readonly string[];
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
    ...CUCUMBER_FLAGS,
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
  const paths = positionals.length === 0 ? undefined : positionals.map(featurePath);
  const tags = tagsOption(values.tags, process.env);
  const readTimeoutMs = readTimeoutOption(values.timeout, process.env);
  const copies = [
    ...(values.junit === undefined ? [] : [{ file: 'conformance.xml', to: resolve(values.junit) }]),
    ...(values.json === undefined ? [] : [{ file: SUMMARY_FILE, to: resolve(values.json) }]),
  ];
  const cucumberArgs = cucumberArguments(values, CUCUMBER_CONFIG, process.cwd());
  return { target, declared, tags, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports'), paths, pcapFile: pcap === undefined ? undefined : resolve(pcap), readTimeoutMs, cucumberArgs, copies };
}

/**
 * A FEATURE[:LINE] as Cucumber, which runs in the package's folder, finds it: the caller's path,
 * else (from another folder) the suite's own `features/…`, as the summary names them.
 */
function featurePath(argument: string): string {
  const [, file = '', lines = ''] = /^(.*?)((?::\d+)*)$/.exec(argument) ?? [];
  const candidates = [resolve(file), ...(isAbsolute(file) ? [] : [join(PACKAGE_ROOT, file)])];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new UsageError(`no feature file or folder ${file} here${isAbsolute(file) ? '' : ' nor in the suite'}`);
  return `${found}${lines}`;
}

function maybeNonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

async function main(): Promise<number> {
  const { target, declared, tags, reportDir, paths, pcapFile, readTimeoutMs, cucumberArgs, copies } = parseCommandLine();
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
  const marks = progressMarks((text) => process.stdout.write(text));
  const run = await runConformance({ target, ...(capabilities === undefined ? {} : { capabilities }), tags, reportDir, ...(paths === undefined ? {} : { paths }), ...(pcapFile === undefined ? {} : { pcapFile }), ...(readTimeoutMs === undefined ? {} : { readTimeoutMs }), cucumberArgs, output: 'terminal', onMessage: (line) => marks.feed(line) });
  marks.end();
  if (run.envelopes === undefined || run.record === undefined) process.exit(run.cucumberExitCode === 0 ? 1 : run.cucumberExitCode);
  if (run.record.finished && run.record.scenarios.length === 0) fail(noScenarioLine(tags, paths));
  const address = target === undefined ? 'the bundled server' : describeRunTarget(target);
  const judgement = await writeReports(run.envelopes, run.record, reportDir, { target: address, strict, endpoint: target, description, tags, wallMs: run.wallMs });
  for (const { file, to } of copies) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(reportDir, file), to);
  }
  const capture = run.capture === undefined ? [] : [`capture: ${pcapFile} (${run.capture.packets} packets of ${run.capture.scenarios} scenario runs)`];
  process.stdout.write(closingText(run.record, run.wallMs, judgement, [...capture, `reports: ${[...REPORT_FILES.map((name) => join(reportDir, name)), ...copies.map(({ to }) => to)].join(', ')}`]));
  return judgement.exitCode;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
