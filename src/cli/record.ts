/**
 * `npm run record -- --method GET --url / [--out FILE]`: sends one request (the client's flags)
 * to the bundled server, or to HOST/PORT, and writes a fixture skeleton of the exchange to start
 * a scenario from: to FILE (its folders created, an existing file kept), else to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorLine } from '../client/cli-error.js';
import { runCli, UsageError } from './arguments.js';
import { parseCliArgs } from '../client/cli-options.js';
import { exchange } from '../client/index.js';
import { requestBytes } from '../client/one-shot.js';
import { startServer, type RunningServer } from '../server/server.js';
import { fixtureSkeleton } from '../fixture/skeleton.js';

const USAGE = `usage: npm run record -- [--out FILE] REQUEST_FLAGS
  sends one request to the bundled server (or HOST/PORT, --host/--port) and writes a fixture of
  the exchange to FILE, its folders made and an existing file kept, or else to stdout
  REQUEST_FLAGS: the client's one-shot flags (npm run client -- --help), e.g. --method GET --url /hello
`;

function namesTarget(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return env.HOST !== undefined || env.PORT !== undefined || argv.some((arg) => /^--(host|port)(=|$)/.test(arg));
}

/** `--out FILE` (or `--out=FILE`) taken out of the arguments; the rest are the client's. */
function withoutOut(argv: readonly string[]): { out: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--out=(.*)$/.exec(arg);
    if (arg !== '--out' && inline === null) {
      rest.push(arg);
      continue;
    }
    const value = inline === null ? argv[++i] : inline[1];
    if (value === undefined || value === '') throw new UsageError('--out needs a file, e.g. --out fixtures/my-area/get-hello.yaml');
    out = value;
  }
  return { out, rest };
}

/** Writes a new file; one that exists is a fixture someone may have edited, so it is kept. */
function writeNew(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${path} exists: remove it, or name another file`);
    throw error;
  }
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { out, rest } = withoutOut(argv);
  let bundled: RunningServer | undefined;
  try {
    if (!namesTarget(rest, env)) bundled = await startServer({ port: 0, quiet: true });
    const args = bundled === undefined ? rest : [...rest, '--host', bundled.host, '--port', String(bundled.port)];
    const command = parseCliArgs(args, env);
    if (command.kind !== 'one-shot') throw new UsageError('record needs a request to send: --method, --url, --body, --header or --raw (see npm run client -- --help)');
    const bytes = await requestBytes(command, process.stdin);
    const { response } = await exchange({ ...command.target, ...command.send, bytes, timeoutMs: command.timeoutMs, closeWaitMs: 0 });
    const skeleton = fixtureSkeleton(bytes, response.response, { server: command.target });
    if (out === undefined) process.stdout.write(skeleton);
    else {
      writeNew(out, skeleton);
      process.stdout.write(`record: ${out}: ${response.response.status} ${response.response.reason}\n`);
    }
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
