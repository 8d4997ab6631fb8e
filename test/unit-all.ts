/**
 * Every unit and property test file in one process (`npm run test:unit`).
 *
 * `node --test FILE...` starts one process per file, and each of them loads tsx and the modules
 * under test again: on a 2-core machine that was 12 of the 16 seconds the unit tests took. Here
 * the files are imported one after another (test/unit, then test/property, each sorted by
 * name) and node:test runs their tests as usual; a failure still names its file and line.
 * `npm run test:unit:isolated` runs them one process per file, as before, for a test suspected
 * of depending on another file's state.
 *
 * So that this stays true, a unit test file must not rely on having the process to itself: what
 * it opens (servers, timers, mocks) it closes or restores in its own hooks, and file-level
 * `before`/`after` hooks stay harmless for the other files' tests.
 */
import { readdirSync } from 'node:fs';

const DIRECTORIES = ['unit', 'property'];

for (const directory of DIRECTORIES) {
  const base = new URL(`./${directory}/`, import.meta.url);
  const files = readdirSync(base)
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  for (const name of files) await import(new URL(name, base).href);
}
