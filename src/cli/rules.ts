/**
 * `npm run rules`: writes the glossary, docs/rules/ (an index and one page per feature file),
 * from the features, the fixtures and the committed panel, docs/rules/panel.json.
 * `--panel reports/matrix.json` first copies a matrix run's verdicts into that panel file.
 * test/unit/rules-glossary.test.ts fails when the folder is not what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { PanelFileError, panelOfMatrix, parseMatrixJson, renderPanel } from '../rules/panel.js';
import { glossaryPages, PANEL_FILE, RULES_DIR, writePages } from '../rules/rules-dir.js';

const PROGRAM = 'wirecheck-rules';
const USAGE = `usage: ${PROGRAM} [--panel MATRIX_JSON]
  writes ${RULES_DIR}/ from features/, fixtures/ and ${RULES_DIR}/${PANEL_FILE}
  --panel FILE  first copy the verdicts of a matrix run (its matrix.json, e.g. reports/matrix.json) into ${RULES_DIR}/${PANEL_FILE}`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function main(): number {
  const { values } = parseFlags(process.argv.slice(2), { panel: { type: 'string' } }, { usage: USAGE });
  try {
    if (values.panel !== undefined) {
      const panel = panelOfMatrix(parseMatrixJson(readText(values.panel), values.panel));
      writeFileSync(join(ROOT, RULES_DIR, PANEL_FILE), renderPanel(panel));
      process.stdout.write(`rules: ${RULES_DIR}/${PANEL_FILE}: ${panel.scenarios.length} scenarios on ${panel.targets.length} servers, run ${panel.generatedAt}\n`);
    }
    const pages = glossaryPages(ROOT);
    writePages(ROOT, pages);
    process.stdout.write(`rules: ${RULES_DIR}/: ${pages.size} pages\n`);
    return 0;
  } catch (error) {
    // A matrix or panel file that is not one: the command line named it, or --panel replaces it.
    if (error instanceof PanelFileError) throw new UsageError(`${error.message} (a matrix run's matrix.json, given to --panel, writes ${RULES_DIR}/${PANEL_FILE} anew)`);
    throw error;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--panel: cannot read ${path}: ${(error as Error).message}`);
  }
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
