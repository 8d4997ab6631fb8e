/** The flags of `npm run bench`. */
import { parseFlags, UsageError } from '../src/cli/arguments.js';
import { isLoadId, LOAD_IDS, type LoadId } from './loads.js';

export interface BenchOptions {
  readonly rounds: number;
  readonly durationS: number;
  /** A GET keep-alive run per server before the measured rounds, to warm the JIT; 0 skips it. */
  readonly warmupS: number;
  readonly connections: number;
  /** The loads asked for; undefined: every load the generator has (all of them, or without a′ under wrk). */
  readonly loads: readonly LoadId[] | undefined;
  /** `auto`: wrk when it is on the PATH, else the Node generators. */
  readonly generator: 'auto' | 'wrk' | 'node';
  /** Idle kept-alive connections for the memory measurement; 0 skips it. */
  readonly idleConnections: number;
  readonly outDir: string;
  /** Run the bundled server with `--cpu-prof --cpu-prof-dir DIR`. */
  readonly cpuProfileDir: string | undefined;
  /** `compiled`: the servers transpiled to JavaScript and run by node alone; `tsx`: through tsx. */
  readonly runtime: 'compiled' | 'tsx';
  readonly quick: boolean;
  readonly help: boolean;
}

export const BENCH_USAGE = `usage: npm run bench -- [--quick] [--rounds N] [--duration S] [--warmup S] [--connections N]
                        [--loads ${LOAD_IDS.join(',')}] [--idle-connections N] [--out DIR]
                        [--generator auto|wrk|node] [--runtime compiled|tsx] [--cpu-prof DIR]

  --quick              about 20 s: 1 round of 1.5 s (default: 5 rounds of 2 s, under 2 minutes)
  --rounds N           measured rounds; each round runs every load on each server, alternating
  --duration S         seconds per load run (decimals allowed; wrk rounds to whole seconds)
  --warmup S           seconds of GET keep-alive per server before the rounds (0: none)
  --connections N      connections (or concurrent connect loops) per load, default 50
  --loads A,B          which loads, default all (under wrk, all but get-keepalive-raw, which
                       exists only for want of wrk)
  --generator G        auto (default): wrk when it is on the PATH, else Node's (autocannon and
                       the raw generators); wrk: wrk or a usage error; node: never wrk
  --idle-connections N idle kept-alive connections for the RSS measurement, default 1000 (0: skip)
  --out DIR            where bench.json and bench.md go, default reports/
  --runtime R          compiled (default): the servers' TypeScript transpiled to JavaScript first and
                       run by node alone; tsx: run with node --import tsx, whose loader thread adds
                       about 40 MiB to each server's RSS
  --cpu-prof DIR       run the bundled server under node --cpu-prof, profiles written to DIR`;

const DEFAULTS = { rounds: 5, durationS: 2, warmupS: 1 };
const QUICK = { rounds: 1, durationS: 1.5, warmupS: 0.5 };

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values, help } = parseFlags(argv, {
    quick: { type: 'boolean' },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    loads: { type: 'string' },
    'idle-connections': { type: 'string' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
    runtime: { type: 'string' },
    generator: { type: 'string' },
  });
  const quick = values.quick === true;
  const base = quick ? QUICK : DEFAULTS;
  return {
    rounds: maybeNumber(values, 'rounds', 1, 100, true) ?? base.rounds,
    durationS: maybeNumber(values, 'duration', 0.2, 600, false) ?? base.durationS,
    warmupS: maybeNumber(values, 'warmup', 0, 60, false) ?? base.warmupS,
    connections: maybeNumber(values, 'connections', 1, 5_000, true) ?? 50,
    loads: parseLoads(values.loads),
    idleConnections: maybeNumber(values, 'idle-connections', 0, 10_000, true) ?? 1_000,
    outDir: values.out ?? 'reports',
    cpuProfileDir: values['cpu-prof'],
    runtime: parseRuntime(values.runtime),
    generator: parseGenerator(values.generator),
    quick,
    help,
  };
}

function maybeNumber(values: Record<string, unknown>, name: string, min: number, max: number, integer: boolean): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function parseLoads(raw: string | undefined): LoadId[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !isLoadId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(`--loads takes a comma-separated list of ${LOAD_IDS.join(', ')}; unknown: ${unknown.join(', ') || '(empty)'}`);
  }
  return LOAD_IDS.filter((id) => ids.includes(id));
}

function parseRuntime(raw: string | undefined): 'compiled' | 'tsx' {
  if (raw === undefined || raw === 'compiled' || raw === 'tsx') return raw ?? 'compiled';
  throw new UsageError(`--runtime must be compiled or tsx, got ${JSON.stringify(raw)}`);
}

function parseGenerator(raw: string | undefined): 'auto' | 'wrk' | 'node' {
  if (raw === undefined || raw === 'auto' || raw === 'wrk' || raw === 'node') return raw ?? 'auto';
  throw new UsageError(`--generator must be auto, wrk or node, got ${JSON.stringify(raw)}`);
}
