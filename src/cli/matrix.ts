/**
 * `npm run matrix -- bundled node-http nginx mine=127.0.0.1:9000`: the conformance suite against
 * each target in turn, then one matrix of every scenario against every target
 * (`reports/matrix.html` and `reports/matrix.md`). Other servers are expected to differ, so the
 * exit code is 0 unless `--fail-on NAME` names a target that failed. See docs/matrix.md.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { maybeNginxBinary, startNginx } from '../peers/nginx.js';
import { startNodeHttpPeer } from '../peers/node-http.js';
import type { RunningServer } from '../peers/listen.js';
import { maybeUnreachable, runConformance, type RunTarget } from '../run/conformance-run.js';
import { buildMatrix, rowDiffers, type MatrixTarget, type TargetNotRun } from '../run/matrix.js';
import { renderMatrixHtml } from '../run/matrix-html.js';
import { renderMatrixMarkdown } from '../run/matrix-markdown.js';
import { writeReports } from '../run/reports.js';
import { RunProgress } from '../run/run-progress.js';
import { countsLine } from '../run/verdict-view.js';
import { describeTarget } from '../target/capabilities.js';

const PROGRAM = 'wirecheck-matrix';
const USAGE = `usage: ${PROGRAM} [TARGET...] [--tags EXPR] [--report-dir DIR] [--fail-on NAME]...
  TARGET   bundled | node-http | nginx | NAME=HOST:PORT | NAME=bundled|node-http|nginx
           (default: bundled node-http nginx)
  --tags   a Cucumber tag expression (default: TAGS, else every scenario of the default run)
  --fail-on NAME   exit 1 when that target has a fail or error (repeatable; STRICT=1 counts warnings)`;
const DEFAULT_TARGETS = ['bundled', 'node-http', 'nginx'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Non-terminal output gets a progress line each time a run passes another quarter. */
const PROGRESS_STEPS = 4;

type Launch = 'bundled' | 'node-http' | 'nginx';

/** A target as given: one the matrix starts itself, or a server already listening somewhere. */
type TargetSpec = { readonly name: string; readonly launch: Launch } | { readonly name: string; readonly address: RunTarget };

function parseCommandLine(): { specs: TargetSpec[]; tags: string | undefined; reportDir: string; failOn: string[] } {
  const { values, positionals } = parseFlags(
    process.argv.slice(2),
    { tags: { type: 'string' }, 'report-dir': { type: 'string' }, 'fail-on': { type: 'string', multiple: true } },
    { positionals: true, usage: USAGE },
  );
  const specs = (positionals.length > 0 ? positionals : DEFAULT_TARGETS).map(parseTarget);
  const names = new Set<string>();
  for (const { name } of specs) {
    if (names.has(name)) throw new UsageError(`two targets are named ${JSON.stringify(name)}: give one a name of its own (NAME=HOST:PORT)`);
    names.add(name);
  }
  const failOn = values['fail-on'] ?? [];
  for (const name of failOn) if (!names.has(name)) throw new UsageError(`--fail-on ${JSON.stringify(name)} is not one of the targets (${[...names].join(', ')})`);
  return { specs, tags: values.tags ?? process.env.TAGS, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports'), failOn };
}

/** `bundled`, `node-http`, `nginx`, `NAME=HOST:PORT`, or `NAME=` one of the three. */
function parseTarget(text: string): TargetSpec {
  const equals = text.indexOf('=');
  const name = equals < 0 ? text : text.slice(0, equals);
  const value = equals < 0 ? text : text.slice(equals + 1);
  if (!NAME.test(name)) throw new UsageError(`a target's name is letters, digits, '.', '_' and '-' (it names its report folder), got ${JSON.stringify(name)}`);
  if (value === 'bundled' || value === 'node-http' || value === 'nginx') return { name, launch: value };
  if (equals < 0) throw new UsageError(`unknown target ${JSON.stringify(text)}: give bundled, node-http, nginx or NAME=HOST:PORT`);
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value);
  const port = Number(match?.[3]);
  if (match === null || port < 1 || port > 65535) throw new UsageError(`target ${JSON.stringify(text)}: expected NAME=HOST:PORT with a port from 1 to 65535`);
  return { name, address: { host: match[1] ?? match[2]!, port } };
}

/** A target made ready to run: where it is, and how to stop it if the matrix started it. */
interface ReadyTarget {
  readonly run: RunTarget | undefined;
  readonly address: string;
  readonly server: RunningServer | undefined;
}

/** Starts the target when the matrix is to start it; returns why it cannot be run otherwise. */
async function prepare(spec: TargetSpec): Promise<ReadyTarget | string> {
  if ('address' in spec) {
    const unreachable = await maybeUnreachable(spec.address);
    return unreachable ?? { run: spec.address, address: `${spec.address.host}:${spec.address.port}`, server: undefined };
  }
  switch (spec.launch) {
    case 'bundled':
      // The suite starts it itself (and a dedicated one for each @slow scenario's short timeouts).
      return { run: undefined, address: 'the bundled server', server: undefined };
    case 'node-http': {
      const server = await startNodeHttpPeer({ port: 0 });
      return { run: server, address: `src/peers/node-http.ts on ${server.host}:${server.port}`, server };
    }
    case 'nginx': {
      if (maybeNginxBinary() === undefined) return 'nginx is not installed (apt-get install nginx)';
      try {
        const server = await startNginx({ port: 0 });
        return { run: server, address: `nginx with src/peers/nginx/nginx.conf on ${server.host}:${server.port}`, server };
      } catch (error) {
        return `nginx did not start: ${(error as Error).message.split('\n')[0]}`;
      }
    }
  }
}

