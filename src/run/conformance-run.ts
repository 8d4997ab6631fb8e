/**
 * One conformance run: the suite (cucumber-js, configured by the package's `cucumber.js`)
 * against one target, its reports written to one folder. `npm run conformance` (and the
 * `wirecheck` bin) does one run; `npm run matrix` does one per target.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAPTURE_DIR_VARIABLE, makeCaptureFolder, mergeCaptures, type CaptureSummary } from '../capture/capture-file.js';
import { connectSocket, type ClientTls } from '../client/connect-socket.js';
import { TlsFailedError } from '../client/errors.js';
import { encodeCapabilities } from '../target/capabilities.js';
import type { Capabilities } from '../target/target.js';
import { readEnvelopes, runRecordOf, type RunRecord } from './cucumber-messages.js';
import { suiteBundle } from './suite-bundle.js';

/** The package's own folder: Cucumber runs there, whatever the caller's working folder. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The suite's Cucumber configuration; its named exports are profiles (`--profile`). */
export const CUCUMBER_CONFIG = join(PACKAGE_ROOT, 'cucumber.js');
const PROBE_TIMEOUT_MS = 3_000;
/** How often the message stream is read while the suite runs, for progress. */
const TAIL_INTERVAL_MS = 200;
const TAIL_CHUNK_BYTES = 64 * 1024;

export const MESSAGES_FILE = 'messages.ndjson';

/** A foreign server; a run without one starts the bundled server inside the suite. */
export interface RunTarget {
  readonly host: string;
  readonly port: number;
  /** Every connection to it is TLS: the probes', the suite's. */
  readonly tls?: ClientTls;
}

/** `127.0.0.1:8080`, `127.0.0.1:8443 over TLS`: the target as the run's output and reports name it. */
export function describeRunTarget(target: RunTarget): string {
  return `${target.host}:${target.port}${target.tls === undefined ? '' : ' over TLS'}`;
}

export interface ConformanceRunOptions {
  /** Undefined: the suite starts the bundled server (and dedicated ones for @slow scenarios). */
  readonly target: RunTarget | undefined;
  /** What the foreign target has (`describeTarget`); the bundled server has everything. */
  readonly capabilities?: Capabilities;
  /** A Cucumber tag expression; undefined runs the default selection (`cucumber.js`). */
  readonly tags: string | undefined;
  /** Feature files or folders (`path:line` too) instead of the suite's own; undefined runs them all. */
  readonly paths?: readonly string[];
  /** Absolute; created when missing. */
  readonly reportDir: string;
  /** Cucumber's own output: the terminal, or a file (the matrix keeps the terminal for its progress). */
  readonly output: 'terminal' | { readonly file: string };
  /** Called with each line of the message stream as Cucumber writes it. */
  readonly onMessage?: (line: string) => void;
  /** Aborting it stops Cucumber (SIGTERM). */
  readonly signal?: AbortSignal;
  /** Every connection of the run is written to this pcapng file. */
  readonly pcapFile?: string;
  /** How long the harness waits for a response (steps/support/hooks.ts has the default). */
  readonly readTimeoutMs?: number;
  /** Cucumber's own options, passed on as they are (src/cli/cucumber-options.ts makes them). */
  readonly cucumberArgs?: readonly string[];
}

export interface ConformanceRun {
  readonly cucumberExitCode: number;
  readonly wallMs: number;
  /** The message stream read back; undefined when Cucumber wrote none (it did not get to start). */
  readonly envelopes: readonly Record<string, any>[] | undefined;
  /** Its scenarios and their findings. */
  readonly record: RunRecord | undefined;
  readonly messagesFile: string;
  /** What the pcapng file holds; undefined when none was asked for. */
  readonly capture: CaptureSummary | undefined;
}

/** Why the target cannot be reached, or undefined when it accepts a connection. */
export function maybeUnreachable(target: RunTarget): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = connect({ host: target.host, port: target.port, timeout: PROBE_TIMEOUT_MS });
    const where = `cannot reach ${target.host}:${target.port}`;
    socket.once('connect', () => {
      socket.destroy();
      done(target.tls === undefined ? undefined : maybeNoHandshake(target, target.tls, where));
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(`${where}: no answer within ${PROBE_TIMEOUT_MS} ms`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(`${where}: ${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}`));
  });
}

/** Why no TLS session can be made with a target that accepts connections (an untrusted certificate, no TLS on that port), or undefined. */
async function maybeNoHandshake(target: RunTarget, tls: ClientTls, where: string): Promise<string | undefined> {
  try {
    (await connectSocket(target.host, target.port, PROBE_TIMEOUT_MS, tls)).destroy();
    return undefined;
  } catch (error) {
    return `${where} over TLS: ${error instanceof TlsFailedError ? error.reason : (error as Error).message}`;
  }
}

