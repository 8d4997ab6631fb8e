import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Examples, type Pickle, type Scenario, type Step } from '@cucumber/messages';

/**
 * The feature files as written, read with Cucumber's own Gherkin parser: each scenario with its
 * tags, description and steps, and the runs Cucumber makes of it (one, or one per example row of
 * an outline) with their steps' text as substituted. Shared by the glossary (docs/rules/) and
 * the matrix's JSON summary, which both name a scenario by its file, name and example row.
 */

export interface StepSource {
  /** `Given `, `When `, `And `, as written (with its trailing space). */
  readonly keyword: string;
  readonly text: string;
  readonly docString?: string;
  readonly dataTable?: readonly (readonly string[])[];
}

export interface ExamplesSource {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly values: readonly string[] }[];
}

/** One run of a scenario: the scenario itself, or one example row of an outline. */
export interface ScenarioRunSource {
  /** The scenario's line, or the example row's: what Cucumber reports as the run's line. */
  readonly line: number;
  /** The row's values by column, in the table's order; undefined for a plain scenario. */
  readonly example: ExampleValues | undefined;
  /** Every step's text as run (background first, outline parameters filled), docstrings and table cells included. */
  readonly texts: readonly string[];
}

/** An example row, as `[column, value]` pairs in the table's order. */
export type ExampleValues = readonly (readonly [column: string, value: string])[];

export interface ScenarioSource {
  readonly name: string;
  readonly line: number;
  readonly outline: boolean;
  /** The feature's, the rule's and the scenario's tags, in that order, each once. */
  readonly tags: readonly string[];
  readonly description: string;
  readonly steps: readonly StepSource[];
  readonly examples: readonly ExamplesSource[];
  readonly runs: readonly ScenarioRunSource[];
}

export interface FeatureSource {
  /** Relative to the project root, with `/`: `features/rfc9112/framing.feature`. */
  readonly uri: string;
  readonly name: string;
  readonly description: string;
  /** Steps every scenario of the file runs first. */
  readonly background: readonly StepSource[];
  readonly scenarios: readonly ScenarioSource[];
}

const FEATURES_DIR = 'features';

/** Every `.feature` file under `root/features`, as uris, sorted. */
export function featureUris(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.feature') ? [join(dir, entry.name)] : [],
    );
  return walk(join(root, FEATURES_DIR))
    .map((file) => relative(root, file).split(sep).join('/'))
    .sort();
}

/** Reads and parses one feature file; `uri` is relative to `root`. */
export function readFeature(root: string, uri: string): FeatureSource {
  return parseFeature(readFileSync(join(root, uri), 'utf8'), uri);
}

export function parseFeature(text: string, uri: string): FeatureSource {
  const newId = IdGenerator.incrementing();
  const doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(text);
  const feature = doc.feature;
  if (feature === undefined) return { uri, name: '', description: '', background: [], scenarios: [] };
  const pickles = compile(doc, uri, newId);
  const featureTags = feature.tags.map((tag) => tag.name);
  const scenarios: ScenarioSource[] = [];
  let background: readonly StepSource[] = [];
  for (const child of feature.children) {
    if (child.background !== undefined) background = child.background.steps.map(stepSource);
    if (child.scenario !== undefined) scenarios.push(scenarioSource(child.scenario, featureTags, pickles));
    if (child.rule !== undefined) {
      const ruleTags = [...featureTags, ...child.rule.tags.map((tag) => tag.name)];
      for (const ruleChild of child.rule.children) if (ruleChild.scenario !== undefined) scenarios.push(scenarioSource(ruleChild.scenario, ruleTags, pickles));
    }
  }
  return { uri, name: feature.name, description: dedent(feature.description), background, scenarios };
}

function scenarioSource(scenario: Scenario, outerTags: readonly string[], pickles: readonly Pickle[]): ScenarioSource {
  const rows = new Map(scenario.examples.flatMap((examples) => examples.tableBody.map((row) => [row.id, { examples, line: row.location.line, cells: row.cells.map((c) => c.value) }] as const)));
  const runs = pickles
    .filter((pickle) => pickle.astNodeIds[0] === scenario.id)
    .map((pickle): ScenarioRunSource => {
      const row = pickle.astNodeIds.length > 1 ? rows.get(pickle.astNodeIds[pickle.astNodeIds.length - 1]!) : undefined;
      return {
        line: row?.line ?? scenario.location.line,
        example: row === undefined ? undefined : headerOf(row.examples).map((column, i) => [column, row.cells[i] ?? ''] as const),
        texts: pickle.steps.flatMap((step) => [step.text, ...(step.argument?.docString === undefined ? [] : [step.argument.docString.content]), ...(step.argument?.dataTable?.rows.flatMap((r) => r.cells.map((c) => c.value)) ?? [])]),
      };
    });
  return {
    name: scenario.name,
    line: scenario.location.line,
    outline: scenario.examples.length > 0,
    tags: [...new Set([...outerTags, ...scenario.tags.map((tag) => tag.name)])],
    description: dedent(scenario.description),
    steps: scenario.steps.map(stepSource),
    examples: scenario.examples.map((examples) => ({ name: examples.name, header: headerOf(examples), rows: examples.tableBody.map((row) => ({ line: row.location.line, values: row.cells.map((c) => c.value) })) })),
    runs,
  };
}

function headerOf(examples: Examples): string[] {
  return examples.tableHeader?.cells.map((cell) => cell.value) ?? [];
}

function stepSource(step: Step): StepSource {
  return {
    keyword: step.keyword,
    text: step.text,
    ...(step.docString === undefined ? {} : { docString: step.docString.content }),
    ...(step.dataTable === undefined ? {} : { dataTable: step.dataTable.rows.map((row) => row.cells.map((cell) => cell.value)) }),
  };
}

/** Gherkin keeps a description's indentation; the common indent goes, the lines and blank lines stay. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)![0].length));
  return lines
    .map((line) => (line.trim() === '' ? '' : line.slice(Number.isFinite(indent) ? indent : 0).trimEnd()))
    .join('\n')
    .trim();
}

/** The scenario (and example row) written at `line` of a feature, as Cucumber reports a run's line. */
export function runAt(feature: FeatureSource, line: number): { readonly scenario: ScenarioSource; readonly run: ScenarioRunSource } | undefined {
  for (const scenario of feature.scenarios) for (const run of scenario.runs) if (run.line === line) return { scenario, run };
  return undefined;
}