/** Shows one run's progress: a line rewritten in place on a terminal, a line per quarter otherwise. */
function progressReporter(prefix: string): { feed(line: string): void; end(): void } {
  const progress = new RunProgress();
  const tty = process.stdout.isTTY === true;
  let shown = '';
  let quarter = 0;
  return {
    feed(line) {
      const before = progress.finished;
      progress.feed(line);
      if (progress.finished === before) return;
      if (tty) {
        const text = `${prefix} ${progress.describe()}`;
        if (text !== shown) process.stdout.write(`\r\x1b[2K${text}`);
        shown = text;
      } else if (progress.total > 0 && progress.finished * PROGRESS_STEPS >= (quarter + 1) * progress.total && progress.finished < progress.total) {
        quarter = Math.floor((progress.finished * PROGRESS_STEPS) / progress.total);
        process.stdout.write(`${prefix} ${progress.describe()}\n`);
      }
    },
    end() {
      if (tty && shown !== '') process.stdout.write('\r\x1b[2K');
    },
  };
}

async function main(): Promise<number> {
  const { specs, tags, reportDir, failOn } = parseCommandLine();
  const strict = process.env.STRICT === '1';
  const targets: MatrixTarget[] = [];
  const notRun: TargetNotRun[] = [];
  let current: { server: RunningServer | undefined; abort: AbortController } | undefined;

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Stop the suite and the server this matrix started, then go: nothing is left listening.
      current?.abort.abort();
      void (current?.server?.close() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  process.stdout.write(`matrix: ${specs.length} target${specs.length === 1 ? '' : 's'}, ${tags === undefined || tags === '' ? 'every scenario' : `tags ${tags}`}; reports in ${join(reportDir, 'matrix')}\n`);
  for (const [i, spec] of specs.entries()) {
    const prefix = `[${i + 1}/${specs.length}] ${spec.name}:`;
    const ready = await prepare(spec);
    if (typeof ready === 'string') {
      process.stdout.write(`${prefix} not run: ${ready}\n`);
      notRun.push({ name: spec.name, reason: ready });
      continue;
    }
    const description = ready.run === undefined ? undefined : await describeTarget(ready.run);
    process.stdout.write(`${prefix} ${ready.address}${description === undefined ? '' : `; ${description.line}`}\n`);
    const dir = join(reportDir, 'matrix', spec.name);
    const progress = progressReporter(prefix);
    current = { server: ready.server, abort: new AbortController() };
    try {
      const run = await runConformance({ target: ready.run, ...(description === undefined ? {} : { capabilities: description.capabilities }), tags, reportDir: dir, output: { file: join(dir, 'cucumber-output.txt') }, onMessage: (line) => progress.feed(line), signal: current.abort.signal });
      progress.end();
      if (run.envelopes === undefined || run.record === undefined) {
        const reason = `Cucumber exited with code ${run.cucumberExitCode} before writing its message stream (see ${join(dir, 'cucumber-output.txt')})`;
        process.stdout.write(`${prefix} not run: ${reason}\n`);
        notRun.push({ name: spec.name, reason });
        continue;
      }
      const { counts, passedOnRetry } = await writeReports(run.envelopes, run.record, dir, { target: ready.address, strict });
      const retried = passedOnRetry.length > 0 ? ` (${passedOnRetry.length} passed only on retry)` : '';
      process.stdout.write(`${prefix} ${run.record.scenarios.length} scenarios in ${(run.wallMs / 1000).toFixed(1)} s: ${countsLine(counts)}${retried}\n`);
      const runProblems = run.record.finished ? run.record.runProblems : [...run.record.runProblems, 'the run stopped before its end'];
      for (const problem of runProblems) process.stdout.write(`${prefix} ${problem}\n`);
      targets.push({
        name: spec.name,
        address: ready.address,
        reportHref: `matrix/${spec.name}/conformance.html`,
        sectionsHref: `matrix/${spec.name}/sections.html`,
        scenarios: run.record.scenarios,
        wallMs: run.wallMs,
        runProblems,
      });
    } finally {
      current = undefined;
      await ready.server?.close();
    }
  }

  const matrix = buildMatrix(targets, notRun, { strict, tags, generatedAt: new Date() });
  const html = join(reportDir, 'matrix.html');
  const markdown = join(reportDir, 'matrix.md');
  writeFileSync(html, renderMatrixHtml(matrix));
  writeFileSync(markdown, renderMatrixMarkdown(matrix));
  const differing = matrix.sections.flatMap((s) => s.rows).filter(rowDiffers).length;
  process.stdout.write(`matrix: ${matrix.sections.reduce((n, s) => n + s.rows.length, 0)} scenarios × ${targets.length} targets in ${((Date.now() - started) / 1000).toFixed(1)} s; the targets differ on ${differing}\n`);
  process.stdout.write(`reports: ${html}, ${markdown}\n`);

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
