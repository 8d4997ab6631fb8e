/**
 * The steps the suite defines, as a feature's author meets them: a step written with a typo is
 * told the defined step closest to it and where every step is listed (docs/steps.md), never
 * the code Cucumber would have one write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';

/** A parameter type, as Cucumber's defineParameterType takes it. */
export interface ParameterTypeSpec {
  readonly name: string;
  readonly regexp: RegExp;
  readonly transformer: (text: string) => unknown;
}

/** The suite's own parameter types: steps/support/parameter-types.ts defines them for Cucumber. */
export const PARAMETER_TYPES: readonly ParameterTypeSpec[] = [
  /** One or more quoted fixture names: `"a/b"`, `"a/b" and "a/c"`, `"a", "b" and "c"`. */
  {
    name: 'fixtures',
    regexp: /"[^"]+"(?:(?:, | and )"[^"]+")*/,
    transformer: (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
  },
  /** A list of status codes: `200, 201 and 404`. */
  {
    name: 'statuses',
    regexp: /\d{3}(?:(?:, | and )\d{3})*/,
    transformer: (text: string) => text.split(/, | and /).map(Number),
  },
];

export const STEPS_DOC = 'docs/steps.md';

/** A step definition's first argument, a string: `When('the {string} request is sent', …)`. */
const DEFINITION = /^(?:Given|When|Then)\((['"])(.*?)\1,/gm;
/** What a parameter stands for when texts are compared: a quoted string, a number. */
const QUOTED = /"[^"]*"|'[^']*'/g;
const NUMBER = /-?\b\d+(?:\.\d+)?\b/g;
const STRING_PARAMETER = /\{(?:string|fixtures)\}/g;
const NUMBER_PARAMETER = /\{(?:int|float|statuses)\}/g;

/** Every step pattern defined in the `*.steps.ts` files of `stepsDir`, as written. */
export function definedStepPatterns(stepsDir: string): string[] {
  return readdirSync(stepsDir)
    .filter((name) => name.endsWith('.steps.ts'))
    .sort()
    .flatMap((name) => [...readFileSync(join(stepsDir, name), 'utf8').matchAll(DEFINITION)].map((m) => m[2]!));
}

/** The first of `texts` (a scenario's steps) that no pattern matches, or undefined when each has a definition. */
export function firstUndefinedStep(texts: readonly string[], patterns: readonly string[]): string | undefined {
  const registry = new ParameterTypeRegistry();
  for (const { name, regexp, transformer } of PARAMETER_TYPES) registry.defineParameterType(new ParameterType(name, regexp, null, transformer, true, false));
  const expressions = patterns.map((pattern) => new CucumberExpression(pattern, registry));
  return texts.find((text) => !expressions.some((expression) => expression.match(text) !== null));
}

/**
 * The pattern nearest to `text` by edit distance, parameters compared as what they stand for
 * (`"seed/x"` and `{string}` alike), or undefined when there are none. `text` may be a step or
 * an expression Cucumber generated from one (`the {string} reqest is sent`).
 */
export function closestStep(text: string, patterns: readonly string[]): string | undefined {
  const shape = (s: string): string => s.replace(QUOTED, '{string}').replace(NUMBER, '{int}').replace(STRING_PARAMETER, '{string}').replace(NUMBER_PARAMETER, '{int}');
  const wanted = shape(text);
  let best: { pattern: string; distance: number } | undefined;
  for (const pattern of patterns) {
    const distance = editDistance(wanted, shape(pattern));
    if (best === undefined || distance < best.distance) best = { pattern, distance };
  }
  return best?.pattern;
}

/** What a step that has no definition is told: the closest defined one, and where every step is listed. */
export function undefinedStepHint(text: string, patterns: readonly string[]): string {
  const closest = closestStep(text, patterns);
  return `no step is defined as "${text}"${closest === undefined ? '' : `; the closest defined step is "${closest}"`} (${STEPS_DOC} lists every step)`;
}

/** Levenshtein distance, one row at a time: texts are a step long. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
