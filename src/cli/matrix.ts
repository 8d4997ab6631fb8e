/**
 * `npm run matrix -- bundled node-http nginx mine=127.0.0.1:9000`: the conformance suite against
 * each target, two at a time by default (`--jobs`), then one matrix of every scenario against every target
 * (`reports/matrix.html` and `reports/matrix.md`). Other servers are expected to differ, so the
 * exit code is 0 unless `--fail-on NAME` names a target that failed. `--from DIR...` builds the
 * same matrix from report folders of runs made elsewhere, starting nothing. See docs/matrix.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { noScenarioLine, readTimeoutOption, tagsOption } from './run-options.js';
import { startNodeHello } from '../peers/node-hello.js';
import { maybePanelPeer, PANEL, type PanelPeer } from '../peers/panel.js';
import { isInstalled, startProgramPeer } from '../peers/program-peer.js';
import { startNodeHttpPeer } from '../peers/node-http.js';
import type { RunningServer } from '../peers/listen.js';
import { describeRunTarget, maybeUnreachable, runConformance, type RunTarget } from '../run/conformance-run.js';
import { buildMatrix, rowDiffers, type MatrixTarget, type TargetNotRun } from '../run/matrix.js';
import { renderMatrixHtml } from '../run/matrix-html.js';
import { renderMatrixJson } from '../run/matrix-json.js';
import { renderMatrixMarkdown } from '../run/matrix-markdown.js';
import { readReportFolder, runProblemsOf, type ReadFolder } from '../run/report-folder.js';
import { writeReports } from '../run/reports.js';
import { RunProgress } from '../run/run-progress.js';
import { countsLine } from '../run/verdict-view.js';
import { countVerdicts } from '../findings/verdict.js';
import { describeTarget } from '../target/capabilities.js';
import { wholeNumber } from './arguments.js';

const PROGRAM = 'wirecheck-matrix';
/** The targets the matrix starts in-process; the panel's programs come from src/peers/panel.ts. */
const IN_PROCESS = ['bundled', 'node-http', 'node-hello'] as const;
const STARTED = [...IN_PROCESS, ...PANEL.map((peer) => peer.name)];
const USAGE = `usage: npm run matrix -- [TARGET...] [--tags EXPR] [--features PATH]... [--timeout MS] [--report-dir DIR] [--jobs N] [--fail-on NAME]... [--insecure]
       npm run matrix -- --from [NAME=]DIR... [--report-dir DIR] [--fail-on NAME]...
  TARGET   ${STARTED.join(' | ')}
           | panel (every one of those but bundled) | NAME=HOST:PORT | NAME=https://HOST:PORT (over TLS)
           | NAME=one of the above
           (default: bundled node-http nginx)
  --tags   a Cucumber tag expression (default: TAGS, else every scenario of the default run)
  --features PATH  run only these feature files or folders (FILE[:LINE]; repeatable)
  --timeout MS     how long the harness waits for a connection or a response, 100 to 10000 (default: TIMEOUT_MS, else 5000)
  --jobs   how many targets run at once (default 2; each is its own Cucumber process and port)
  --report-dir DIR where matrix.html, matrix.md and each target's reports (matrix/NAME/) go (default: REPORT_DIR, else ./reports)
  --from DIR...    no run: the report folders of earlier conformance runs (each with messages.ndjson and
                   summary.json), one target each, named NAME or after the folder
  --insecure       accept any certificate of the https:// targets, e.g. a self-signed one
                   (else NODE_EXTRA_CA_CERTS=FILE trusts a CA of one's own)
  --fail-on NAME   exit 1 when that target has a fail or error (repeatable; STRICT=1 counts warnings)
environment:
  STRICT=1         a warning (SHOULD-level) counts as a failure for --fail-on
  RETRY=N          how often @slow and @timing scenarios are run again after a failure (default 1; 0: never)
  PARALLEL=N       scenarios at once in each target's run (default 4; 1 against a foreign message store)
  TAGS, TIMEOUT_MS, REPORT_DIR: as their flags`;
