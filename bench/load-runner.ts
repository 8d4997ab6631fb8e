/**
 * Runs one load and returns what it measured: with wrk, or in a separate load-worker process
 * (autocannon or a raw generator), so that the generator's CPU is never the benchmark's.
 */
import { fileURLToPath } from 'node:url';
import { runChildForJson } from './child-processes.js';
import type { LoadResult, LoadSpec } from './load-spec.js';
import { REPO_ROOT } from './server-process.js';
import { runWrkLoad } from './wrk-load.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Node's arguments before the LoadSpec: by default the worker run through tsx. */
export type WorkerArgs = readonly string[];
export const TSX_WORKER_ARGS: WorkerArgs = ['--import', 'tsx', WORKER];
/** Past the load's duration: process start-up, autocannon's wind-down, and slack. */
const OVERHEAD_MS = 30_000;

export function runLoad(spec: LoadSpec, workerArgs: WorkerArgs = TSX_WORKER_ARGS): Promise<LoadResult> {
  if (spec.kind === 'wrk') return runWrkLoad(spec);
  return runChildForJson(process.execPath, [...workerArgs, JSON.stringify(spec)], REPO_ROOT, spec.durationS * 1000 + OVERHEAD_MS, 'load worker') as Promise<LoadResult>;
}
