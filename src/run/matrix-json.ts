import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Verdict } from '../findings/verdict.js';
import { readFeature, runAt, type ExampleValues, type FeatureSource } from '../rules/features.js';
import { scenarioKey, type ScenarioRun } from './cucumber-messages.js';
import type { Matrix } from './matrix.js';

/**
 * The matrix as data (`reports/matrix.json`), for tools rather than people: every target, and
 * for every scenario its verdict on each target with the one-line reason when it did not pass.
 * A scenario is named by its place (`id`, file and line, as in this run) and, since lines move
 * as features are edited, by its file, its name as written and its example row: what the
 * glossary (docs/rules/, `npm run rules -- --panel`) matches on.
 */

export interface TargetVerdict {
  readonly verdict: Verdict;
  /** Why it did not pass, in one line; absent on pass. */
  readonly reason?: string;
}

export interface MatrixJsonTarget {
  readonly name: string;
  /** What and where it is: `nginx serving a folder on 127.0.0.1:40123`, `the bundled server`. */
  readonly address: string;
  readonly runProblems: readonly string[];
}

export interface MatrixJsonScenario {
  /** `features/x.feature:12`: the scenario's place in this run. */
  readonly id: string;
  readonly feature: string;
  readonly line: number;
  /** The scenario's name as written (an outline's, placeholders and all). */
  readonly scenario: string;
  /** An outline's example row, `[column, value]` pairs; absent for a plain scenario. */
  readonly example?: ExampleValues;
  readonly level: string;
  /** By target name; a target the scenario did not run on has none. */
  readonly verdicts: Readonly<Record<string, TargetVerdict>>;
}

export interface MatrixJson {
  /** When the matrix was made (ISO 8601). */
  readonly generatedAt: string;
  /** The tag expression the suite ran with; null for the default selection. */
  readonly tags: string | null;
  readonly strict: boolean;
  readonly targets: readonly MatrixJsonTarget[];
  readonly notRun: readonly { readonly name: string; readonly reason: string }[];
  readonly scenarios: readonly MatrixJsonScenario[];
}

/** Where Cucumber runs, so where a run's feature uris are relative to. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The matrix's JSON text. `root` is where the run's feature uris are relative to. */
export function renderMatrixJson(matrix: Matrix, root = PACKAGE_ROOT): string {
  return `${JSON.stringify(matrixJson(matrix, root), null, 2)}\n`;
}

export function matrixJson(matrix: Matrix, root: string): MatrixJson {
  const byTarget = matrix.targets.map((target) => new Map(target.scenarios.map((run) => [scenarioKey(run), run])));
  const features = new Map<string, FeatureSource | undefined>();
  const featureAt = (uri: string): FeatureSource | undefined => {
    if (!features.has(uri)) features.set(uri, existsSync(join(root, uri)) ? readFeature(root, uri) : undefined);
    return features.get(uri);
  };
  const scenarios = matrix.sections.flatMap((section) =>
    section.rows.map((row): MatrixJsonScenario => {
      const feature = featureAt(row.uri);
      const written = feature === undefined ? undefined : runAt(feature, row.line);
      const verdicts: Record<string, TargetVerdict> = {};
      row.cells.forEach((cell, i) => {
        if (cell.verdict === 'absent') return;
        const run: ScenarioRun | undefined = byTarget[i]!.get(row.key);
        const reason = cell.verdict === 'pass' ? undefined : (run?.finding.summary ?? cell.difference);
        verdicts[matrix.targets[i]!.name] = { verdict: cell.verdict, ...(reason === undefined ? {} : { reason }) };
      });
      return {
        id: row.key,
        feature: row.uri,
        line: row.line,
        // A feature edited since the run no longer has the line: the run's own name stands in.
        scenario: written?.scenario.name ?? row.name,
        ...(written?.run.example === undefined ? {} : { example: written.run.example }),
        level: row.level,
        verdicts,
      };
    }),
  );
  return {
    generatedAt: matrix.generatedAt.toISOString(),
    tags: matrix.tags === undefined || matrix.tags === '' ? null : matrix.tags,
    strict: matrix.strict,
    targets: matrix.targets.map((target) => ({ name: target.name, address: target.address, runProblems: target.runProblems })),
    notRun: matrix.notRun.map(({ name, reason }) => ({ name, reason })),
    scenarios,
  };
}
