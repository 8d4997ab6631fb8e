import { createInterface, type Interface } from 'node:readline';
import { capturePackets, writeCapture } from '../capture/capture-file.js';
import type { Readable, Writable } from 'node:stream';
import { assignmentRequestBytes, maybeHttpVersion } from './assignment-request.js';
import { UsageError } from '../cli/arguments.js';
import { errorLine } from './cli-error.js';
import type { Target } from './cli-options.js';
import { isClientError } from './errors.js';
import { ReusableConnection } from './reusable-connection.js';

export interface InteractiveOptions {
  readonly target: Target;
  readonly timeoutMs: number;
  /** Where the session's connections are also written as a pcapng capture, when it ends. */
  readonly pcapFile?: string;
  readonly input: Readable;
  readonly output: Writable;
  /** Where a failed request is reported, one line each; the loop then goes on. */
  readonly errorOutput: Writable;
}

/** What the prompts collected for one request. */
interface TypedRequest {
  readonly method: string;
  readonly url: string;
  readonly version: string;
  readonly message: string | undefined;
}

type Ask = (prompt: string) => Promise<string | undefined>;

/**
 * The assignment's client: prompts for a request, sends it with the assignment's header fields
 * on one kept-alive connection, prints the raw response, and asks again until input ends.
 */
export async function runInteractive(options: InteractiveOptions): Promise<void> {
  const lines = createInterface({ input: options.input, output: options.output, terminal: isTerminal(options.input) });
  // Ctrl+C ends the session like the end of input does, instead of pausing it.
  lines.on('SIGINT', () => lines.close());
  const connection = new ReusableConnection(options.target, options.timeoutMs);
  const ask = asker(lines);
  try {
    for (let typed = await askRequest(ask); typed !== undefined; typed = await askRequest(ask)) {
      await sendAndPrint(typed, connection, options);
    }
    // Input ended at a prompt: leave the terminal on a fresh line.
    options.output.write('\n');
  } finally {
    lines.close();
    await connection.close();
    if (options.pcapFile !== undefined) writeCapture(options.pcapFile, capturePackets(connection.transcripts));
  }
}

async function sendAndPrint(typed: TypedRequest, connection: ReusableConnection, options: InteractiveOptions): Promise<void> {
  try {
    const version = maybeHttpVersion(typed.version);
    if (version === undefined) throw new UsageError(`HTTP VERSION must look like HTTP/1.1, not ${JSON.stringify(typed.version)}`);
    const bytes = assignmentRequestBytes({ method: typed.method, url: typed.url, version, body: typed.message, ...options.target });
    const received = await connection.request(bytes, typed.method);
    options.output.write(received.raw);
    // The next prompt starts on a line of its own, even after a body without a final newline.
    if (received.raw.at(-1) !== 0x0a) options.output.write('\n');
  } catch (error) {
    if (!isClientError(error) && !(error instanceof UsageError)) throw error;
    options.errorOutput.write(errorLine(error));
  }
}

/** Asks for one request; undefined once input ends. An empty URL means `/`, an empty version HTTP/1.1. */
async function askRequest(ask: Ask): Promise<TypedRequest | undefined> {
  let method: string | undefined;
  do method = (await ask('METHOD >> '))?.trim();
  while (method === '');
  if (method === undefined) return undefined;
  const url = (await ask('URL >> '))?.trim();
  if (url === undefined) return undefined;
  const version = (await ask('HTTP VERSION >> '))?.trim();
  if (version === undefined) return undefined;
  if (method !== 'POST') return { method, url: url || '/', version: version || 'HTTP/1.1', message: undefined };
  const message = await ask('MESSAGE >> ');
  if (message === undefined) return undefined;
  return { method, url: url || '/', version: version || 'HTTP/1.1', message };
}

/** Prompts and reads the next line; lines typed or piped ahead of their prompt wait their turn. */
function asker(lines: Interface): Ask {
  const iterator = lines[Symbol.asyncIterator]();
  return async (prompt) => {
    lines.setPrompt(prompt);
    lines.prompt();
    const next = await iterator.next();
    return next.done === true ? undefined : next.value;
  };
}

function isTerminal(input: Readable): boolean {
  return 'isTTY' in input && input.isTTY === true;
}
