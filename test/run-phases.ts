/**
 * `npm test`: the four phases (typecheck, unit, e2e, conformance), each its own npm script, run
 * in two lanes side by side, then a table of how long each took. See docs/testing.md.
 *
 * The e2e tests spend most of their time waiting on child processes, sockets and timers, so they
 * run in a lane of their own while the other lane type-checks, runs the unit tests and then the
 * conformance suite. Every phase runs to its end even when another fails; the exit code is 1 when
 * any failed. A phase's output is printed in one block when it ends, so that the two lanes do not
 * interleave. `--serial` runs the phases one after another with their output as it comes, in the
 * order `npm test` used to run them, stopping at the first failure.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

interface Phase {
  readonly name: string;
  /** The npm script it runs. */
  readonly script: string;
  /** Set in its environment, besides ours. */
  readonly env?: Readonly<Record<string, string>>;
}

const TYPECHECK: Phase = { name: 'typecheck', script: 'typecheck' };
const UNIT: Phase = { name: 'unit', script: 'test:unit' };
// The e2e files already run four at a time, each spawning suites of its own: Cucumber runs their
// scenarios in its own process (PARALLEL=0), since a worker would load tsx and the steps again,
// about a second of CPU per run.
const E2E: Phase = { name: 'e2e', script: 'test:e2e', env: { PARALLEL: '0' } };
// One worker, so that the workers of a default run are still what is tested, not four: on two
// cores every worker past the first only adds CPU (the suite took 13 s of it with four, 9 s with
// one) while the e2e lane waits for a core.
const CONFORMANCE: Phase = { name: 'conformance', script: 'conformance', env: { PARALLEL: '1' } };

/** Phases in a lane run one after another; lanes run side by side. */
const LANES: readonly (readonly Phase[])[] = [[E2E], [TYPECHECK, UNIT, CONFORMANCE]];
const SERIAL: readonly Phase[] = [TYPECHECK, UNIT, E2E, CONFORMANCE];

/** A phase still running after this long is killed and counted as failed. */
const PHASE_LIMIT_MS = 10 * 60_000;

interface Result {
  readonly phase: Phase;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string;
}

const running = new Set<number>();

/** npm itself, as the one running this script (npm_execpath), or from the PATH. */
function npmCommand(script: string): [string, string[]] {
  const npmCli = process.env.npm_execpath;
  if (npmCli !== undefined && /npm-cli\.js$/.test(npmCli)) return [process.execPath, [npmCli, 'run', '--silent', script]];
  return ['npm', ['run', '--silent', script]];
}

function runPhase(phase: Phase, stream: boolean): Promise<Result> {
  return new Promise((resolve) => {
    const started = performance.now();
    const [command, args] = npmCommand(phase.script);
    // Its own process group, so that a timeout or a signal ends everything the phase started.
    const env = { ...process.env, ...phase.env };
    const child = spawn(command, args, { env, stdio: ['ignore', stream ? 'inherit' : 'pipe', stream ? 'inherit' : 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, PHASE_LIMIT_MS);
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      const ms = performance.now() - started;
      const detail = error !== undefined ? error.message : timedOut ? `killed after ${PHASE_LIMIT_MS / 1000} s` : signal !== null ? `ended by ${signal}` : code === 0 ? '' : `exit code ${code}`;
      if (!stream) {
        process.stdout.write(`\n──── ${phase.name} (npm run ${phase.script}) ────\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ phase, ok: code === 0 && error === undefined && !timedOut, ms, detail });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of running) killGroup(pid);
    process.exit(1);
  });
}

async function runLane(lane: readonly Phase[]): Promise<Result[]> {
  const results: Result[] = [];
  for (const phase of lane) results.push(await runPhase(phase, false));
  return results;
}

async function runSerial(): Promise<Result[]> {
  const results: Result[] = [];
  for (const phase of SERIAL) {
    const result = await runPhase(phase, true);
    results.push(result);
    if (!result.ok) break;
  }
  return results;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function table(results: readonly Result[], totalMs: number, how: string): string {
  const rows = SERIAL.flatMap((phase) => results.filter((result) => result.phase === phase));
  const width = Math.max(...rows.map((row) => row.phase.name.length), 'total'.length);
  const lines = rows.map((row) => `  ${row.phase.name.padEnd(width)}  ${seconds(row.ms).padStart(7)}  ${row.ok ? 'ok' : `FAILED${row.detail === '' ? '' : ` (${row.detail})`}`}`);
  lines.push(`  ${'total'.padEnd(width)}  ${seconds(totalMs).padStart(7)}  wall, ${how}`);
  return `\nnpm test, wall time per phase:\n${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const serial = process.argv.includes('--serial');
  const started = performance.now();
  const results = serial ? await runSerial() : (await Promise.all(LANES.map(runLane))).flat();
  const totalMs = performance.now() - started;
  const how = serial ? 'one phase after another' : LANES.map((lane) => lane.map((phase) => phase.name).join(' → ')).join(' ‖ ');
  process.stdout.write(table(results, totalMs, how));
  process.exitCode = results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
}

await main();
