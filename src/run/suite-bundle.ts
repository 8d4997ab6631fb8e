/**
 * The suite's support code (the steps and what they import, the formatter, the snippet syntax)
 * compiled into plain JavaScript once per runner process, for Cucumber to load without a
 * TypeScript loader. Each of Cucumber's processes loads all of it: through tsx's loader hooks,
 * module by module, that took a worker about a second of CPU before its first scenario; one
 * bundle a third of that (docs/testing.md has the figures).
 *
 * Only the project's own files are bundled. Every package stays an import of the package's own
 * file, by absolute URL, so that the steps share the one Cucumber instance the runtime uses and
 * the bundle may live anywhere. `import.meta.url` keeps naming each source file, so the paths
 * made from it (the fixtures, the steps folder) are the same as under tsx.
 */
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SuiteBundle {
  /** The support code, for Cucumber's `import`. */
  readonly steps: string;
  /** The runner's (silent) formatter, for Cucumber's `format`. */
  readonly formatter: string;
  /** The step hint for undefined steps, for Cucumber's `formatOptions.snippetSyntax`. */
  readonly snippetSyntax: string;
}

let built: Promise<SuiteBundle> | undefined;

/** The bundle of the package at `packageRoot`, built on the first call; removed when the process exits. */
export function suiteBundle(packageRoot: string): Promise<SuiteBundle> {
  built ??= buildSuiteBundle(packageRoot);
  return built;
}

async function buildSuiteBundle(packageRoot: string): Promise<SuiteBundle> {
  const outdir = mkdtempSync(join(tmpdir(), 'wirecheck-suite-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  // The same files as cucumber.js names for plain cucumber-js, in a stable order.
  const steps = readdirSync(join(packageRoot, 'steps'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const stepsEntry = join(outdir, 'steps.ts');
  writeFileSync(stepsEntry, steps.map((file) => `import ${JSON.stringify(join(packageRoot, 'steps', file))};\n`).join(''));
  await build({
    entryPoints: {
      steps: stepsEntry,
      'silent-formatter': join(packageRoot, 'src/run/silent-formatter.ts'),
      'snippet-syntax': join(packageRoot, 'src/run/snippet-syntax.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    plugins: [ownFilesOnly],
    logLevel: 'silent',
  });
  return { steps: join(outdir, 'steps.mjs'), formatter: join(outdir, 'silent-formatter.mjs'), snippetSyntax: join(outdir, 'snippet-syntax.mjs') };
}

/** Bundles the package's own TypeScript with each file's URL kept; leaves every package (and node's own modules) an import. */
const ownFilesOnly: Plugin = {
  name: 'wirecheck-own-files-only',
  setup(plugins) {
    // A bare specifier is a package: resolved as node would (esbuild's `import` conditions), then left an import of that file.
    plugins.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      const found = await plugins.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (found.errors.length > 0 || found.external) return undefined;
      return { path: pathToFileURL(found.path).href, external: true };
    });
    // So every file reached is the project's own TypeScript.
    plugins.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};
