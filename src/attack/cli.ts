/**
 * `npm run attack`: issue 14's attacks on memory, each against a fresh bundled server with its
 * default limits, with a normal client timed beside it; a table of the server's RSS and the normal
 * client's latency, and exit code 1 when a goal is missed (see docs/reliability.md).
 */
import { parseFlags, runCli, UsageError, wholeNumber } from '../cli/arguments.js';
import { ATTACKS, type AttackName } from './attack.js';
import { formatRuns, GOALS, judge } from './report.js';
import { runAttack, type AttackRun } from './run-attack.js';

const PROGRAM = 'wirecheck-attack';
const DEFAULT_ATTACKERS = [16, 100];
const DEFAULT_SECONDS = 20;
const USAGE = `usage: npm run attack -- [--attacks ${ATTACKS.join(',')}] [--attackers ${DEFAULT_ATTACKERS.join(',')}] [--seconds ${DEFAULT_SECONDS}]
  Runs each attack with each number of attackers against a fresh bundled server (a child process,
  the server compiled to JavaScript and run by node alone, default limits), a normal client timed beside it.
  --attacks A,B     which attacks, default all: tiny-chunks (a chunked POST of 1,048,576 one-byte
                    chunks each), one-byte-segments (a 1 MiB Content-Length body one byte per
                    segment for half the time, then the rest), non-reading (POST then GET / of a
                    15 MiB store, never read, for half the time)
  --attackers N,M   how many attackers at once, default ${DEFAULT_ATTACKERS.join(',')}
  --seconds S       the most an attack lasts, default ${DEFAULT_SECONDS}
  Exit code 1 when a run misses a goal (peak RSS < ${GOALS.peakRssMiB} MiB, normal p99 < ${GOALS.p99Ms} ms, no failed normal exchange), 2 for a bad flag.`;

function list<T>(name: string, raw: string | undefined, fallback: readonly T[], parse: (item: string) => T): T[] {
  if (raw === undefined) return [...fallback];
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${name} needs a comma-separated list`);
  return items.map(parse);
}

function parse(argv: string[]): { attacks: AttackName[]; attackers: number[]; seconds: number; help: boolean } {
  const { values, help } = parseFlags(argv, { attacks: { type: 'string' }, attackers: { type: 'string' }, seconds: { type: 'string' } });
  const attacks = list('attacks', values.attacks, ATTACKS, (item) => {
    if (!(ATTACKS as readonly string[]).includes(item)) throw new UsageError(`--attacks: no attack ${JSON.stringify(item)} (there are ${ATTACKS.join(', ')})`);
    return item as AttackName;
  });
  const attackers = list('attackers', values.attackers, DEFAULT_ATTACKERS, (item) => wholeNumber('attackers', item, 0, 1, 1000));
  return { attacks, attackers, seconds: wholeNumber('seconds', values.seconds, DEFAULT_SECONDS, 2, 600), help };
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const runs: AttackRun[] = [];
  for (const attack of options.attacks) {
    for (const attackers of options.attackers) {
      process.stdout.write(`${PROGRAM}: ${attack}, ${attackers} attackers\n`);
      runs.push(await runAttack(attack, attackers, options.seconds * 1000));
    }
  }
  process.stdout.write(`\n${formatRuns(runs)}\n`);
  const missed = runs.flatMap((run) => judge(run).missed.map((what) => `${run.attack} ×${run.attackers}: ${what}`));
  for (const line of missed) process.stdout.write(`missed: ${line}\n`);
  return missed.length === 0 ? 0 : 1;
}

runCli({ program: PROGRAM, usageExitCode: 2, seeHelp: true }, main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${PROGRAM}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
