import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CODE = ['src', 'steps', 'bin', 'cucumber.js', 'package.json', 'tsconfig.json'];

/**
 * The package's code in a folder of its own, with empty features/ and fixtures/ and the
 * package's node_modules linked. Commands run there (check, import, conformance) see only what a
 * test puts in, and the suite's own folders stay as they are for the tests running beside it.
 */
export function packageCopy(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  for (const part of CODE) cpSync(join(ROOT, part), join(folder, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  for (const dir of ['features', 'fixtures']) mkdirSync(join(folder, dir));
  return folder;
}
