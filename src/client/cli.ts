/**
 * `npm run client`: the assignment's interactive client, or, given request flags, one request
 * sent and its raw response printed. Any failure is one line on stderr and exit code 1.
 */
import { runCli, UsageError } from '../cli/arguments.js';
import { errorLine, PROGRAM_NAME } from './cli-error.js';
import { parseCliArgs, USAGE } from './cli-options.js';
import { runInteractive } from './interactive.js';
import { runOneShot } from './one-shot.js';

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const command = parseCliArgs(argv, env);
    switch (command.kind) {
      case 'help':
        process.stdout.write(USAGE);
        break;
      case 'interactive':
        await runInteractive({ target: command.target, timeoutMs: command.timeoutMs, ...(command.pcapFile === undefined ? {} : { pcapFile: command.pcapFile }), input: process.stdin, output: process.stdout, errorOutput: process.stderr });
        break;
      case 'one-shot':
        await runOneShot(command, { stdin: process.stdin, stdout: process.stdout });
        break;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(errorLine(error));
    return 1;
  }
}

// Output piped into a reader that quits early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', () => process.exit(process.exitCode ?? 0));

process.exitCode = await runCli({ program: PROGRAM_NAME, usageExitCode: 1 }, () => main(process.argv.slice(2), process.env));
