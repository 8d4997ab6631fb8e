/**
 * `npm run check`: every feature and fixture checked without a target, in a few seconds
 * (src/cli/suite-check.ts says what is checked). One `file:line: message` per problem, then a
 * count; exit 1 when there is any problem.
 */
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';
import { parseFlags, runCli } from './arguments.js';
import { checkSuite, formatProblem, type StepDefinitionView } from './suite-check.js';

const PROGRAM = 'wirecheck-check';
const USAGE = `usage: ${PROGRAM}
  checks features/ and fixtures/ without a target: Gherkin syntax, a definition for every step,
  every fixture a step names, every fixture file, each scenario's profile, section and level tags`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the library loadSupport returns holds beyond its public type: the definitions a run matches steps with. */
interface LoadedStepDefinition {
  readonly uri: string;
  readonly line: number;
  readonly pattern: string | RegExp;
  readonly unwrappedCode: (...args: never[]) => unknown;
  readonly expression: { match(text: string): readonly { readonly parameterType: { readonly name?: string }; readonly group: { readonly value?: string } }[] | null };
}

/** The step definitions of steps/, as Cucumber loads them for a run (nothing is run). */
async function stepDefinitions(): Promise<StepDefinitionView[]> {
  const { runConfiguration } = await loadConfiguration({ file: 'cucumber.js' }, { cwd: ROOT });
  const support = (await loadSupport(runConfiguration, { cwd: ROOT })) as unknown as { readonly stepDefinitions: readonly LoadedStepDefinition[] };
  return support.stepDefinitions.map((definition): StepDefinitionView => ({
    where: `${definition.uri}:${definition.line}`,
    pattern: typeof definition.pattern === 'string' ? definition.pattern : definition.pattern.source,
    // The hooks wrap every step; the step's own function says what it takes.
    arity: definition.unwrappedCode.length,
    match: (text) => definition.expression.match(text)?.map((arg) => ({ type: arg.parameterType.name ?? '', text: arg.group.value ?? '' })),
  }));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function main(): Promise<number> {
  parseFlags(process.argv.slice(2), {}, { usage: USAGE });
  const started = performance.now();
  const result = checkSuite(ROOT, await stepDefinitions());
  for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const counted = [count(result.features, 'feature'), count(result.scenarios, 'scenario'), count(result.fixtures, 'fixture')].join(', ');
  const found = result.problems.length === 0 ? 'no problems' : count(result.problems.length, 'problem');
  process.stdout.write(`check: ${counted}: ${found} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return result.problems.length === 0 ? 0 : 1;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
