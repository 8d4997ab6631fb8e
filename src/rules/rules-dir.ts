import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildGlossary } from './glossary.js';
import { renderGlossary } from './glossary-markdown.js';
import { parsePanel, type Panel } from './panel.js';

/**
 * docs/rules/: the glossary's pages, made from the features, the fixtures and the committed
 * panel (docs/rules/panel.json), which is the folder's one file that is not generated.
 */

export const RULES_DIR = 'docs/rules';
export const PANEL_FILE = 'panel.json';

/** The committed panel, or undefined when there is none yet. */
function readCommittedPanel(root: string): Panel | undefined {
  const file = join(root, RULES_DIR, PANEL_FILE);
  return existsSync(file) ? parsePanel(readFileSync(file, 'utf8'), relative(root, file)) : undefined;
}

/** Every page the glossary has, by its path under docs/rules/ (with `/`), made now. */
export function glossaryPages(root: string): Map<string, string> {
  return renderGlossary(buildGlossary(root, readCommittedPanel(root)));
}

/** The files under docs/rules/ now, with `/`, sorted; the panel's own file left out. */
export function pagesOnDisk(root: string): string[] {
  const dir = join(root, RULES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== PANEL_FILE)
    .sort();
}

/** Writes the pages and removes any other file of docs/rules/ but the panel (a feature file gone, its page goes). */
export function writePages(root: string, pages: ReadonlyMap<string, string>): void {
  const dir = join(root, RULES_DIR);
  for (const path of pagesOnDisk(root)) if (!pages.has(path)) rmSync(join(dir, path));
  for (const [path, content] of pages) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  for (const folder of readdirSync(dir, { withFileTypes: true })) if (folder.isDirectory() && readdirSync(join(dir, folder.name)).length === 0) rmSync(join(dir, folder.name), { recursive: true });
}
