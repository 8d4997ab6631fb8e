import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from './arguments.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../client/cli-options.js';
import type { ClientTls } from '../client/index.js';
import type { DeclaredCapabilities } from '../target/capabilities.js';
import { DECLARED_BY, type ServerSettings, type SettingName } from '../target/server-settings.js';
import type { TargetPaths } from '../fixture/placeholders.js';

/**
 * What a user says of a foreign target, each part from its flag, else its environment
 * variable, else its key in a target file (`--target FILE`, YAML, keys named as the flags).
 */
const PARTS = {
  host: 'HOST',
  port: 'PORT',
  'get-path': 'GET_PATH',
  'body-path': 'BODY_PATH',
  'echo-path': 'ECHO_PATH',
  store: 'STORE',
  tls: 'TLS',
  insecure: 'INSECURE',
  servername: 'SERVERNAME',
  ...Object.fromEntries(Object.values(DECLARED_BY).map(({ env, flag }) => [flag.slice(2), env])),
} as const satisfies Record<string, string>;

export type PartName = keyof typeof PARTS;
export const PART_NAMES = Object.keys(PARTS) as PartName[];
/** The parts that are yes or no: `--tls` on the command line, `TLS=yes`, `tls: true` in a file. */
const YES_NO_PARTS: readonly PartName[] = ['store', 'tls', 'insecure'];

export interface TargetDeclaration {
  readonly target: { readonly host: string; readonly port: number; readonly tls?: ClientTls } | undefined;
  readonly declared: DeclaredCapabilities;
}

/** The parts of a target file, as text; a file that is not a map of known parts is a usage error. */
export function readTargetFile(path: string): ReadonlyMap<PartName, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the target file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${path}: a target file is a map of ${PART_NAMES.join(', ')}`);
  const parts = new Map<PartName, string>();
  for (const [key, part] of Object.entries(value)) {
    if (!(key in PARTS)) throw new UsageError(`${path}: unknown key ${JSON.stringify(key)} (known: ${PART_NAMES.join(', ')})`);
    if (typeof part === 'boolean' && YES_NO_PARTS.includes(key as PartName)) parts.set(key as PartName, part ? 'yes' : 'no');
    else if (typeof part === 'string' || typeof part === 'number') parts.set(key as PartName, String(part));
    else throw new UsageError(`${path}: ${key} must be a string or a number`);
  }
  return parts;
}

/**
 * The target and what is declared of it. `flags` holds the command line's values (`store`,
 * `tls` and `insecure` as `yes`/`no`), `env` the environment, `file` a target file's parts.
 */
export function declareTarget(flags: Partial<Record<PartName, string>>, env: NodeJS.ProcessEnv, file: ReadonlyMap<PartName, string> = new Map()): TargetDeclaration {
  const part = (name: PartName): string | undefined => flags[name] ?? nonEmpty(env[PARTS[name]]) ?? file.get(name);
  // A bad value is named as the user gave it: the flag, the variable or the file's key.
  const given = (name: PartName): string => (flags[name] !== undefined ? `--${name}` : nonEmpty(env[PARTS[name]]) !== undefined ? PARTS[name] : `the target file's ${name}`);
  const number = (name: PartName, value: string, min: number, max: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`${given(name)} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  // The client's rule too: naming either names a target, the other defaulting to where `npm start` listens.
  const named = part('host') !== undefined || part('port') !== undefined;
  const host = named ? (part('host') ?? DEFAULT_HOST) : undefined;
  const port = named ? (part('port') ?? String(DEFAULT_PORT)) : undefined;
  const yesNo = (name: PartName): boolean | undefined => {
    const value = part(name);
    if (value !== undefined && value !== 'yes' && value !== 'no') throw new UsageError(`${given(name)} must be yes or no, got ${JSON.stringify(value)}`);
    return value === undefined ? undefined : value === 'yes';
  };
  const tls = declaredTls(part, given, yesNo);
  if (tls !== undefined && host === undefined) throw new UsageError(`${given('tls')} is for a foreign target: give its host and port too (the bundled server the run starts speaks plain TCP)`);
  const target = host === undefined || port === undefined ? undefined : { host, port: number('port', port, 1, 65535), ...(tls === undefined ? {} : { tls }) };
  const store = yesNo('store');
  const paths = declaredPaths(part, given);
  const settings: Partial<Record<SettingName, number>> = {};
  for (const [name, { flag }] of Object.entries(DECLARED_BY) as [SettingName, (typeof DECLARED_BY)[SettingName]][]) {
    const value = part(flag.slice(2) as PartName);
    if (value !== undefined) settings[name] = number(flag.slice(2) as PartName, value, 1, Number.MAX_SAFE_INTEGER);
  }
  const declared: DeclaredCapabilities = {
    ...(store === undefined ? {} : { store }),
    ...(Object.keys(paths).length === 0 ? {} : { paths }),
    settings: settings as ServerSettings,
  };
  return { target, declared };
}

/** TLS when `tls` is yes; `insecure` (yes) and `servername` only with it, so that neither is silently ignored. */
function declaredTls(part: (name: PartName) => string | undefined, given: (name: PartName) => string, yesNo: (name: PartName) => boolean | undefined): ClientTls | undefined {
  const insecure = yesNo('insecure');
  const servername = part('servername');
  if (yesNo('tls') !== true) {
    const stray = insecure === true ? 'insecure' : servername !== undefined ? 'servername' : undefined;
    if (stray !== undefined) throw new UsageError(`${given(stray)} is for a TLS target: add --tls (TLS=yes, or tls: true in the target file)`);
    return undefined;
  }
  return { ...(insecure === true ? { insecure } : {}), ...(servername === undefined ? {} : { servername }) };
}

function declaredPaths(part: (name: PartName) => string | undefined, given: (name: PartName) => string): Partial<TargetPaths> {
  const paths: { -readonly [K in keyof TargetPaths]?: string } = {};
  for (const [key, name] of [['get', 'get-path'], ['body', 'body-path'], ['echo', 'echo-path']] as const) {
    const path = part(name);
    if (path === undefined) continue;
    // Origin-form (RFC 9112 §3.2.1): the path is sent as it is, so it must be one.
    if (!/^\/[!-~]*$/.test(path)) throw new UsageError(`${given(name)} must be a path starting with / and of visible ASCII, got ${JSON.stringify(path)}`);
    paths[key] = path;
  }
  return paths;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
