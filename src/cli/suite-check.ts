/**
 * The suite checked without a target (`npm run check`): every feature parses, every step has
 * exactly one definition that takes its arguments, every fixture a step names exists, every
 * fixture file loads, and every scenario carries its profile, sections the suite knows and one
 * level. A problem is one `file:line: message`, the line where it is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType, type GherkinDocument, type Pickle, type PickleStep } from '@cucumber/messages';
import { loadFixture } from '../fixture/fixture-loader.js';
import { isFixtureError } from '../fixture/fixture-error.js';
import { maybeSectionRef, maybeSectionTitle } from '../findings/rfc-sections.js';
import { MAY_TAG, MUST_TAG, SHOULD_TAG } from '../findings/scenario-rule.js';

/** The profiles whose scenarios each judge one RFC section at one level (docs/profiles.md). */
export const RFC_PROFILES: readonly string[] = ['rfc9112', 'rfc9110', 'robustness', 'bundled'];
/** The profiles the package ships: `@seed` judges the SPEC's documented cases, not a section. */
export const SHIPPED_PROFILES: readonly string[] = ['seed', ...RFC_PROFILES];
const LEVEL_TAGS: readonly string[] = [MUST_TAG, SHOULD_TAG, MAY_TAG];

/** A step definition as the check needs it (steps/ through Cucumber's support code, or a test's own). */
export interface StepDefinitionView {
  /** `steps/request.steps.ts:9`. */
  readonly where: string;
  /** The Cucumber expression as written; a regular expression's source. */
  readonly pattern: string;
  /** How many arguments its function takes: the expression's, then a docstring or table. */
  readonly arity: number;
  /** The expression's arguments for `text`, or undefined when it does not match. */
  match(text: string): readonly StepArgument[] | undefined;
}

export interface StepArgument {
  /** The parameter type's name: `string`, `int`, `fixtures`. */
  readonly type: string;
  /** The argument as written in the step (a string's quotes included). */
  readonly text: string;
}

