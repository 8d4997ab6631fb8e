import { isIPv6 } from 'node:net';
import { runCli } from '../cli/arguments.js';
import { USAGE, parseServerArgs } from './cli-options.js';
import { JournalError } from './journal.js';
import { startServer } from './server.js';

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
  process.stdout.write(`listening on http://${isIPv6(server.host) ? `[${server.host}]` : server.host}:${server.port}\n`);
  const stop = (): void => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await runCli({ program: PROGRAM, usageExitCode: 1, seeHelp: true }, main);
