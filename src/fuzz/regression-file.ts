import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { visibleBytes } from '../expect/visible.js';
import type { Finish } from './expected-exchange.js';
import type { FuzzCase } from './fuzz-case.js';

/** The format tag of a saved case; bump it if the fields change meaning. */
export const REGRESSION_FORMAT = 'wirecheck-fuzz-case/1';

/** A failing case as saved under test/fuzz-regressions/: `bytes` (base64) is what is replayed. */
interface RegressionFile {
  readonly format: typeof REGRESSION_FORMAT;
  readonly seed: number;
  readonly case: number;
  readonly failures: readonly string[];
  readonly description: readonly string[];
  readonly finish: Finish;
  readonly gapMs: number;
  readonly splits: readonly number[];
  readonly bytes: string;
  /** The bytes for reading (CR, LF, controls made visible); not used by the replay. */
  readonly visible: readonly string[];
}

export function regressionFileName(c: FuzzCase): string {
  return `seed-${c.seed}-case-${c.index}.json`;
}

/** Saves a failing case; returns the file's path. */
export function saveRegression(dir: string, c: FuzzCase, failures: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  const file: RegressionFile = {
    format: REGRESSION_FORMAT,
    seed: c.seed,
    case: c.index,
    failures,
    description: c.description,
    finish: c.finish,
    gapMs: c.gapMs,
    splits: c.splits,
    bytes: c.bytes.toString('base64'),
    visible: visibleBytes(c.bytes).split('\n'),
  };
  const path = join(dir, regressionFileName(c));
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/** Reads a saved case back; throws with the file's name if it is not one. */
export function loadRegression(path: string): FuzzCase {
  const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<RegressionFile>;
  if (file.format !== REGRESSION_FORMAT || typeof file.bytes !== 'string' || !Array.isArray(file.splits)) {
    throw new Error(`${path}: not a ${REGRESSION_FORMAT} file`);
  }
  if (file.finish !== 'fin' && file.finish !== 'hold') throw new Error(`${path}: finish must be "fin" or "hold"`);
  return {
    seed: file.seed ?? 0,
    index: file.case ?? 0,
    bytes: Buffer.from(file.bytes, 'base64'),
    splits: file.splits,
    gapMs: file.gapMs ?? 0,
    finish: file.finish,
    description: file.description ?? [],
  };
}

/** Every saved case in `dir` (files ending in .json), sorted by name. */
export function listRegressions(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => join(dir, name));
}
