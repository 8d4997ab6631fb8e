// Cucumber configuration for the conformance suite. Its own files are named by absolute paths,
// so that the suite also runs from another folder (`npx wirecheck`). Cucumber writes its message stream; every report
// is made from the findings in it, so all show the same counts.
//
// `npm run conformance` (src/run/conformance-run.ts) runs Cucumber with this file and hands it
// the support code compiled to JavaScript (WIRECHECK_SUITE_BUNDLE, src/run/suite-bundle.ts), which
// Cucumber's processes load without a TypeScript loader; the runner prints the progress and the
// summary itself. Plain `npx cucumber-js` works too, against the bundled server: tsx loads the
// TypeScript, and a formatter of ours prints what the runner would and writes the same reports.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const bundle = process.env.WIRECHECK_SUITE_BUNDLE === undefined ? undefined : JSON.parse(process.env.WIRECHECK_SUITE_BUNDLE);
const reportDir = process.env.REPORT_DIR ?? 'reports';
const retry = Number(process.env.RETRY ?? 1);

// A foreign target is probed before the suite starts (what it has decides which scenarios
// apply), and only the runner does that: one line, rather than the bundled server tested in its place.
if (bundle === undefined && (process.env.HOST || process.env.PORT)) {
  process.stderr.write('wirecheck: plain cucumber-js runs the suite against the bundled server only; for HOST and PORT, run `npm run conformance` (its options: npm run conformance -- --help)\n');
  process.exit(2);
}

export default {
  // WIRECHECK_FEATURES (set by the runner): features or `path:line`s to run instead of the suite's.
  // Without it, Cucumber's own default (features/ in the working folder, which is the package's
  // for the runner), so that paths given to plain cucumber-js replace the suite's, not add to it.
  ...(process.env.WIRECHECK_FEATURES === undefined ? {} : { paths: process.env.WIRECHECK_FEATURES.split('\n') }),
  import: bundle === undefined ? [`${root}steps/support/load-typescript.js`, `${root}steps/**/*.ts`] : [bundle.steps],
  format: [bundle?.formatter ?? `${root}src/run/run-formatter.ts`, `message:${reportDir}/messages.ndjson`],
  // A step with no definition is told the closest defined step, never code to write.
  formatOptions: { snippetSyntax: bundle?.snippetSyntax ?? `${root}src/run/snippet-syntax.ts` },
  tags: process.env.TAGS ?? '',
  // Scenarios mostly wait on sockets and timers: workers side by side keep the run short.
  parallel: Number(process.env.PARALLEL ?? 4),
  // Only a warning (SHOULD-level, shown to Cucumber as pending) needs this: with STRICT=1 it
  // fails the run, as it does the runner's.
  strict: process.env.STRICT === '1',
  // Timing-sensitive scenarios get a second chance; the summary and the sections view name
  // those that passed only on retry. RETRY=0 turns it off.
  // Cucumber refuses a tag filter without retries.
  ...(retry > 0 ? { retry, retryTagFilter: '@slow or @timing' } : {}),
};
