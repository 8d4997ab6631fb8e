/**
 * The project's CLIs as the e2e tests start them: each entry point compiled to JavaScript
 * (src/build/own-code-bundle.ts), once per test file, and run by node alone. The tests start
 * CLIs by the dozen, and under tsx each start took some 0.35 s more CPU than the same code
 * compiled: on two cores, a good part of npm test. What users start through tsx is still tested
 * that way: `npm start` and the server CLI (server-cli.test.ts), bin/wirecheck.js (bin.test.ts),
 * plain cucumber-js (cucumber-habits.test.ts), the installed package (test/tools/install.test.ts).
 */
import { resolve } from 'node:path';
import { bundleFolder, bundleOwnCode } from '../../src/build/own-code-bundle.js';

const compiled = new Map<string, string>();

/** Compiles each of `scripts` (paths from the working folder, or absolute) for `cli`; awaited in a before() hook, or before the first start. */
export async function compileClis(...scripts: string[]): Promise<void> {
  const missing = [...new Set(scripts.map((script) => resolve(script)))].filter((path) => !compiled.has(path));
  if (missing.length === 0) return;
  const entries = Object.fromEntries(missing.map((path, index) => [`cli-${index}`, path]));
  const built = await bundleOwnCode(entries, bundleFolder('wirecheck-cli-'));
  missing.forEach((path, index) => compiled.set(path, built[`cli-${index}`]!));
}

/** node's arguments that run `script` compiled (compileClis first), then `args`. */
export function cli(script: string, ...args: readonly string[]): string[] {
  const file = compiled.get(resolve(script));
  if (file === undefined) throw new Error(`${script} is not compiled: await compileClis('${script}') first`);
  return [file, ...args];
}
