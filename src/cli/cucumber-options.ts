/**
 * Cucumber's own options that `npm run conformance` passes through, as a Cucumber user types
 * them: `--name REGEXP`, `--format NAME[:FILE]`, `--parallel N` and `--profile NAME`. Each is
 * checked here, so that a mistake is one line before Cucumber starts, and its paths are made
 * absolute: Cucumber runs in the package's folder, not the caller's.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UsageError, wholeNumber } from './arguments.js';

/** The flags as parseArgs reads them (each repeatable but `--parallel`). */
export const CUCUMBER_FLAGS = {
  name: { type: 'string', multiple: true },
  format: { type: 'string', multiple: true },
  parallel: { type: 'string' },
  profile: { type: 'string', multiple: true },
} as const;

export interface CucumberFlagValues {
  readonly name?: readonly string[] | undefined;
  readonly format?: readonly string[] | undefined;
  readonly parallel?: string | undefined;
  readonly profile?: readonly string[] | undefined;
}

/** More workers than this wait on one another more than on the target. */
const MAX_PARALLEL = 64;

/**
 * The arguments for Cucumber's command line. `configFile` is the package's cucumber.js, whose
 * named exports are its profiles; `cwd` is where the caller's paths are relative to.
 */
export function cucumberArguments(values: CucumberFlagValues, configFile: string, cwd: string): string[] {
  const args: string[] = [];
  for (const name of values.name ?? []) args.push('--name', checkedRegExp(name));
  for (const format of values.format ?? []) args.push('--format', absoluteFormat(format, cwd));
  if (values.parallel !== undefined) args.push('--parallel', String(wholeNumber('parallel', values.parallel, 0, 0, MAX_PARALLEL)));
  const profiles = values.profile ?? [];
  if (profiles.length > 0) {
    const known = profilesOf(configFile);
    const unknown = profiles.find((profile) => !known.includes(profile));
    if (unknown !== undefined) throw new UsageError(`--profile ${JSON.stringify(unknown)}: cucumber.js has no such profile (it has ${known.join(', ')})`);
    // A profile named replaces the default one, which holds the suite's own settings: it comes first.
    for (const profile of ['default', ...profiles.filter((p) => p !== 'default')]) args.push('--profile', profile);
  }
  return args;
}

function checkedRegExp(source: string): string {
  try {
    new RegExp(source);
  } catch (error) {
    throw new UsageError(`--name ${JSON.stringify(source)} is not a regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  return source;
}

/**
 * `NAME` or `NAME:FILE` (Cucumber's own formatters by name, or a module by path), the file, and
 * a module path, made absolute; written quoted, as Cucumber reads a format unambiguously.
 */
function absoluteFormat(format: string, cwd: string): string {
  const colon = format.indexOf(':');
  const name = colon < 0 ? format : format.slice(0, colon);
  const file = colon < 0 ? undefined : format.slice(colon + 1);
  if (name === '' || file === '') throw new UsageError(`--format ${JSON.stringify(format)}: give a formatter, and a file after a colon to write to one (e.g. --format json:run.json)`);
  const module = /^\.{1,2}\//.test(name) || isAbsolute(name) ? resolve(cwd, name) : name;
  return file === undefined ? `"${module}"` : `"${module}":"${resolve(cwd, file)}"`;
}

/** `default` and every named export of the config file, read as text: importing it would run it. */
function profilesOf(configFile: string): string[] {
  const text = readFileSync(configFile, 'utf8');
  const named = [...text.matchAll(/^export\s+(?:const|let|var|function|async\s+function)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  return ['default', ...named];
}
