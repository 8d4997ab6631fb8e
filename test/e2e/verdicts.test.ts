import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VERDICTS, type VerdictCounts } from '../../src/findings/verdict.js';
import { startNodeHttpPeer } from '../../src/peers/node-http.js';
import type { RunningServer } from '../../src/peers/listen.js';
import { readRunRecord } from '../../src/run/cucumber-messages.js';
import { buildMatrix } from '../../src/run/matrix.js';
import { countsLine } from '../../src/run/verdict-view.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// One run with all five verdicts (test/features/verdicts.feature against the node:http peer):
// the terminal, Cucumber's HTML, JUnit, the sections view and the matrix count the same.

const EXPECTED: VerdictCounts = { pass: 1, fail: 1, warn: 1, 'n/a': 1, error: 1 };
/** The status Cucumber's HTML shows for each verdict (src/run/html-report.ts). */
const HTML_STATUS = { pass: 'PASSED', fail: 'FAILED', warn: 'PENDING', 'n/a': 'SKIPPED', error: 'UNDEFINED' } as const;
const STATUS_RANK = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

describe('one count everywhere', () => {
  let peer: RunningServer;
  let result: Ran;
  const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-verdicts-'));

  before(async () => {
    peer = await startNodeHttpPeer({ port: 0 });
    await compileClis('src/cli/conformance.ts');
    result = await runNode(cli('src/cli/conformance.ts', '--report-dir', reportDir, 'test/features/verdicts.feature'), {
      env: { ...process.env, HOST: peer.host, PORT: String(peer.port), TAGS: '' },
    });
  });
  after(() => peer.close());

  it('the terminal: every verdict counted, a block per scenario failing, warning or erring, n/a by reason, exit 1 for the fail and the error', () => {
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.ok(result.stdout.includes(`\n${countsLine(EXPECTED)}\n`), result.stdout);
    assert.match(result.stdout, /^ {2}✗ fail {2}test\/features\/verdicts\.feature:\d+ fail — .*\n {10}RFC 9110 §9\.3\.1 · status: expected 418, got 200$/m);
    assert.match(result.stdout, /^ {2}– n\/a {3}1 × the target cannot be configured/m);
    assert.equal(result.stderr, '');
  });

  it('the findings read back from the message stream, and the matrix built from them', () => {
    const record = readRunRecord(join(reportDir, 'messages.ndjson'));
    assert.deepEqual(record.scenarios.map((run) => run.finding.verdict), ['pass', 'fail', 'warn', 'n/a', 'error']);
    const matrix = buildMatrix([{ name: 'peer', address: 'x', reportHref: '', sectionsHref: '', scenarios: record.scenarios, wallMs: 0, runProblems: [] }], [], { strict: false, tags: undefined, generatedAt: new Date() });
    assert.deepEqual(matrix.totals[0], { ...EXPECTED, absent: 0, retried: 0 });
  });

  it('JUnit: a failure, an error, a skipped n/a, and the warning as a passed case with its property', () => {
    const xml = readFileSync(join(reportDir, 'conformance.xml'), 'utf8');
    assert.match(xml, /<testsuite [^>]*tests="5" failures="1" errors="1" skipped="1"/);
    assert.match(xml, /<property name="warnings" value="1"\/>/);
    assert.equal(xml.match(/<failure /g)?.length, 1);
    assert.equal(xml.match(/<error /g)?.length, 1);
    assert.match(xml, /<skipped message="not applicable: the target cannot be configured/);
    assert.match(xml, /<property name="verdict" value="warn"\/>[\s\S]*?<system-out>warning \(SHOULD-level\)/);
  });

  it("Cucumber's HTML: its own statuses count the same, and the banner says them in the harness's words", () => {
    const html = readFileSync(join(reportDir, 'conformance.html'), 'utf8');
    assert.ok(html.includes(`wirecheck findings: ${countsLine(EXPECTED)}.`));
    // The formatter writes `<` as `\x3C` inside its script; JSON spells it `\u003C`.
    const inline = /window\.CUCUMBER_MESSAGES = \[([\s\S]*?)\];\n<\/script>/.exec(html)![1]!.replace(/\\x3C/g, '\\u003C');
    const messages = JSON.parse(`[${inline}]`) as Record<string, any>[];
    const worst = new Map<string, string>();
    for (const m of messages) {
      const step = m.testStepFinished;
      if (step === undefined) continue;
      const before = worst.get(step.testCaseStartedId) ?? 'PASSED';
      if (STATUS_RANK.indexOf(step.testStepResult.status) > STATUS_RANK.indexOf(before)) worst.set(step.testCaseStartedId, step.testStepResult.status);
      else worst.set(step.testCaseStartedId, before);
    }
    const shown = [...worst.values()].sort();
    assert.deepEqual(shown, VERDICTS.map((verdict) => HTML_STATUS[verdict]).sort());
  });

  it('the sections view', () => {
    const md = readFileSync(join(reportDir, 'sections.md'), 'utf8');
    assert.ok(md.includes(`5 scenarios: ${countsLine(EXPECTED)}; 0 passed only on retry`), md);
    assert.match(md, /^\| \[RFC 9110 §9\.3\.1\]\([^)]*\) \| [^|]* \| must, should \| \[5\]\([^)]*\) \| 1 \| 1 ✗ \| 1 ! \| 1 – \| 1 ⚠ \| 0 \|$/m);
  });
});
