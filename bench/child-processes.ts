/**
 * Every child process the benchmark starts is tracked here, so that all of them are killed
 * when the benchmark ends, whether it finishes, throws, or is interrupted.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
let handlersInstalled = false;

/** Starts a child process and tracks it until it exits. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installHandlers();
  const child = spawn(command, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Resolves when `child` has exited; if it has not within `graceMs` of SIGTERM, it gets SIGKILL. */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Runs a generator to its end and parses the JSON on the last line of its stdout. It fails if
 * the generator exits non-zero, prints no JSON, or is still running after `deadlineMs` (then it
 * is killed).
 */
export function runChildForJson(command: string, args: readonly string[], cwd: string, deadlineMs: number, label: string): Promise<unknown> {
  const child = spawnTracked(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < 10_000) stderr += text;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || stdout.trim().slice(-500) || 'no output'}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''));
      } catch {
        reject(new Error(`${label} printed no JSON result: ${JSON.stringify(stdout.slice(-500))}`));
      }
    });
  });
}

/** Kills, by pid, every tracked child still running. Synchronous, so it can run on 'exit'. */
export function killAllChildren(): void {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}
