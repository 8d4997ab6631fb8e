import { loopbackTarget, parseFlags, runCli, UsageError, wholeNumber } from '../cli/arguments.js';
import { DEFAULT_STRESS_OPTIONS, runStress, type StressOptions } from './run-stress.js';
import { formatSummary } from './summary.js';

const PROGRAM = 'wirecheck-stress';
const USAGE = `usage: npm run stress -- [--seconds N] [--connections N] [--idle N] [--stalled N] [--max-connections N] [--overflow N] [--rounds N] [--settle N] [--data FILE | --host H --port P]
  Without --host/--port the bundled server is started as a child process on 127.0.0.1 (with --max-connections,
  and --data FILE if given: the durable store).
  With them, --max-connections must be that server's limit (default ${DEFAULT_STRESS_OPTIONS.maxConnections}).`;

function parse(argv: string[]): StressOptions & { help: boolean } {
  const { values, help } = parseFlags(argv, {
    seconds: { type: 'string' },
    connections: { type: 'string' },
    idle: { type: 'string' },
    stalled: { type: 'string' },
    'max-connections': { type: 'string' },
    overflow: { type: 'string' },
    rounds: { type: 'string' },
    settle: { type: 'string' },
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
  });
  const remote = loopbackTarget(values.host, values.port);
  if (values.data !== undefined && values.host !== undefined) throw new UsageError('--data is for the bundled server; a running server has its own');
  if (values.data === '') throw new UsageError('--data needs a file name');
  const d = DEFAULT_STRESS_OPTIONS;
  const options: StressOptions & { help: boolean } = {
    ...d,
    help,
    seconds: wholeNumber('seconds', values.seconds, d.seconds, 1, 3_600),
    connections: wholeNumber('connections', values.connections, d.connections, 1, 5_000),
    idle: wholeNumber('idle', values.idle, d.idle, 0, 50_000),
    stalled: wholeNumber('stalled', values.stalled, d.stalled, 0, 50_000),
    maxConnections: wholeNumber('max-connections', values['max-connections'], d.maxConnections, 1, 100_000),
    overflow: wholeNumber('overflow', values.overflow, d.overflow, 1, 10_000),
    rounds: wholeNumber('rounds', values.rounds, d.rounds, 1, 100),
    settleSeconds: wholeNumber('settle', values.settle, d.settleSeconds, 0, 600),
    ...(values.data === undefined ? {} : { dataFile: values.data }),
    remote,
  };
  if (options.idle + options.stalled >= options.maxConnections) {
    throw new UsageError(`--idle plus --stalled (${options.idle + options.stalled}) must stay below --max-connections (${options.maxConnections})`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await runStress({ ...options, log: (line) => process.stdout.write(`${PROGRAM}: ${line}\n`) });
  process.stdout.write(`${formatSummary(report)}\n`);
  return report.checks.every((check) => check.ok) ? 0 : 1;
}

runCli({ program: PROGRAM, usageExitCode: 2, seeHelp: true }, main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${PROGRAM}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