/** Runs the suite once and reads its message stream back. A stream left by an earlier run is removed first. */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRun> {
  mkdirSync(options.reportDir, { recursive: true });
  const messagesFile = join(options.reportDir, MESSAGES_FILE);
  rmSync(messagesFile, { force: true });
  const started = Date.now();
  const tail = options.onMessage === undefined ? undefined : tailLines(messagesFile, options.onMessage);
  const capture = options.pcapFile === undefined ? undefined : { folder: makeCaptureFolder(), file: options.pcapFile };
  let cucumberExitCode: number;
  let captured: CaptureSummary | undefined;
  try {
    cucumberExitCode = await spawnCucumber(options, capture?.folder);
  } finally {
    tail?.stop();
    // Merged whatever Cucumber's exit: what was exchanged is worth a look most when the run went wrong.
    if (capture !== undefined) captured = mergeCaptures(capture.folder, capture.file);
  }
  const wallMs = Date.now() - started;
  const envelopes = existsSync(messagesFile) ? readEnvelopes(messagesFile) : undefined;
  return { cucumberExitCode, wallMs, envelopes, record: envelopes === undefined ? undefined : runRecordOf(envelopes), messagesFile, capture: captured };
}

/** `captureFolder`: where each scenario writes its capture, for `runConformance` to merge. */
async function spawnCucumber(options: ConformanceRunOptions, captureFolder: string | undefined): Promise<number> {
  // Resolved from this file, so that it works wherever npm put the package's dependencies (and from this file's bundle too).
  const cucumberBin = join(dirname(createRequire(import.meta.url).resolve('@cucumber/cucumber/package.json')), 'bin/cucumber.js');
  // With the bundle, cucumber.js also leaves the terminal to us (plain cucumber-js has a formatter of its own).
  const env: NodeJS.ProcessEnv = { ...process.env, REPORT_DIR: options.reportDir, WIRECHECK_SUITE_BUNDLE: JSON.stringify(await suiteBundle(PACKAGE_ROOT)) };
  delete env.HOST;
  delete env.PORT;
  delete env.WIRECHECK_HOST;
  delete env.WIRECHECK_PORT;
  delete env.WIRECHECK_CAPABILITIES;
  if (options.capabilities !== undefined) env.WIRECHECK_CAPABILITIES = encodeCapabilities(options.capabilities);
  // A foreign target's message store is one for all scenarios: they take turns with it.
  if (options.target !== undefined && options.capabilities?.store === true && env.PARALLEL === undefined) env.PARALLEL = '1';
  if (options.target !== undefined) {
    env.WIRECHECK_HOST = options.target.host;
    env.WIRECHECK_PORT = String(options.target.port);
  }
  if (options.tags !== undefined) env.TAGS = options.tags;
  delete env.WIRECHECK_FEATURES;
  if (options.paths !== undefined) env.WIRECHECK_FEATURES = options.paths.join('\n');
  delete env[CAPTURE_DIR_VARIABLE];
  if (captureFolder !== undefined) env[CAPTURE_DIR_VARIABLE] = captureFolder;
  delete env.WIRECHECK_READ_TIMEOUT_MS;
  if (options.readTimeoutMs !== undefined) env.WIRECHECK_READ_TIMEOUT_MS = String(options.readTimeoutMs);
  const output = options.output === 'terminal' ? undefined : openSync(options.output.file, 'w');
  const stdio: StdioOptions = output === undefined ? 'inherit' : ['ignore', output, output];
  // Cucumber resolves its config from the working folder: run it in the package's own.
  return new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, [cucumberBin, '--config', 'cucumber.js', ...(options.cucumberArgs ?? [])], { stdio, env, cwd: PACKAGE_ROOT, ...(options.signal === undefined ? {} : { signal: options.signal }) });
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  }).finally(() => {
    if (output !== undefined) closeSync(output);
  });
}

/** Follows a file that is being appended to, handing over each complete line; `stop()` reads what is left. */
function tailLines(path: string, onLine: (line: string) => void): { stop(): void } {
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(TAIL_CHUNK_BYTES);
  const readNew = (): void => {
    if (!existsSync(path)) return;
    const fd = openSync(path, 'r');
    try {
      // Bounded by the file's size: each read either advances the offset or ends the loop.
      for (let n = readSync(fd, buffer, 0, buffer.length, offset); n > 0; n = readSync(fd, buffer, 0, buffer.length, offset)) {
        offset += n;
        const lines = (partial + buffer.toString('latin1', 0, n)).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line !== '') onLine(Buffer.from(line, 'latin1').toString('utf8'));
      }
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(readNew, TAIL_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      readNew();
    },
  };
}
