import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFlags, runCli, UsageError } from '../cli/arguments.js';
import type { ListenOptions, RunningServer } from './listen.js';

const DEFAULT_CLI_PORT = 8080;

/** True when the module at `moduleUrl` is the script node (or tsx) was asked to run. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}

/**
 * The CLI every peer and double shares: `--host` (default 127.0.0.1) and `--port` (default 8080),
 * prints `listening on http://HOST:PORT`; any error is one line on stderr and exit code 1.
 */
export async function runServerCli(
  name: string,
  start: (options: ListenOptions) => Promise<RunningServer>,
  args: readonly string[] = process.argv.slice(2),
): Promise<void> {
  try {
    await runCli({ program: name, usageExitCode: 1 }, async () => {
      const { values } = parseFlags(args, { host: { type: 'string' }, port: { type: 'string' } }, { usage: `usage: ${name} [--host H] [--port P]` });
      const server = await start({ host: values.host ?? '127.0.0.1', port: parsePort(values.port) });
      console.log(`listening on http://${server.host}:${server.port}`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => void server.close().finally(() => process.exit(0)));
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name}: ${message.split('\n')[0]}`); // one line, whatever the error
    process.exit(1);
  }
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CLI_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}
