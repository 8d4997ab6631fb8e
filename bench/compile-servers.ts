/**
 * The servers as plain JavaScript, so that they can be run with `node` alone. Under
 * `node --import tsx`, tsx's loader runs on a thread of its own that holds about 40 MiB of RSS
 * for the life of the process: that would be counted as the server's memory, and it is the
 * same for both servers, so it only blurs the comparison and hides the idle-connection goal.
 *
 * Each entry point and every module it imports by relative path is transpiled, file by file,
 * with the project's own TypeScript (`transpileModule`, types erased, nothing else changed),
 * into a directory under node_modules/.cache so that any package import still resolves.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Relative module specifiers in import/export declarations and dynamic imports. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export interface CompiledTree {
  /** Root of the tree; the same layout as the repository below it. */
  readonly dir: string;
  /** Where `entry` (a .ts path relative to the repository) ended up. */
  pathOf(entry: string): string;
  remove(): void;
}

/**
 * One module's TypeScript as JavaScript, and the source map from the one to the other (a
 * profile of the compiled code names lines of the JavaScript; profile-summary.ts maps them back).
 */
export function transpile(text: string, fileName: string): { code: string; sourceMap: object } {
  const output = ts.transpileModule(text, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: true },
  });
  // The trailing sourceMappingURL comment points at a file that is never written: drop it.
  const code = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return { code, sourceMap: JSON.parse(output.sourceMapText ?? '{}') as object };
}

export function compileEntryPoints(repoRoot: string, entries: readonly string[]): CompiledTree {
  const dir = join(repoRoot, 'node_modules', '.cache', 'wirecheck-bench', `build-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');

  const seen = new Set<string>();
  const pending = entries.map((entry) => resolve(repoRoot, entry));
  while (pending.length > 0) {
    const source = pending.pop()!;
    if (seen.has(source)) continue;
    seen.add(source);
    const text = readFileSync(source, 'utf8');
    const { code: output } = transpile(text, source);
    const target = join(dir, relative(repoRoot, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
    // Imports are written with .js suffixes for the .ts files beside them (ESM, NodeNext).
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      pending.push(resolve(dirname(source), match[1]!).replace(/\.js$/, '.ts'));
    }
  }
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove); // also when the benchmark is interrupted
  return { dir, pathOf: (entry) => join(dir, entry).replace(/\.ts$/, '.js'), remove };
}