export interface Problem {
  /** Relative to the checked folder, with `/`. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface SuiteCheck {
  readonly features: number;
  readonly scenarios: number;
  readonly fixtures: number;
  readonly problems: readonly Problem[];
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Checks `root/features` and `root/fixtures` against `definitions`. */
export function checkSuite(root: string, definitions: readonly StepDefinitionView[]): SuiteCheck {
  const fixtureFiles = filesUnder(root, 'fixtures');
  const problems: Problem[] = fixtureFiles.flatMap((file) => fixtureProblems(root, file));
  const fixtureNames = new Set(fixtureFiles.filter((file) => file.endsWith('.yaml')).map((file) => file.slice('fixtures/'.length, -'.yaml'.length)));
  const featureFiles = filesUnder(root, 'features').filter((file) => file.endsWith('.feature'));
  let scenarios = 0;
  for (const file of featureFiles) {
    const feature = checkFeature(file, readFileSync(join(root, file), 'utf8'), definitions, fixtureNames);
    scenarios += feature.scenarios;
    problems.push(...feature.problems);
  }
  return { features: featureFiles.length, scenarios, fixtures: fixtureFiles.length, problems };
}

/** Files under `root/dir`, relative to root with `/`, sorted; none when the folder is missing. */
function filesUnder(root: string, dir: string): string[] {
  const walk = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(path, entry.name)) : [join(path, entry.name)]));
  let files: string[];
  try {
    files = walk(join(root, dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return files.map((file) => relative(root, file).split(sep).join('/')).sort();
}

function fixtureProblems(root: string, file: string): Problem[] {
  if (file.endsWith('.yml')) return [{ file, line: 1, message: 'a fixture is read as NAME.yaml: rename it' }];
  if (!file.endsWith('.yaml')) return [];
  try {
    loadFixture(join(root, file));
    return [];
  } catch (error) {
    if (!isFixtureError(error)) throw error;
    return [{ file, line: error.line, message: error.problem }];
  }
}

// ---------------------------------------------------------------------------------------------
// Features

export function checkFeature(file: string, text: string, definitions: readonly StepDefinitionView[], fixtureNames: ReadonlySet<string>): { scenarios: number; problems: Problem[] } {
  const envelopes = generateMessages(text, file, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
    includeGherkinDocument: true,
    includePickles: true,
    includeSource: false,
    newId: IdGenerator.incrementing(),
  });
  const parseErrors = envelopes.flatMap((e) => (e.parseError === undefined ? [] : [e.parseError]));
  if (parseErrors.length > 0) {
    return { scenarios: 0, problems: parseErrors.map((error) => ({ file, line: error.source.location?.line ?? 1, message: error.message.replace(/^\(\d+:\d+\): /, '') })) };
  }
  const document = envelopes.find((e) => e.gherkinDocument !== undefined)!.gherkinDocument!;
  if (document.feature === undefined) return { scenarios: 0, problems: [{ file, line: 1, message: 'no Feature in the file' }] };
  const lines = astLines(document);
  const profile = /^features\/([^/]+)\/./.exec(file)?.[1];
  const problems: Problem[] = profile === undefined ? [{ file, line: 1, message: 'a feature belongs in the folder of its profile: features/<profile>/' }] : [];
  const pickles = envelopes.flatMap((e) => (e.pickle === undefined ? [] : [e.pickle]));
  for (const pickle of pickles) {
    // An outline's run is reported at its example row, as Cucumber reports it.
    const at = (id: string | undefined): number => lines.get(id ?? '') ?? 1;
    const line = at(pickle.astNodeIds.at(-1));
    if (profile !== undefined) for (const message of tagProblems(profile, pickle)) problems.push({ file, line, message });
    for (const step of pickle.steps) {
      const row = pickle.astNodeIds.length > 1 ? ` (example row at line ${line})` : '';
      for (const message of stepProblems(step, definitions, fixtureNames)) problems.push({ file, line: at(step.astNodeIds[0]), message: `${message}${row}` });
    }
  }
  return { scenarios: pickles.length, problems };
}

/** The line of every step, scenario and example row, by its AST id. */
function astLines(document: GherkinDocument): Map<string, number> {
  const lines = new Map<string, number>();
  const children = document.feature!.children.flatMap((child) => (child.rule === undefined ? [child] : child.rule.children));
  for (const child of children) {
    const part = child.background ?? child.scenario;
    if (part === undefined) continue;
    lines.set(part.id, part.location.line);
    for (const step of part.steps) lines.set(step.id, step.location.line);
    for (const examples of child.scenario?.examples ?? []) for (const row of examples.tableBody) lines.set(row.id, row.location.line);
  }
  return lines;
}

/**
 * A scenario's tags: its profile (the folder it is in), each section one that
 * src/findings/rfc-sections.ts knows, at most one, with exactly one level; the RFC profiles
 * need their section. A folder of one's own may leave the section out: its rule is its own.
 */
function tagProblems(profile: string, pickle: Pickle): string[] {
  const tags = [...new Set(pickle.tags.map((tag) => tag.name))];
  const problems: string[] = [];
  if (!tags.includes(`@${profile}`)) problems.push(`"${pickle.name}" has no @${profile} tag: a scenario carries its folder's profile`);
  const sections = tags.flatMap((tag) => {
    const ref = maybeSectionRef(tag);
    return ref === undefined ? [] : [ref];
  });
  for (const ref of sections) if (maybeSectionTitle(ref) === undefined) problems.push(`"${pickle.name}": ${ref.tag} is not a section src/findings/rfc-sections.ts knows`);
  if (sections.length > 1) problems.push(`"${pickle.name}" cites ${sections.length} sections (${sections.map((ref) => ref.tag).join(', ')}): one rule per scenario`);
  if (sections.length === 0 && RFC_PROFILES.includes(profile)) problems.push(`"${pickle.name}" has no section tag: an @${profile} scenario cites the one it checks (@rfc9112-6.3)`);
  const levels = tags.filter((tag) => LEVEL_TAGS.includes(tag));
  if (levels.length > 1) problems.push(`"${pickle.name}" has ${levels.join(' and ')}: one level per scenario`);
  if (levels.length === 0 && (sections.length > 0 || RFC_PROFILES.includes(profile))) problems.push(`"${pickle.name}" has no level: one of ${LEVEL_TAGS.join(', ')}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Steps

function stepProblems(step: PickleStep, definitions: readonly StepDefinitionView[], fixtureNames: ReadonlySet<string>): string[] {
  const matching = definitions.flatMap((definition) => {
    const args = definition.match(step.text);
    return args === undefined ? [] : [{ definition, args }];
  });
  if (matching.length === 0) return [`no step definition matches "${step.text}" (docs/steps.md lists every step)`];
  if (matching.length > 1) return [`"${step.text}" matches ${matching.length} step definitions: ${matching.map((m) => m.definition.where).join(', ')}`];
  const [{ definition, args }] = matching as [{ definition: StepDefinitionView; args: readonly StepArgument[] }];
  const extra = step.argument?.docString !== undefined ? 'a docstring' : step.argument?.dataTable !== undefined ? 'a table' : undefined;
  const wanted = args.length + (extra === undefined ? 0 : 1);
  // Cucumber accepts one more: a callback.
  if (definition.arity !== wanted && definition.arity !== wanted + 1) {
    return [`"${step.text}"${extra === undefined ? '' : ` with ${extra}`} gives ${wanted} arguments; ${definition.where} ("${definition.pattern}") takes ${definition.arity}`];
  }
  return fixtureArguments(definition.pattern, args)
    .filter((name) => !fixtureNames.has(name))
    .map((name) => `no fixture "${name}" (fixtures/${name}.yaml)`);
}

/**
 * The fixture names among a step's arguments. By the steps' wording: a `{fixtures}` list, a
 * `{string}` followed by " request" (`the {string} request is sent`), or after "the response
 * matches " (`the response matches {string}`). Other strings are field names, values, text.
 */
export function fixtureArguments(pattern: string, args: readonly StepArgument[]): string[] {
  const literals = pattern.split(/\{[^{}]*\}/);
  return args.flatMap((arg, i) => {
    const before = literals[i] ?? '';
    const after = literals[i + 1] ?? '';
    if (arg.type === 'fixtures') return [...arg.text.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const named = arg.type === 'string' && (after.startsWith(' request') || before.endsWith('the response matches '));
    return named ? [arg.text.slice(1, -1)] : [];
  });
}
