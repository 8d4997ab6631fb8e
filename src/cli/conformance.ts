import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { maybeUnreachable, REPORT_FILES, runConformance, writeSectionsView, type RunTarget } from '../run/conformance-run.js';
import type { RunRecord } from '../run/cucumber-messages.js';
import { formatRunSummary } from '../run/run-summary.js';

const PROGRAM = 'wirecheck';
const USAGE = `usage: ${PROGRAM} [--host H --port P] [--tags EXPR] [--report-dir DIR]`;

function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(2);
}

function parseCommandLine(): { target: RunTarget | undefined; tags: string | undefined; reportDir: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, tags: { type: 'string' }, 'report-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message} (see --help)`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const host = values.host ?? process.env.HOST;
  const port = values.port ?? process.env.PORT;
  if ((host === undefined) !== (port === undefined)) fail('give both a host and a port (HOST and PORT), or neither to test the bundled server');
  let target: RunTarget | undefined;
  if (host !== undefined && port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) fail(`port must be a number from 1 to 65535, got ${JSON.stringify(port)}`);
    target = { host, port: Number(port) };
  }
  return { target, tags: values.tags ?? process.env.TAGS, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports') };
}

/**
 * Writes the per-section view (sections.html and its Markdown twin) from the message stream,
 * prints the summary, and returns the run's exit code: Cucumber's, except that SHOULD-level
 * warnings alone do not fail the run unless STRICT=1.
 */
function report(record: RunRecord, target: RunTarget | undefined, cucumberCode: number, wallMs: number): number {
  const strict = process.env.STRICT === '1';
  const judgement = writeSectionsView(record, cucumberCode, reportDir, { target: target === undefined ? 'the bundled server' : `${target.host}:${target.port}`, strict });
  process.stdout.write(`\n${formatRunSummary(record.scenarios, wallMs, judgement)}\n`);
  for (const problem of record.runProblems) process.stdout.write(`${problem}\n`);
  process.stdout.write(`reports: ${REPORT_FILES.map((name) => join(reportDir, name)).join(', ')}\n`);
  return judgement.exitCode;
}

const { target, tags, reportDir } = parseCommandLine();
if (target !== undefined) {
  // One line when the target does not accept connections: better than a wall of failed steps.
  const unreachable = await maybeUnreachable(target);
  if (unreachable !== undefined) fail(unreachable);
}
const run = await runConformance({ target, tags, reportDir, output: 'terminal' });
process.exit(run.record === undefined ? run.cucumberExitCode : report(run.record, target, run.cucumberExitCode, run.wallMs));
