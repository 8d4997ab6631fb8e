/**
 * `npm run record -- --method GET --url /`: sends one request (the client's flags) to the bundled
 * server, or to HOST/PORT, and prints a fixture skeleton of the exchange to start a scenario from.
 */
import { errorLine } from '../client/cli-error.js';
import { runCli, UsageError } from './arguments.js';
import { parseCliArgs } from '../client/cli-options.js';
import { exchange } from '../client/index.js';
import { requestBytes } from '../client/one-shot.js';
import { startServer, type RunningServer } from '../server/server.js';
import { fixtureSkeleton } from '../fixture/skeleton.js';

function namesTarget(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return env.HOST !== undefined || env.PORT !== undefined || argv.some((arg) => /^--(host|port)(=|$)/.test(arg));
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let bundled: RunningServer | undefined;
  try {
    if (!namesTarget(argv, env)) bundled = await startServer({ port: 0, quiet: true });
    const args = bundled === undefined ? argv : [...argv, '--host', bundled.host, '--port', String(bundled.port)];
    const command = parseCliArgs(args, env);
    if (command.kind !== 'one-shot') throw new UsageError('record needs a request to send: --method, --url, --body, --header or --raw (see npm run client -- --help)');
    const bytes = await requestBytes(command, process.stdin);
    const { response } = await exchange({ ...command.target, ...command.send, bytes, timeoutMs: command.timeoutMs, closeWaitMs: 0 });
    process.stdout.write(fixtureSkeleton(bytes, response.response, { server: command.target }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(errorLine(error).replace(/^wirecheck-client:/, 'wirecheck-record:'));
    return 1;
  } finally {
    await bundled?.close();
  }
}

process.exitCode = await runCli({ program: 'wirecheck-record', usageExitCode: 1 }, () => main(process.argv.slice(2), process.env));
