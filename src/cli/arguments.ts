/**
 * The one argument-parsing module of every CLI (wirecheck, matrix, record, server, client, fuzz,
 * stress, the peers, bench): the usage error, a strict wrapper over node's parseArgs, the
 * function that runs a CLI's main, and the value checks the CLIs share.
 */
import { isIP } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A user's mistake on the command line: one line on stderr with the program's name, a non-zero exit. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every text on stderr is one line: parseArgs, for one, explains some mistakes over several. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

const SEE_HELP = ' (see --help)';
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

type WithHelp<O extends ParseArgsOptionsConfig> = O & typeof HELP;
type Values<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: WithHelp<O>; strict: true; allowPositionals: true }>>['values'];

export interface ParsedFlags<O extends ParseArgsOptionsConfig> {
  readonly values: Values<O>;
  readonly positionals: string[];
  /** `--help` or `-h` was given (only when no `usage` was passed: with one, the usage is printed and the process exits 0). */
  readonly help: boolean;
}

/**
 * node's parseArgs, strict, with `--help`/`-h` added. A parse error is a UsageError whose message
 * ends with "(see --help)". Given `usage`, `--help` prints it to stdout and exits 0; without it,
 * `help` says whether it was asked for (parsers that stay pure functions).
 */
export function parseFlags<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
  settings: { readonly positionals?: boolean; readonly usage?: string } = {},
): ParsedFlags<O> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, ...HELP }, strict: true, allowPositionals: settings.positionals ?? false });
  } catch (error) {
    throw new UsageError(`${oneLine(error instanceof Error ? error.message : String(error))}${SEE_HELP}`);
  }
  const values = parsed.values as Values<O>;
  const help = (values as { help?: boolean }).help === true;
  if (help && settings.usage !== undefined) {
    process.stdout.write(`${settings.usage}\n`);
    process.exit(0);
  }
  return { values, positionals: parsed.positionals, help };
}

export interface CliSettings {
  /** The name each line on stderr starts with: `program: message`. */
  readonly program: string;
  /** The exit code of a usage error. */
  readonly usageExitCode: number;
  /** Every usage error's line ends with "(see --help)", not only parse errors'. */
  readonly seeHelp?: boolean;
}

/**
 * Runs a CLI's main. A UsageError becomes `program: message` on stderr and the CLI's usage exit
 * code (set as process.exitCode and returned); main's own code is returned as it is; any other
 * error is the caller's.
 */
export async function runCli(settings: CliSettings, main: () => Promise<number | void> | number | void): Promise<number | undefined> {
  try {
    return (await main()) ?? undefined;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${settings.program}: ${usageLine(error, settings.seeHelp === true)}\n`);
    process.exitCode = settings.usageExitCode;
    return settings.usageExitCode;
  }
}

function usageLine(error: UsageError, seeHelp: boolean): string {
  const line = oneLine(error.message);
  return seeHelp && !line.endsWith(SEE_HELP) ? `${line}${SEE_HELP}` : line;
}

/** A whole-number flag within [min, max], or `fallback` when absent. */
export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/** A `--port` (or `--NAME`) from `min` (1 unless 0, any free port, makes sense) to 65535, or `fallback` when absent. */
export function port(raw: string | undefined, fallback: number, min: 0 | 1 = 1, name = 'port'): number {
  return wholeNumber(name, raw, fallback, min, 65535);
}

/** Malformed input and heavy load go only to this machine. */
export function loopbackHost(host: string): string {
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (!loopback) throw new UsageError(`--host must be a loopback address (127.x.x.x, ::1 or localhost), got ${JSON.stringify(host)}`);
  return host;
}

/** `--host` with `--port`, or neither: the loopback server a traffic tool is pointed at, or undefined for its own. */
export function loopbackTarget(host: string | undefined, portText: string | undefined): { host: string; port: number } | undefined {
  if ((host === undefined) !== (portText === undefined)) throw new UsageError('--host and --port go together');
  return host === undefined ? undefined : { host: loopbackHost(host), port: port(portText, 0) };
}
