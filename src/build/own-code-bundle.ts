/**
 * The project's own TypeScript compiled by esbuild into one plain JavaScript file per entry
 * point, for a process that should start without a TypeScript loader: Cucumber's, whose every
 * process loads all the support code (src/run/suite-bundle.ts), and a server whose memory is
 * measured, which under tsx would count the loader thread's 40 MiB as its own.
 *
 * Only the project's own files are bundled. Every package stays an import of the package's own
 * file, by absolute URL, so that a bundle shares the one instance of a package with whatever
 * else the process loads (Cucumber's runtime, above all) and may live in any folder.
 * `import.meta.url` keeps naming each source file, so the paths made from it (the fixtures, the
 * steps folder) are the same as under tsx.
 */
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A folder of the system's temporary one for bundles (`PREFIX…`), removed when this process exits. */
export function bundleFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Bundles each of `entryPoints` (output name → source path) to `outdir`/NAME.mjs; resolves to those paths by name. */
export async function bundleOwnCode<Name extends string>(entryPoints: Readonly<Record<Name, string>>, outdir: string): Promise<Record<Name, string>> {
  await build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    plugins: [ownFilesOnly],
    logLevel: 'silent',
  });
  const names = Object.keys(entryPoints) as Name[];
  return Object.fromEntries(names.map((name) => [name, join(outdir, `${name}.mjs`)])) as Record<Name, string>;
}

/** Bundles the project's own TypeScript with each file's URL kept; leaves every package (and node's own modules) an import. */
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
    // So every file reached is the project's own TypeScript. A pattern, not the words themselves,
    // so that this file, bundled in turn, still looks for them.
    plugins.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};
