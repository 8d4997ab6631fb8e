/**
 * One attack against a fresh bundled server (a child process, compiled to JavaScript so that its RSS
 * holds no TypeScript loader; default limits and timeouts):
 *
 * 1. warm-up: the normal client alone, so that its code paths are compiled; for `non-reading`,
 *    the store filled to about 15 MiB (15 POSTs of 1 MiB); the server's RSS then is "before";
 * 2. the attackers' process (attackers.ts, forked) opens its connections and attacks; meanwhile
 *    the normal client is timed;
 * 3. once every attacker is done, a pause; RSS "after", and the heap plus Buffers after a full GC.
 *
 * The peak is the highest RSS of the server's life (VmHWM), warm-up included. The server and the
 * attackers' process are always stopped.
 */
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencyFigures } from '../stress/latency.js';
import { maybeMemoryStatus, REPO_ROOT, startServerChild, type ServerChild } from '../stress/server-child.js';
import { requestOnce, type Target } from '../stress/storm.js';
import type { AttackName, AttackPlan, AttackTally } from './attack.js';
import { timeNormalClient } from './normal-client.js';

export interface AttackRun {
  readonly attack: AttackName;
  readonly attackers: number;
  readonly tally: AttackTally;
  /** The normal client's exchanges while the attack ran. */
  readonly latency: LatencyFigures;
  /** Server RSS, KiB: after the warm-up, the highest of its life (VmHWM), and after the attack. */
  readonly beforeKiB: number;
  readonly peakKiB: number;
  readonly afterKiB: number;
  /** Heap used plus external memory right after a full GC in the server, after the attack, KiB. */
  readonly afterHeapKiB: number | undefined;
  /** From the attackers' start to the last one done. */
  readonly attackMs: number;
  /**
   * The machine's 1-minute load average at the end, per CPU: past about 1, the server waits for
   * a CPU as well as for its own work, and the normal client's latency shows it.
   */
  readonly loadPerCpu: number;
}

const WARM_UP_MS = 500;
const SETTLE_MS = 1_000;
const STORE_MESSAGES = 15;
const STORE_MESSAGE_BYTES = 1024 * 1024;
const EXCHANGE_TIMEOUT_MS = 10_000;
/** Past the attack's own duration, how long its process may take before it is killed. */
const ATTACKERS_GRACE_MS = 10_000;

export async function runAttack(attack: AttackName, attackers: number, durationMs: number): Promise<AttackRun> {
  const server = await startServerChild([], { memoryProbe: true, plainJavaScript: true });
  try {
    return await attackServer(server, attack, attackers, durationMs);
  } finally {
    await server.stop(5_000);
  }
}

async function attackServer(server: ServerChild, attack: AttackName, attackers: number, durationMs: number): Promise<AttackRun> {
  const target: Target = { host: server.host, port: server.port };
  const rss = (): number => maybeMemoryStatus(server.pid)?.rssKiB ?? Number.NaN;
  await timeNormalClient(target, sleep(WARM_UP_MS));
  if (attack === 'non-reading') {
    for (let i = 0; i < STORE_MESSAGES; i++) await requestOnce(target, 'POST', EXCHANGE_TIMEOUT_MS, Buffer.alloc(STORE_MESSAGE_BYTES, 0x61 + i));
  }
  await sleep(300);
  const beforeKiB = rss();

  const started = performance.now();
  const plan: AttackPlan = { attack, target, attackers, durationMs };
  const { underWay, done } = startAttackers(plan, durationMs + ATTACKERS_GRACE_MS);
  await underWay;
  const latency = await timeNormalClient(target, done);
  const tally = await done;
  const attackMs = performance.now() - started;
  await sleep(SETTLE_MS);
  const afterKiB = rss();
  const probed = await server.probeMemory();
  const afterHeapKiB = probed?.collected === true ? Math.round((probed.heapUsed + probed.external) / 1024) : undefined;
  const peakKiB = maybeMemoryStatus(server.pid)?.peakKiB ?? Number.NaN;
  const loadPerCpu = loadavg()[0]! / availableParallelism();
  return { attack, attackers, tally, latency, beforeKiB, peakKiB, afterKiB, afterHeapKiB, attackMs, loadPerCpu };
}

/** Forks attackers.ts on `plan`: `underWay` once its connections are open, `done` with its tally; killed past `deadlineMs`. */
function startAttackers(plan: AttackPlan, deadlineMs: number): { underWay: Promise<void>; done: Promise<AttackTally> } {
  const child = fork(new URL('./attackers.ts', import.meta.url), [JSON.stringify(plan)], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  let signalUnderWay: () => void = () => {};
  const underWay = new Promise<void>((resolve) => (signalUnderWay = resolve));
  const done = new Promise<AttackTally>((resolve, reject) => {
    child.on('message', (message: { started?: true; tally?: AttackTally }) => {
      if (message.started === true) signalUnderWay();
      if (message.tally !== undefined) resolve(message.tally);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      signalUnderWay();
      reject(new Error(`the attackers' process ended without a tally (${signal ?? `exit code ${code}`})`));
    });
  });
  return { underWay, done };
}
