import { isIPv6 } from 'node:net';
import { runCli } from '../cli/arguments.js';
import { USAGE, parseServerArgs } from './cli-options.js';
import { JournalError } from './journal.js';
import { startServer, type RunningServer } from './server.js';

const PROGRAM = 'wirecheck-server';

function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(1);
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') return `port ${port} on ${host} is already in use`;
  if (error.code === 'EACCES') return `not allowed to listen on ${host}:${port}`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return `cannot listen on ${host}: no such local address`;
  return `cannot listen on ${host}:${port}: ${error.message}`;
}

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2), process.env);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const warn = (line: string): void => {
    process.stderr.write(`${PROGRAM}: warning: ${line}\n`);
  };
  const server = await startServer({ ...args, warn }).catch((error: NodeJS.ErrnoException) =>
    // A data file that cannot be used (unreadable, not a journal, corrupt, over the limits) is one line too.
    fail(error instanceof JournalError ? error.message : describeListenError(error, args.host ?? '127.0.0.1', args.port ?? 8080)),
  );
  process.stdout.write(`listening on ${server.options.tls === undefined ? 'http' : 'https'}://${isIPv6(server.host) ? `[${server.host}]` : server.host}:${server.port}\n`);
  stopOnSignals(server);
}

/** SIGHUP too: a closed terminal or a supervisor's hang-up stops the server as SIGTERM does. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/**
 * The signal that cuts a graceful stop short. A second one only repeats the first: a Ctrl-C under
 * `npm start` can reach the server twice, from the terminal and passed on by the process above it.
 */
const FORCE_AT = 3;

/** How often, under npm, the server checks that its parent is still there. */
const ORPHAN_CHECK_MS = 1_000;

/**
 * The first stop signal stops the server gracefully, then exits 0; the handlers stay installed, so
 * that a repeated signal cannot end the process mid-stop by node's default action.
 */
function stopOnSignals(server: RunningServer): void {
  let received = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    received++;
    if (received === 1) {
      void server.close().then(() => process.exit(0));
    } else if (received < FORCE_AT) {
      process.stderr.write(`${PROGRAM}: ${signal}: already stopping; one more signal stops at once\n`);
    } else {
      process.stderr.write(`${PROGRAM}: ${signal}: stopped at once, open connections cut\n`);
      process.exit(1);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  stopWhenOrphaned(() => {
    if (received === 0) onSignal('SIGHUP');
  });
}

/**
 * Under npm (`npm start` execs node, so npm is the parent), npm passes SIGINT and SIGTERM on but
 * not SIGHUP, and a SIGKILL ends it alone: once the parent is gone the server stops as on SIGHUP,
 * rather than run on orphaned. Outside npm a parent may go away on purpose (a daemonizing wrapper).
 */
function stopWhenOrphaned(stop: () => void): void {
  if (process.env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, ORPHAN_CHECK_MS);
  timer.unref();
}

await runCli({ program: PROGRAM, usageExitCode: 1, seeHelp: true }, main);
