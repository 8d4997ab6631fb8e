import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { maybeSectionRef, maybeSectionTitle, sectionLabel, sectionUrl } from '../findings/rfc-sections.js';
import { levelOfTags } from '../findings/scenario-rule.js';
import type { Level } from '../findings/verdict.js';
import { loadFixture } from '../fixture/fixture-loader.js';
import type { TargetVerdict } from '../run/matrix-json.js';
import { featureUris, readFeature, type ExampleValues, type FeatureSource, type StepSource } from './features.js';
import { fixtureEntry, type FixtureEntry } from './fixture-entry.js';
import { fixtureNamesIn } from './fixture-names.js';
import { panelVerdicts, runKey, type Panel } from './panel.js';

/**
 * The glossary of the suite (docs/rules/): every scenario of every feature file with what
 * decides it (its RFC section and the sentence its description quotes), how it is run (its
 * steps), what it sends and accepts (its fixtures), and what the panel's servers did. Made from
 * the features, the fixtures and the panel's verdicts only, so it is never a second copy to
 * keep in step by hand.
 */

export interface SectionLink {
  /** `RFC 9112 §6.1`. */
  readonly label: string;
  readonly title: string | undefined;
  readonly url: string;
}

/** One run of a scenario: the scenario, or one example row of an outline. */
export interface RunEntry {
  /** `#1`, `#2` for an outline's rows in order; empty for a plain scenario. */
  readonly label: string;
  readonly example: ExampleValues | undefined;
  /** The fixtures its steps name. */
  readonly fixtures: readonly string[];
  /** By panel server; undefined when the panel has not run it. */
  readonly verdicts: Readonly<Record<string, TargetVerdict>> | undefined;
}

export interface TagEntry {
  /** `@rfc9112-6.1`, `@must`. */
  readonly name: string;
  /** The RFC section a section tag names. */
  readonly section?: SectionLink;
}

/** An outline's Examples table, each row with its run's label. */
export interface ExamplesEntry {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly { readonly label: string; readonly values: readonly string[] }[];
}

export interface ScenarioEntry {
  readonly name: string;
  readonly line: number;
  readonly outline: boolean;
  readonly tags: readonly TagEntry[];
  readonly level: Level;
  readonly description: string;
  readonly steps: readonly StepSource[];
  readonly examples: readonly ExamplesEntry[];
  readonly runs: readonly RunEntry[];
  /** Every fixture its runs name, each once (`fixturesInOrder`). */
  readonly fixtures: readonly FixtureEntry[];
}

export interface FeatureEntry {
  /** `features/rfc9112/framing.feature`. */
  readonly uri: string;
  /** The folder under features/: `rfc9112`. */
  readonly profile: string;
  /** Its page under docs/rules/: `rfc9112/framing.md`. */
  readonly page: string;
  readonly name: string;
  readonly description: string;
  readonly background: readonly StepSource[];
  readonly scenarios: readonly ScenarioEntry[];
}

export interface Glossary {
  readonly features: readonly FeatureEntry[];
  /** The panel the verdicts come from; undefined when there is none yet. */
  readonly panel: Panel | undefined;
}

const FIXTURES_DIR = 'fixtures';

/** Builds the glossary of every feature file under `root`. */
export function buildGlossary(root: string, panel: Panel | undefined): Glossary {
  const verdicts = panel === undefined ? new Map<string, RunEntry['verdicts']>() : panelVerdicts(panel);
  const fixtures = new Map<string, FixtureEntry | undefined>();
  const fixtureOf = (name: string): FixtureEntry | undefined => {
    if (!fixtures.has(name)) {
      const file = `${FIXTURES_DIR}/${name}.yaml`;
      fixtures.set(name, existsSync(join(root, file)) ? fixtureEntry(name, file, loadFixture(join(root, file))) : undefined);
    }
    return fixtures.get(name);
  };
  const features = featureUris(root).map((uri) => featureEntry(readFeature(root, uri), fixtureOf, (key) => verdicts.get(key)));
  return { features, panel };
}

function featureEntry(source: FeatureSource, fixtureOf: (name: string) => FixtureEntry | undefined, verdictsOf: (key: string) => RunEntry['verdicts']): FeatureEntry {
  const page = source.uri.replace(/^features\//, '').replace(/\.feature$/, '.md');
  const folders = page.split('/');
  const scenarios = source.scenarios.map((scenario): ScenarioEntry => {
    const runs = scenario.runs.map((run, i): RunEntry => ({
      label: scenario.outline ? `#${i + 1}` : '',
      example: run.example,
      fixtures: fixtureNamesIn(run.texts, (name) => fixtureOf(name) !== undefined),
      verdicts: verdictsOf(runKey(source.uri, scenario.name, run.example)),
    }));
    const labels = new Map(scenario.runs.map((run, i) => [run.line, runs[i]!.label]));
    return {
      name: scenario.name,
      line: scenario.line,
      outline: scenario.outline,
      tags: scenario.tags.map(tagEntry),
      level: levelOfTags(scenario.tags),
      description: scenario.description,
      steps: scenario.steps,
      examples: scenario.examples.map(({ name, header, rows }) => ({ name, header, rows: rows.map((row) => ({ label: labels.get(row.line) ?? '', values: row.values })) })),
      runs,
      fixtures: fixturesInOrder(runs).map((name) => fixtureOf(name)!),
    };
  });
  return {
    uri: source.uri,
    profile: folders.length > 1 ? folders[0]! : '',
    page,
    name: source.name,
    description: source.description,
    background: source.background,
    scenarios,
  };
}

/** Each fixture once, in the order the runs name them; on an outline, those every row names after those of single rows. */
function fixturesInOrder(runs: readonly RunEntry[]): string[] {
  const names = [...new Set(runs.flatMap((run) => run.fixtures))];
  if (runs.length < 2) return names;
  const everyRow = (name: string): boolean => runs.every((run) => run.fixtures.includes(name));
  return [...names.filter((name) => !everyRow(name)), ...names.filter(everyRow)];
}

function tagEntry(name: string): TagEntry {
  const ref = maybeSectionRef(name);
  return ref === undefined ? { name } : { name, section: { label: sectionLabel(ref), title: maybeSectionTitle(ref), url: sectionUrl(ref) } };
}
