// Cucumber configuration for the conformance suite. Paths are absolute so that the suite also
// runs from another folder (`npx wirecheck`); reports go to REPORT_DIR under the caller's folder.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const reportDir = process.env.REPORT_DIR ?? 'reports';

export default {
  paths: [`${root}features/**/*.feature`],
  import: [`${root}steps/**/*.ts`],
  format: [
    process.env.CI || !process.stdout.isTTY ? 'progress' : 'progress-bar',
    `html:${reportDir}/conformance.html`,
    `junit:${reportDir}/conformance.xml`,
    `message:${reportDir}/messages.ndjson`,
  ],
  formatOptions: { junit: { suiteName: 'wirecheck conformance' } },
  tags: process.env.TAGS ?? '',
  // Timing-sensitive scenarios get a second chance; the summary and the sections view name
  // those that passed only on retry. RETRY=0 turns it off.
  retry: Number(process.env.RETRY ?? 1),
  retryTagFilter: '@slow or @timing',
};
