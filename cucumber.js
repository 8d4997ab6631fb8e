// Cucumber configuration for the conformance suite. Paths are absolute so that the suite also
// runs from another folder (`npx wirecheck`). Cucumber writes only its message stream; the
// runner (src/run/) makes every report from the findings in it, so all show the same counts.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const reportDir = process.env.REPORT_DIR ?? 'reports';
const retry = Number(process.env.RETRY ?? 1);

export default {
  // WIRECHECK_FEATURES (set by the runner): features or `path:line`s to run instead of the suite's.
  paths: process.env.WIRECHECK_FEATURES?.split('\n') ?? [`${root}features/**/*.feature`],
  import: [`${root}steps/**/*.ts`],
  format: [`${root}src/run/silent-formatter.ts`, `message:${reportDir}/messages.ndjson`],
  tags: process.env.TAGS ?? '',
  // Scenarios mostly wait on sockets and timers: workers side by side keep the run short.
  parallel: Number(process.env.PARALLEL ?? 4),
  // Timing-sensitive scenarios get a second chance; the summary and the sections view name
  // those that passed only on retry. RETRY=0 turns it off.
  // Cucumber refuses a tag filter without retries.
  ...(retry > 0 ? { retry, retryTagFilter: '@slow or @timing' } : {}),
};
