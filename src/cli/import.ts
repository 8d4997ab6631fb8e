/**
 * `npm run import -- FILE --into fixtures/AREA`: a Postman collection or a HAR file as a fixture
 * per request and a feature that sends each (src/postman/import.ts), ready to run:
 * `npm run conformance -- features/AREA`. Nothing is written when a file it would write exists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, runCli, UsageError } from './arguments.js';
import { ImportError, importedFiles, parseImport, slug } from '../postman/import.js';

const PROGRAM = 'wirecheck-import';
const USAGE = `usage: ${PROGRAM} FILE --into fixtures/AREA
  FILE           a Postman collection (v2.1 or v2.0, .json) or a HAR 1.2 file
  --into FOLDER  fixtures/AREA: a fixture for each request goes there, and a feature sending
                 each one to features/AREA/NAME.feature (NAME from FILE's name)
  then: npm run check, and npm run conformance -- features/AREA`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'fixtures');
/** A fixture folder's name, as fixture names are written (src/rules/fixture-names.ts). */
const AREA_PART = /^[a-z0-9][a-z0-9._-]*$/;

/** `fixtures/my-area` → `my-area`: the area's path under the package's fixtures, where the harness reads them. */
function areaOf(into: string): string {
  const area = relative(FIXTURES, resolve(into)).split(sep).join('/');
  if (area === '' || area.startsWith('..') || isAbsolute(area)) throw new UsageError(`--into names a folder under ${relative(process.cwd(), FIXTURES) || 'fixtures'}/, e.g. fixtures/my-area, not ${into}`);
  const bad = area.split('/').find((part) => !AREA_PART.test(part));
  if (bad !== undefined) throw new UsageError(`--into: ${JSON.stringify(bad)} is not a fixture folder name (lower case, digits, . _ -)`);
  return area;
}

function main(): number {
  const { values, positionals } = parseFlags(process.argv.slice(2), { into: { type: 'string' } }, { positionals: true, usage: USAGE });
  if (positionals.length !== 1) throw new UsageError('name one file to import: a Postman collection or a HAR file (see --help)');
  if (values.into === undefined) throw new UsageError('--into fixtures/AREA says where the fixtures go (see --help)');
  const area = areaOf(values.into);
  const [file] = positionals as [string];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const source = basename(file);
  const imported = parseImport(text, source);
  for (const line of imported.skipped) process.stderr.write(`${PROGRAM}: skipped ${line}\n`);
  if (imported.requests.length === 0) throw new ImportError(`${source}: no request to import`);
  const feature = slug(source.replace(/(\.postman_collection)?\.(json|har)$/i, '')) || 'imported';
  const files = importedFiles(imported, area, feature, source);
  const existing = [...files.keys()].find((path) => existsSync(join(ROOT, path)));
  if (existing !== undefined) throw new ImportError(`${existing} exists: nothing written (remove it, or import into another folder)`);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content, { flag: 'wx' });
  }
  process.stdout.write(`import: ${imported.requests.length} request${imported.requests.length === 1 ? '' : 's'} from ${source}: fixtures/${area}/, features/${area}/${feature}.feature\n`);
  return 0;
}

try {
  process.exitCode = await runCli({ program: PROGRAM, usageExitCode: 2 }, main);
} catch (error) {
  if (!(error instanceof ImportError)) throw error;
  process.stderr.write(`${PROGRAM}: ${error.message}\n`);
  process.exitCode = 1;
}
