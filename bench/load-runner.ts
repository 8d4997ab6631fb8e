/** Runs one load in a separate load-worker process and returns what it measured. */
import { fileURLToPath } from 'node:url';
import { spawnTracked } from './child-processes.js';
import type { LoadResult, LoadSpec } from './load-spec.js';
import { REPO_ROOT } from './server-process.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Node's arguments before the LoadSpec: by default the worker run through tsx. */
export type WorkerArgs = readonly string[];
export const TSX_WORKER_ARGS: WorkerArgs = ['--import', 'tsx', WORKER];
/** Past the load's duration: process start-up, autocannon's wind-down, and slack. */
const OVERHEAD_MS = 30_000;

export function runLoadWorker(spec: LoadSpec, workerArgs: WorkerArgs = TSX_WORKER_ARGS): Promise<LoadResult> {
  const child = spawnTracked(process.execPath, [...workerArgs, JSON.stringify(spec)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.durationS * 1000 + OVERHEAD_MS);
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
      if (code !== 0) return reject(new Error(`load worker failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || 'no output'}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadResult);
      } catch {
        reject(new Error(`load worker printed no JSON result: ${JSON.stringify(stdout.slice(0, 500))}`));
      }
    });
  });
}
