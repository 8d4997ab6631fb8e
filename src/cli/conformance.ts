import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readRunRecord } from '../report/cucumber-messages.js';
import { formatRunSummary } from '../report/run-summary.js';
import { renderSectionsHtml, renderSectionsMarkdown, sectionRows } from '../report/sections.js';
import { judgeRun } from '../report/verdict.js';

const PROGRAM = 'wirecheck';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = `usage: ${PROGRAM} [--host H --port P] [--tags EXPR] [--report-dir DIR]`;
const PROBE_TIMEOUT_MS = 3_000;

function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(2);
}

interface Target {
  readonly host: string;
  readonly port: number;
}

function parseCommandLine(): { target: Target | undefined; tags: string | undefined; reportDir: string } {
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
  let target: Target | undefined;
  if (host !== undefined && port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) fail(`port must be a number from 1 to 65535, got ${JSON.stringify(port)}`);
    target = { host, port: Number(port) };
  }
  return { target, tags: values.tags ?? process.env.TAGS, reportDir: resolve(values['report-dir'] ?? process.env.REPORT_DIR ?? 'reports') };
}

/** Fails with one line when the target does not accept connections: better than a wall of failed steps. */
function probe(target: Target): Promise<void> {
  return new Promise((done) => {
    const socket = connect({ host: target.host, port: target.port, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      done();
    });
    socket.once('timeout', () => fail(`cannot reach ${target.host}:${target.port}: no answer within ${PROBE_TIMEOUT_MS} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(`cannot reach ${target.host}:${target.port}: ${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}`));
  });
}

function runCucumber(target: Target | undefined, tags: string | undefined, reportDir: string): Promise<number> {
  const cucumberBin = join(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js');
  const tsx = import.meta.resolve('tsx');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${tsx}`.trim(), REPORT_DIR: reportDir };
  delete env.HOST;
  delete env.PORT;
  if (target !== undefined) {
    env.WIRECHECK_HOST = target.host;
    env.WIRECHECK_PORT = String(target.port);
  }
  if (tags !== undefined) env.TAGS = tags;
  // Cucumber resolves its config from the working folder: run it in the package's own.
  const args = [cucumberBin, '--config', 'cucumber.js'];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: ROOT });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Writes the per-section view (sections.html and its Markdown twin) from the message stream,
 * prints the summary, and returns the run's exit code: Cucumber's, except that SHOULD-level
 * warnings alone do not fail the run unless STRICT=1.
 */
function report(messages: string, target: Target | undefined, cucumberCode: number, wallMs: number): number {
  const strict = process.env.STRICT === '1';
  const record = readRunRecord(messages);
  const judgement = judgeRun(record, cucumberCode, { strict });
  const meta = { target: target === undefined ? 'the bundled server' : `${target.host}:${target.port}`, strict, generatedAt: new Date(), reportHref: 'conformance.html' };
  const rows = sectionRows(record.scenarios, { strict });
  writeFileSync(join(reportDir, 'sections.html'), renderSectionsHtml(rows, meta));
  writeFileSync(join(reportDir, 'sections.md'), renderSectionsMarkdown(rows, meta));
  process.stdout.write(`\n${formatRunSummary(record.scenarios, wallMs, judgement)}\n`);
  for (const problem of record.runProblems) process.stdout.write(`${problem}\n`);
  const files = ['conformance.html', 'conformance.xml', 'sections.html', 'sections.md'].map((name) => join(reportDir, name));
  process.stdout.write(`reports: ${files.join(', ')}\n`);
  return judgement.exitCode;
}

const { target, tags, reportDir } = parseCommandLine();
if (target !== undefined) await probe(target);
mkdirSync(reportDir, { recursive: true });
const messages = join(reportDir, 'messages.ndjson');
// A stream left by an earlier run must not be judged as this one's.
rmSync(messages, { force: true });
const started = Date.now();
const code = await runCucumber(target, tags, reportDir);
process.exit(existsSync(messages) ? report(messages, target, code, Date.now() - started) : code);
