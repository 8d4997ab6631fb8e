import { loopbackTarget, parseFlags, runCli, UsageError, wholeNumber } from '../cli/arguments.js';
import { ExpectedStore } from './checks.js';
import { formatDifferentialSummary, runDifferential, undocumentedGroups } from './differential.js';
import { loadRegression } from './regression-file.js';
import { newStats, openTarget, runCase, runFuzz } from './runner.js';
import { formatSummary } from './summary.js';

const PROGRAM = 'wirecheck-fuzz';
const USAGE = `usage: npm run fuzz -- [--seconds N] [--seed S] [--cases N] [--max-failures N] [--host H --port P] [--save-dir DIR | --no-save]
       npm run fuzz -- --seed S --case N [--host H --port P]     (just case N of seed S, from an empty store)
       npm run fuzz -- --replay FILE [--host H --port P]
       npm run fuzz -- --differential [--seconds N] [--seed S] [--cases N | --case N]
           (each stream framed by the bundled parser and by llhttp, in memory; exit 1 on a difference
            that docs/behaviour.md does not list)`;
const DEFAULT_SAVE_DIR = 'test/fuzz-regressions';

function parse(argv: string[]) {
  const { values, help } = parseFlags(argv, {
    seconds: { type: 'string' },
    seed: { type: 'string' },
    cases: { type: 'string' },
    case: { type: 'string' },
    'max-failures': { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'save-dir': { type: 'string' },
    'no-save': { type: 'boolean' },
    replay: { type: 'string' },
    differential: { type: 'boolean' },
  });
  const remote = loopbackTarget(values.host, values.port);
  if (values.case !== undefined && values.seed === undefined) throw new UsageError('--case needs the --seed it came from');
  const differential = values.differential === true;
  if (differential && (remote !== undefined || values.replay !== undefined)) throw new UsageError('--differential frames streams in memory: no --host, --port or --replay');
  return {
    help,
    seconds: wholeNumber('seconds', values.seconds, 10, 0, 86_400),
    seed: wholeNumber('seed', values.seed, Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1),
    maxCases: values.case === undefined ? wholeNumber('cases', values.cases, 10_000_000, 1, 1e12) : 1,
    firstCase: wholeNumber('case', values.case, 0, 0, 1e12),
    maxFailures: wholeNumber('max-failures', values['max-failures'], 10, 1, 10_000),
    saveDir: values['no-save'] === true ? undefined : (values['save-dir'] ?? DEFAULT_SAVE_DIR),
    replay: values.replay,
    differential,
    remote,
  };
}

async function replay(path: string, remote: ReturnType<typeof parse>['remote']): Promise<number> {
  const fuzzCase = loadRegression(path);
  const { target, server } = await openTarget(remote);
  try {
    const failures = await runCase(target, fuzzCase, new ExpectedStore(), newStats());
    process.stdout.write(failures.length === 0 ? `${path}: passes\n` : `${path}: fails\n${failures.map((f) => `  - ${f}\n`).join('')}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await server?.close();
  }
}

async function differential(args: ReturnType<typeof parse>): Promise<number> {
  process.stdout.write(`${PROGRAM}: differential, seed ${args.seed}, up to ${args.seconds} s (replay with --seed ${args.seed})\n`);
  const run = await runDifferential(args);
  process.stdout.write(`${formatDifferentialSummary(run, args.seed)}\n`);
  return undocumentedGroups(run).length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.replay !== undefined) return replay(args.replay, args.remote);
  if (args.differential) return differential(args);
  process.stdout.write(`${PROGRAM}: seed ${args.seed}, up to ${args.seconds} s (replay with --seed ${args.seed})\n`);
  const run = await runFuzz({
    ...args,
    onFailure: (fuzzCase, failures, savedAs) => {
      process.stdout.write(`case ${fuzzCase.index} failed${savedAs === undefined ? '' : ` (saved as ${savedAs})`}:\n${failures.map((f) => `  - ${f}\n`).join('')}`);
    },
  });
  process.stdout.write(`${formatSummary(run, args.seed, args.remote === undefined ? 'in-process server on' : 'remote server at')}\n`);
  return run.stats.failures.length === 0 && run.stats.crashes === 0 ? 0 : 1;
}

runCli({ program: PROGRAM, usageExitCode: 2, seeHelp: true }, main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${PROGRAM}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
