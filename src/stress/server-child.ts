/**
 * The bundled server as a child process (`node --import tsx src/server/cli.ts --port 0 --quiet …`,
 * or the same compiled to JavaScript), so that its memory is its own and it can be signalled or
 * killed. Every child started here is killed, by its pid, when this process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFolder, bundleOwnCode } from '../build/own-code-bundle.js';
import { maybeProbeLine, type ProbedMemory } from './memory-probe-line.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_ENTRY = 'src/server/cli.ts';
const MEMORY_PROBE = './src/stress/memory-probe.ts';
const LISTENING = /^listening on http:\/\/(127\.0\.0\.1|\[::1\]|::1|localhost):(\d+)$/m;
const START_TIMEOUT_MS = 20_000;
const KEPT_OUTPUT = 64 * 1024;

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerChild {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  /** What the server printed on stderr so far (the first 64 KiB). */
  stderr(): string;
  readonly exited: Promise<ChildExit>;
  isRunning(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it exited. */
  stop(graceMs?: number): Promise<ChildExit>;
  /**
   * With `memoryProbe`: a full GC in the server and its memory right after; undefined without
   * the probe, or when no answer comes within `timeoutMs`.
   */
  probeMemory(timeoutMs?: number): Promise<ProbedMemory | undefined>;
}

export interface ServerChildOptions {
  /** Preload src/stress/memory-probe.ts (with --expose-gc), so that `probeMemory` works. */
  readonly memoryProbe?: boolean;
  /**
   * Run the server (and the probe) compiled to JavaScript, with node alone: under tsx the
   * loader's thread holds some 30 MiB of the process's RSS, which is not the server's, and each
   * start takes about 0.35 s more CPU (the e2e tests start dozens).
   */
  readonly plainJavaScript?: boolean;
}

let compiled: Promise<{ server: string; probe: string }> | undefined;

/** The server and the memory probe compiled once per process, removed when it exits. */
function compiledServer(): Promise<{ server: string; probe: string }> {
  compiled ??= bundleOwnCode({ server: join(REPO_ROOT, SERVER_ENTRY), probe: join(REPO_ROOT, MEMORY_PROBE) }, bundleFolder('wirecheck-server-'));
  return compiled;
}

/** node's arguments before the server's own. */
async function serverCommand(options: ServerChildOptions): Promise<string[]> {
  const gc = options.memoryProbe === true ? ['--expose-gc'] : [];
  if (options.plainJavaScript === true) {
    const { server, probe } = await compiledServer();
    return [...gc, ...(options.memoryProbe === true ? ['--import', probe] : []), server];
  }
  return [...gc, '--import', 'tsx', ...(options.memoryProbe === true ? ['--import', MEMORY_PROBE] : []), SERVER_ENTRY];
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const each of running) each.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/**
 * Starts the server with `--host 127.0.0.1 --port 0 --quiet` and `args`, and resolves once it
 * prints where it listens. Rejects (and kills it) if it exits first or takes too long.
 */
export async function startServerChild(args: readonly string[], options: ServerChildOptions = {}): Promise<ServerChild> {
  const child = spawn(process.execPath, [...(await serverCommand(options)), '--host', '127.0.0.1', '--port', '0', '--quiet', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: undefined, PORT: undefined },
  });
  track(child);
  let stdout = '';
  let stderr = '';
  let partialLine = '';
  const probeWaiters: Array<(memory: ProbedMemory) => void> = [];
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!;
    for (const line of lines) {
      const probed = maybeProbeLine(line);
      if (probed !== undefined) probeWaiters.shift()?.(probed);
      else if (stderr.length < KEPT_OUTPUT) stderr += `${line}\n`;
    }
  });
  child.stderr!.once('end', () => {
    if (partialLine !== '' && stderr.length < KEPT_OUTPUT) stderr += partialLine;
  });
  const exited = new Promise<ChildExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the server ${why}${stderr === '' ? '' : `: ${stderr.trim()}`}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening on" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited before listening (${signal ?? `exit code ${code}`})`);
    child.once('exit', onEarlyExit);
    child.stdout!.setEncoding('utf8').on('data', function onData(text: string) {
      stdout += text;
      const match = LISTENING.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.stdout!.off('data', onData).resume();
      resolve({
        pid: child.pid!,
        host: '127.0.0.1',
        port: Number(match[2]),
        stderr: () => stderr,
        exited,
        isRunning,
        kill: (signal) => {
          if (isRunning()) child.kill(signal);
        },
        probeMemory: (timeoutMs = 5_000) => {
          if (options.memoryProbe !== true || !isRunning()) return Promise.resolve(undefined);
          return new Promise((resolveProbe) => {
            const answer = (memory: ProbedMemory | undefined): void => {
              clearTimeout(timer);
              resolveProbe(memory);
            };
            const timer = setTimeout(() => {
              probeWaiters.splice(probeWaiters.indexOf(answer), 1);
              answer(undefined);
            }, timeoutMs);
            probeWaiters.push(answer);
            child.kill('SIGUSR2');
          });
        },
        stop: async (graceMs = 5_000) => {
          if (!isRunning()) return exited;
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.kill('SIGTERM');
          const exit = await exited;
          clearTimeout(timer);
          return exit;
        },
      });
    });
  });
}

export interface MemoryStatus {
  /** Resident set size now, KiB. */
  readonly rssKiB: number;
  /** The highest RSS since the process started, KiB. */
  readonly peakKiB: number;
}

/** VmRSS and VmHWM from /proc (Linux); undefined elsewhere or once the process is gone. */
export function maybeMemoryStatus(pid: number): MemoryStatus | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return rss === null || hwm === null ? undefined : { rssKiB: Number(rss[1]), peakKiB: Number(hwm[1]) };
}
