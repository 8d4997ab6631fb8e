/**
 * The suite's support code (the steps and what they import, the formatter, the snippet syntax)
 * compiled into plain JavaScript once per runner process (src/build/own-code-bundle.ts), for
 * Cucumber to load without a TypeScript loader. Each of Cucumber's processes loads all of it:
 * through tsx's loader hooks, module by module, that took a worker about a second of CPU before
 * its first scenario (docs/testing.md has the figures).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFolder, bundleOwnCode } from '../build/own-code-bundle.js';

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
  const outdir = bundleFolder('wirecheck-suite-');
  // The same files as cucumber.js names for plain cucumber-js, in a stable order.
  const steps = readdirSync(join(packageRoot, 'steps'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const stepsEntry = join(outdir, 'steps.ts');
  writeFileSync(stepsEntry, steps.map((file) => `import ${JSON.stringify(join(packageRoot, 'steps', file))};\n`).join(''));
  return bundleOwnCode(
    { steps: stepsEntry, formatter: join(packageRoot, 'src/run/silent-formatter.ts'), snippetSyntax: join(packageRoot, 'src/run/snippet-syntax.ts') },
    outdir,
  );
}
