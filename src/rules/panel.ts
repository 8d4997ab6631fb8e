import { isVerdict } from '../findings/verdict.js';
import type { ExampleValues } from './features.js';
import type { MatrixJson, TargetVerdict } from '../run/matrix-json.js';

/**
 * The panel's verdicts as the glossary reads them (docs/rules/panel.json): a copy of a matrix
 * run's JSON (`reports/matrix.json`) with only what the glossary shows, each scenario named by
 * its file, its name as written and its example row, never by its line, which moves.
 */

export interface PanelTarget {
  readonly name: string;
  /** What the server is: its address as the matrix gave it, less the port it happened to listen on. */
  readonly what: string;
}

export interface PanelScenario {
  readonly feature: string;
  readonly scenario: string;
  readonly example?: ExampleValues;
  readonly verdicts: Readonly<Record<string, TargetVerdict>>;
}

export interface Panel {
  /** When the matrix ran (ISO 8601). */
  readonly generatedAt: string;
  /** The tag expression it ran with; null for the default selection. */
  readonly tags: string | null;
  readonly targets: readonly PanelTarget[];
  readonly notRun: readonly { readonly name: string; readonly reason: string }[];
  readonly scenarios: readonly PanelScenario[];
}

/** ` on 127.0.0.1:40123`: where a server the matrix started listened, which changes from run to run. */
const EPHEMERAL_ADDRESS = / on [^ ]+:\d+$/;

/** A panel or matrix file that is not what it should be. */
export class PanelFileError extends Error {
  override readonly name = 'PanelFileError';
}

/** The panel a matrix run makes: its targets, and its scenarios by file then by line as they ran. */
export function panelOfMatrix(matrix: MatrixJson): Panel {
  const scenarios = [...matrix.scenarios]
    .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : a.line - b.line))
    .map(({ feature, scenario, example, verdicts }) => ({ feature, scenario, ...(example === undefined ? {} : { example }), verdicts }));
  return {
    generatedAt: matrix.generatedAt,
    tags: matrix.tags,
    targets: matrix.targets.map(({ name, address }) => ({ name, what: address.replace(EPHEMERAL_ADDRESS, '') })),
    notRun: matrix.notRun,
    scenarios,
  };
}

/** The panel's JSON, one scenario a line, so that a new run's changes read line by line in a diff. */
export function renderPanel(panel: Panel): string {
  const { scenarios, ...rest } = panel;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  return `${head},\n  "scenarios": [\n${scenarios.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

/** Reads a matrix run's JSON; what it lacks is a PanelFileError naming `file`. */
export function parseMatrixJson(text: string, file: string): MatrixJson {
  const value = parseJson(text, file);
  const scenarios = checkShape(value, file, 'address');
  for (const s of scenarios) if (typeof s.line !== 'number') throw new PanelFileError(`${file}: a scenario has no line: is it a matrix run's matrix.json?`);
  return value as unknown as MatrixJson;
}

/** Reads docs/rules/panel.json; what it lacks is a PanelFileError naming `file`. */
export function parsePanel(text: string, file: string): Panel {
  const value = parseJson(text, file);
  checkShape(value, file, 'what');
  return value as unknown as Panel;
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PanelFileError(`${file}: not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) throw new PanelFileError(`${file}: not a JSON object`);
  return value as Record<string, unknown>;
}

/** The shape both files share: targets by name, scenarios by file and name, each verdict one the suite gives. */
function checkShape(value: Record<string, unknown>, file: string, described: 'address' | 'what'): Record<string, unknown>[] {
  if (typeof value.generatedAt !== 'string') throw new PanelFileError(`${file}: no generatedAt`);
  if (!Array.isArray(value.targets) || !value.targets.every((t) => typeof t?.name === 'string' && typeof t?.[described] === 'string')) throw new PanelFileError(`${file}: targets must each have a name and ${described === 'what' ? 'a what' : 'an address'}`);
  if (!Array.isArray(value.notRun) || !Array.isArray(value.scenarios)) throw new PanelFileError(`${file}: no notRun or scenarios list`);
  for (const s of value.scenarios as Record<string, unknown>[]) {
    const where = `${file}: scenario ${JSON.stringify(s?.scenario)}`;
    if (typeof s?.feature !== 'string' || typeof s.scenario !== 'string' || typeof s.verdicts !== 'object' || s.verdicts === null) throw new PanelFileError(`${where}: needs a feature, a scenario and verdicts`);
    for (const v of Object.values(s.verdicts as Record<string, TargetVerdict>)) if (!isVerdict(v?.verdict)) throw new PanelFileError(`${where}: unknown verdict ${JSON.stringify(v?.verdict)}`);
  }
  return value.scenarios as Record<string, unknown>[];
}

/** The key a run is looked up by: its file, its scenario's name as written, its example row. */
export function runKey(feature: string, scenario: string, example: ExampleValues | undefined): string {
  return JSON.stringify([feature, scenario, example ?? null]);
}

/** The panel's verdicts by run, for the glossary's lookups. */
export function panelVerdicts(panel: Panel): ReadonlyMap<string, PanelScenario['verdicts']> {
  return new Map(panel.scenarios.map((s) => [runKey(s.feature, s.scenario, s.example), s.verdicts]));
}
