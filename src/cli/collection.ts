/**
 * `npm run collection`: writes collections/wirecheck.postman_collection.json from the @seed
 * features and their fixtures (src/postman/export.ts); test/unit/postman-export.test.ts fails
 * when the file is not what this would write.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, runCli } from './arguments.js';
import { COLLECTION_FILE, renderCollection, seedCollection } from '../postman/export.js';

const PROGRAM = 'wirecheck-collection';
const USAGE = `usage: ${PROGRAM}
  writes ${COLLECTION_FILE} from features/seed/ and their fixtures
  run it: npx newman run ${COLLECTION_FILE} --env-var baseUrl=http://127.0.0.1:8080`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function main(): number {
  parseFlags(process.argv.slice(2), {}, { usage: USAGE });
  const collection = seedCollection(ROOT);
  mkdirSync(dirname(join(ROOT, COLLECTION_FILE)), { recursive: true });
  writeFileSync(join(ROOT, COLLECTION_FILE), renderCollection(collection));
  const requests = collection.item.reduce((sum, folder) => sum + (folder.item?.length ?? 0), 0);
  process.stdout.write(`collection: ${COLLECTION_FILE}: ${collection.item.length} scenarios, ${requests} requests\n`);
  return 0;
}

process.exit(await runCli({ program: PROGRAM, usageExitCode: 2 }, main));