const DEFAULT_TARGETS = ['bundled', 'node-http', 'nginx'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Each target's progress is a line each time its run passes another quarter. */
const PROGRESS_STEPS = 4;
const DEFAULT_JOBS = 2;

type InProcess = (typeof IN_PROCESS)[number];

/** A run made earlier, elsewhere: its report folder. */
interface FromFolder {
  readonly name: string;
  readonly dir: string;
}

/** A target as given: one the matrix starts itself, or a server already listening somewhere. */
type TargetSpec =
  | { readonly name: string; readonly launch: InProcess }
  | { readonly name: string; readonly peer: PanelPeer }
  | { readonly name: string; readonly address: RunTarget };

interface CommandLine {
  readonly specs: TargetSpec[];
  /** With `--from`, the folders to merge, and no specs. */
  readonly from: FromFolder[];
  readonly tags: string | undefined;
  readonly paths: string[] | undefined;
  readonly reportDir: string;
  readonly failOn: string[];
  readonly jobs: number;
  readonly readTimeoutMs: number | undefined;
}

function parseCommandLine(): CommandLine {
  const { values, positionals } = parseFlags(
    process.argv.slice(2),
    {
      tags: { type: 'string' },
      features: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'report-dir': { type: 'string' },
      jobs: { type: 'string' },
      'fail-on': { type: 'string', multiple: true },
      from: { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
    },
    { positionals: true, usage: USAGE },
  );
  // `--from a b`: every word after it is a folder too, so that a shell glob can name them.
  const from = values.from === undefined ? [] : [...values.from, ...positionals].map(parseFromFolder);
  if (from.length > 0) {
    const runFlags = (['tags', 'features', 'timeout', 'jobs', 'insecure'] as const).filter((flag) => values[flag] !== undefined);
    if (runFlags.length > 0) throw new UsageError(`--from runs nothing: --${runFlags[0]} has no use with it (the runs were made with theirs)`);
  }
  const given = from.length > 0 ? [] : positionals.length > 0 ? positionals : DEFAULT_TARGETS;
  const insecure = values.insecure === true;
  const specs = given.flatMap((text) => (text === 'panel' ? STARTED.filter((name) => name !== 'bundled') : [text])).map((text) => parseTarget(text, insecure));
  if (insecure && !specs.some((spec) => 'address' in spec && spec.address.tls !== undefined)) throw new UsageError('--insecure is for https:// targets (NAME=https://HOST:PORT): none was given');
  const names = new Set<string>();
  for (const { name } of [...specs, ...from]) {
    if (names.has(name)) throw new UsageError(`two targets are named ${JSON.stringify(name)}: give one a name of its own (NAME=${from.length > 0 ? 'DIR' : 'HOST:PORT'})`);
    names.add(name);
  }
  const failOn = values['fail-on'] ?? [];
  for (const name of failOn) if (!names.has(name)) throw new UsageError(`--fail-on ${JSON.stringify(name)} is not one of the targets (${[...names].join(', ')})`);
  const jobs = wholeNumber('jobs', values.jobs, DEFAULT_JOBS, 1, 16);
  const paths = values.features?.map((path) => resolve(path));
  const tags = from.length > 0 ? undefined : tagsOption(values.tags, process.env);
  const readTimeoutMs = from.length > 0 ? undefined : readTimeoutOption(values.timeout, process.env);
  return { specs, from, tags, paths, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports'), failOn, jobs, readTimeoutMs };
}

/** `DIR`, named after the folder, or `NAME=DIR`. */
function parseFromFolder(text: string): FromFolder {
  const named = /^([^=/\\]+)=(.+)$/.exec(text);
  const dir = resolve(named?.[2] ?? text);
  const name = named?.[1] ?? basename(dir);
  if (!NAME.test(name)) throw new UsageError(`--from ${JSON.stringify(text)}: a target's name is letters, digits, '.', '_' and '-' (give one: NAME=DIR)`);
  return { name, dir };
}

/** A started target's name, `NAME=HOST:PORT`, `NAME=https://HOST:PORT`, or `NAME=` a started target's name. */
function parseTarget(text: string, insecure: boolean): TargetSpec {
  const equals = text.indexOf('=');
  const name = equals < 0 ? text : text.slice(0, equals);
  const value = equals < 0 ? text : text.slice(equals + 1);
  if (!NAME.test(name)) throw new UsageError(`a target's name is letters, digits, '.', '_' and '-' (it names its report folder), got ${JSON.stringify(name)}`);
  const inProcess = IN_PROCESS.find((launch) => launch === value);
  if (inProcess !== undefined) return { name, launch: inProcess };
  const peer = maybePanelPeer(value);
  if (peer !== undefined) return { name, peer };
  if (equals < 0) throw new UsageError(`unknown target ${JSON.stringify(text)}: give ${STARTED.join(', ')}, panel or NAME=HOST:PORT`);
  const match = /^(https?:\/\/)?(?:\[([^\]]+)\]|([^:/]+)):(\d+)\/?$/.exec(value);
  const port = Number(match?.[4]);
  if (match === null || port < 1 || port > 65535) throw new UsageError(`target ${JSON.stringify(text)}: expected NAME=HOST:PORT or NAME=https://HOST:PORT with a port from 1 to 65535`);
  const tls = match[1] === 'https://' ? { tls: insecure ? { insecure } : {} } : {};
  return { name, address: { host: match[2] ?? match[3]!, port, ...tls } };
}

/** A target made ready to run: where it is, what is declared of it, and how to stop it if the matrix started it. */
interface ReadyTarget {
  readonly run: RunTarget | undefined;
  readonly address: string;
  readonly server: RunningServer | undefined;
  readonly declared?: PanelPeer['declared'];
}

/** Starts the target when the matrix is to start it; returns why it cannot be run otherwise. */
async function prepare(spec: TargetSpec): Promise<ReadyTarget | string> {
  if ('address' in spec) {
    const unreachable = await maybeUnreachable(spec.address);
    return unreachable ?? { run: spec.address, address: describeRunTarget(spec.address), server: undefined };
  }
  if ('peer' in spec) {
    const { peer } = spec;
    if (!isInstalled(peer)) return `${peer.name} is not installed (${peer.install})`;
    try {
      const server = await startProgramPeer(peer);
      return { run: server, address: `${peer.what} on ${server.host}:${server.port}`, server, ...(peer.declared === undefined ? {} : { declared: peer.declared }) };
    } catch (error) {
      return `${peer.name} did not start: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  switch (spec.launch) {
    case 'bundled':
      // The suite starts it itself (and a dedicated one for each @slow scenario's short timeouts).
      return { run: undefined, address: 'the bundled server', server: undefined };
    case 'node-http': {
      const server = await startNodeHttpPeer({ port: 0 });
      return { run: server, address: `src/peers/node-http.ts on ${server.host}:${server.port}`, server };
    }
    case 'node-hello': {
      const server = await startNodeHello({ port: 0 });
      return { run: server, address: `node:http's hello world (src/peers/node-hello.ts) on ${server.host}:${server.port}`, server };
    }
  }
}

/** Shows one run's progress: a line each time it passes another quarter. */
function progressReporter(prefix: string): (line: string) => void {
  const progress = new RunProgress();
  let quarter = 0;
  return (line) => {
    if (progress.feed(line) === undefined) return;
    if (progress.total > 0 && progress.finished * PROGRESS_STEPS >= (quarter + 1) * progress.total && progress.finished < progress.total) {
      quarter = Math.floor((progress.finished * PROGRESS_STEPS) / progress.total);
      process.stdout.write(`${prefix} ${progress.describe()}\n`);
    }
  };
}

/** What came of one target: its column of the matrix, or why it was not run. */
type TargetResult = { readonly target: MatrixTarget } | { readonly notRun: TargetNotRun };

/** Runs in flight, so that a signal stops every suite and server this matrix started. */
const inFlight = new Set<{ readonly server: RunningServer | undefined; readonly abort: AbortController }>();

interface RunOptions {
  readonly tags: string | undefined;
  readonly paths: string[] | undefined;
  readonly reportDir: string;
  readonly strict: boolean;
  readonly readTimeoutMs: number | undefined;
}

async function runTarget(spec: TargetSpec, prefix: string, options: RunOptions): Promise<TargetResult> {
  const ready = await prepare(spec);
  if (typeof ready === 'string') {
    process.stdout.write(`${prefix} not run: ${ready}\n`);
    return { notRun: { name: spec.name, reason: ready } };
  }
  const current = { server: ready.server, abort: new AbortController() };
  inFlight.add(current);
  try {
    const description = ready.run === undefined ? undefined : await describeTarget(ready.run, ready.declared);
    process.stdout.write(`${prefix} ${ready.address}${description === undefined ? '' : `; ${description.line}`}\n`);
    const dir = join(options.reportDir, 'matrix', spec.name);
    const capabilities = description === undefined ? {} : { capabilities: description.capabilities };
    const run = await runConformance({
      target: ready.run,
      ...capabilities,
      tags: options.tags,
      ...(options.paths === undefined ? {} : { paths: options.paths }),
      ...(options.readTimeoutMs === undefined ? {} : { readTimeoutMs: options.readTimeoutMs }),
      reportDir: dir,
      output: { file: join(dir, 'cucumber-output.txt') },
      onMessage: progressReporter(prefix),
      signal: current.abort.signal,
    });
    if (run.envelopes === undefined || run.record === undefined) {
      const reason = `Cucumber exited with code ${run.cucumberExitCode} before writing its message stream (see ${join(dir, 'cucumber-output.txt')})`;
      process.stdout.write(`${prefix} not run: ${reason}\n`);
      return { notRun: { name: spec.name, reason } };
    }
    const meta = { target: ready.address, strict: options.strict, endpoint: ready.run, description: description?.line, tags: options.tags, wallMs: run.wallMs };
    const { counts, passedOnRetry } = await writeReports(run.envelopes, run.record, dir, meta);
    const retried = passedOnRetry.length > 0 ? ` (${passedOnRetry.length} passed only on retry)` : '';
    process.stdout.write(`${prefix} ${run.record.scenarios.length} scenarios in ${(run.wallMs / 1000).toFixed(1)} s: ${countsLine(counts)}${retried}\n`);
    const runProblems = runProblemsOf(run.record);
    for (const problem of runProblems) process.stdout.write(`${prefix} ${problem}\n`);
    return {
      target: {
        name: spec.name,
        address: ready.address,
        reportHref: `matrix/${spec.name}/conformance.html`,
        sectionsHref: `matrix/${spec.name}/sections.html`,
        scenarios: run.record.scenarios,
        wallMs: run.wallMs,
        runProblems,
      },
    };
  } finally {
    inFlight.delete(current);
    await ready.server?.close();
  }
}

/** Runs made elsewhere, read from their report folders: columns like any other; a folder that is none is a usage error. */
function readFolders(from: readonly FromFolder[], reportDir: string): ReadFolder[] {
  return from.map((folder) => {
    const read = readReportFolder(folder.dir, folder.name, reportDir);
    if (typeof read === 'string') throw new UsageError(`--from ${folder.dir}: not a conformance run's report folder: ${read}`);
    return read;
  });
}

/** What a merged run was, in the lines a run of the matrix's own prints. */
function describeFolder({ target, summary }: ReadFolder, prefix: string, dir: string): void {
  process.stdout.write(`${prefix} ${target.address}${summary.target.description === null ? '' : `; ${summary.target.description}`} (from ${dir})\n`);
  const counts = countVerdicts(target.scenarios.map((run) => run.finding.verdict));
  process.stdout.write(`${prefix} ${target.scenarios.length} scenarios in ${(target.wallMs / 1000).toFixed(1)} s: ${countsLine(counts)}\n`);
  for (const problem of target.runProblems) process.stdout.write(`${prefix} ${problem}\n`);
}

/** The tag expression of runs merged: theirs when they agree, every one of them when they do not. */
function mergedTags(tags: readonly (string | null)[]): string | undefined {
  const distinct = [...new Set(tags.map((t) => t ?? ''))];
  return distinct.length === 1 ? distinct[0] : distinct.map((t) => (t === '' ? 'every scenario' : t)).join('; ');
}

/** Runs `work` on every item, at most `jobs` at once; the results keep the items' order. */
async function inPool<T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

/** A matrix that cannot be made: one line on stderr, exit code 2 (as for a usage error). */
function stop(message: string): number {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  return 2;
}

async function main(): Promise<number> {
  const { specs, from, tags: runTags, paths, reportDir, failOn, jobs, readTimeoutMs } = parseCommandLine();
  const strict = process.env.STRICT === '1';
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Stop the suites and the servers this matrix started, then go: nothing is left listening.
      for (const run of inFlight) run.abort.abort();
      void Promise.all([...inFlight].map((run) => run.server?.close())).finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  let results: TargetResult[];
  let tags = runTags;
  if (from.length > 0) {
    const read = readFolders(from, reportDir);
    process.stdout.write(`matrix: ${from.length} report folder${from.length === 1 ? '' : 's'}, nothing run; the matrix in ${reportDir}\n`);
    read.forEach((folder, i) => describeFolder(folder, `[${i + 1}/${from.length}] ${from[i]!.name}:`, from[i]!.dir));
    results = read.map(({ target }) => ({ target }));
    tags = mergedTags(read.map(({ summary }) => summary.tags));
  } else {
    process.stdout.write(`matrix: ${specs.length} target${specs.length === 1 ? '' : 's'}, ${jobs} at a time, ${tags === undefined || tags === '' ? 'every scenario' : `tags ${tags}`}; reports in ${join(reportDir, 'matrix')}\n`);
    results = await inPool(specs, jobs, (spec, i) => runTarget(spec, `[${i + 1}/${specs.length}] ${spec.name}:`, { tags, paths, reportDir, strict, readTimeoutMs }));
  }
  const targets = results.flatMap((result) => ('target' in result ? [result.target] : []));
  const notRun = results.flatMap((result) => ('notRun' in result ? [result.notRun] : []));
  // One line, not a matrix of nothing: no target to compare, or no scenario that any of them ran.
  if (targets.length === 0) return stop(`no target could be run: ${notRun.map(({ name, reason }) => `${name}: ${reason}`).join('; ')}`);
  if (targets.every((target) => target.scenarios.length === 0 && target.runProblems.length === 0)) return stop(noScenarioLine(tags, paths));

  const matrix = buildMatrix(targets, notRun, { strict, tags, generatedAt: new Date() });
  mkdirSync(reportDir, { recursive: true });
  const html = join(reportDir, 'matrix.html');
  const markdown = join(reportDir, 'matrix.md');
  writeFileSync(html, renderMatrixHtml(matrix));
  writeFileSync(markdown, renderMatrixMarkdown(matrix));
  writeFileSync(join(reportDir, 'matrix.json'), renderMatrixJson(matrix));
  const differing = matrix.sections.flatMap((s) => s.rows).filter(rowDiffers).length;
  process.stdout.write(`matrix: ${matrix.sections.reduce((n, s) => n + s.rows.length, 0)} scenarios × ${targets.length} targets in ${((Date.now() - started) / 1000).toFixed(1)} s; the targets differ on ${differing}\n`);
  process.stdout.write(`reports: ${html}, ${markdown}, ${join(reportDir, 'matrix.json')}\n`);

  /** The targets `--fail-on` names that failed a scenario, did not run, or ran with problems. */
  const failing = failOn.filter((name) => {
    const target = targets.find((t) => t.name === name);
    if (target === undefined) return true;
    const column = matrix.totals[targets.indexOf(target)]!;
    return column.fail > 0 || column.error > 0 || (strict && column.warn > 0) || target.runProblems.length > 0;
  });
  for (const name of failing) {
    const target = targets.find((t) => t.name === name);
    const why = target === undefined ? 'it was not run' : target.runProblems.length > 0 ? 'its run had problems outside any scenario' : 'it failed scenarios or the harness failed on it';
    process.stdout.write(`--fail-on ${name}: ${why}\n`);
  }
  return failing.length > 0 ? 1 : 0;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
