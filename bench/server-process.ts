/**
 * A server under test, run as its own process so that its CPU time and memory are its own:
 * started with `node --import tsx`, reachable once it prints `listening on http://HOST:PORT`.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopChild } from './child-processes.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type ServerName = 'bundled' | 'peer';
export const SERVER_NAMES: readonly ServerName[] = ['bundled', 'peer'];

export interface ServerCommand {
  readonly name: ServerName;
  /** Arguments to node, relative to the repository root. */
  readonly args: readonly string[];
}

export interface ServerProcess {
  readonly name: ServerName;
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  /** False once the process has exited (e.g. crashed under load). */
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const LISTENING = /listening on http:\/\/([^\s:]+):(\d+)/;

/**
 * How the servers' TypeScript is run: through tsx's loader, or transpiled ahead of time to
 * plain JavaScript (see compile-servers.ts for why that is the default).
 */
export type Runtime = { readonly kind: 'tsx' } | { readonly kind: 'compiled'; pathOf(entry: string): string };

export const BUNDLED_ENTRY = 'src/server/cli.ts';
export const PEER_ENTRY = 'src/peers/node-http.ts';
export const WORKER_ENTRY = 'bench/load-worker.ts';

export function entryArgs(runtime: Runtime, entry: string): string[] {
  return runtime.kind === 'tsx' ? ['--import', 'tsx', entry] : [relative(REPO_ROOT, runtime.pathOf(entry))];
}

/** The bundled server, with limits generous enough that the loads are never refused. */
export function bundledCommand(runtime: Runtime, cpuProfileDir?: string): ServerCommand {
  const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
  return {
    name: 'bundled',
    args: [
      ...profile,
      ...entryArgs(runtime, BUNDLED_ENTRY),
      '--host', HOST, '--port', '0', '--quiet',
      '--max-connections', '20000',
      '--max-connections-per-client', '20000',
      '--idle-timeout', '60000',
      '--request-timeout', '60000',
      '--shutdown-timeout', '1000',
      // The POST/GET mix deletes as it goes; this only bounds the store if that ever fails.
      '--max-messages', '2000',
      '--max-store-bytes', String(4 * 1024 * 1024),
    ],
  };
}

/** The node:http peer: its limits are fixed in its source (SPEC §2.4's defaults). */
export function peerCommand(runtime: Runtime): ServerCommand {
  return { name: 'peer', args: [...entryArgs(runtime, PEER_ENTRY), '--host', HOST, '--port', '0'] };
}

export function describeCommand(command: ServerCommand): string {
  return ['node', ...command.args].join(' ');
}

export function startServerProcess(command: ServerCommand): Promise<ServerProcess> {
  const child = spawnTracked(process.execPath, command.args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command.name} server: ${why}${stderr === '' ? '' : `\n${stderr.trim()}`}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < 10_000) stderr += text;
    });
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < 10_000) stdout += text;
      const match = LISTENING.exec(stdout);
      if (match === null || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data').resume(); // keep draining, never block the server on a full pipe
      resolve({
        name: command.name,
        pid: child.pid!,
        host: match[1]!,
        port: Number(match[2]),
        isRunning: () => child.exitCode === null && child.signalCode === null,
        stop: (graceMs = 5_000) => stopChild(child, graceMs),
      });
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited before listening (${signal ?? `code ${code}`})`));
  });
}
