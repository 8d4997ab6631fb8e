import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe as suite, test } from 'node:test';
import { readReportFolder } from '../../src/run/report-folder.js';
import { SUMMARY_SCHEMA } from '../../src/run/summary-json.js';
import { findingOf, messageStream } from './findings-helpers.js';

const base = mkdtempSync(join(tmpdir(), 'wirecheck-report-folder-'));
after(() => rmSync(base, { recursive: true, force: true }));

/** A report folder as a conformance run leaves it: the message stream, and summary.json unless `summary` is null. */
function folder(name: string, options: { summary?: object | null; finished?: boolean } = {}): string {
  const dir = join(base, 'runs', name);
  mkdirSync(dir, { recursive: true });
  const stream = messageStream(
    [{ id: 'a', name: 'the 405 case', line: 7, tags: ['@seed'], attempts: [{ steps: ['PASSED', 'FAILED'], finding: findingOf('fail', ['@seed']) }] }],
    options.finished === false ? [] : undefined,
  );
  writeFileSync(join(dir, 'messages.ndjson'), stream.map((envelope) => JSON.stringify(envelope)).join('\n'));
  const summary = options.summary === undefined ? { schema: SUMMARY_SCHEMA, target: { address: '127.0.0.1:8080', description: 'GET / 200' }, wallMs: 4321, tags: null } : options.summary;
  if (summary !== null) writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  return dir;
}

suite('readReportFolder', () => {
  test("a run's folder is a matrix column: its scenarios, its address and wall time, links relative to the matrix page", () => {
    const read = readReportFolder(folder('nginx'), 'web', join(base, 'merged'));
    assert.ok(typeof read !== 'string', String(read));
    const { target } = read;
    assert.deepEqual(
      { name: target.name, address: target.address, wallMs: target.wallMs, reportHref: target.reportHref, sectionsHref: target.sectionsHref, runProblems: target.runProblems },
      { name: 'web', address: '127.0.0.1:8080', wallMs: 4321, reportHref: '../runs/nginx/conformance.html', sectionsHref: '../runs/nginx/sections.html', runProblems: [] },
    );
    assert.deepEqual(target.scenarios.map((run) => [run.uri, run.line, run.finding.verdict]), [['features/f.feature', 7, 'fail']]);
  });

  test('a run that stopped before its end says so, as a run of the matrix would', () => {
    const read = readReportFolder(folder('cut', { finished: false }), 'cut', base);
    assert.ok(typeof read !== 'string');
    assert.deepEqual(read.target.runProblems, ['the run stopped before its end']);
  });

  test('a folder that is not a report folder says why', () => {
    assert.equal(readReportFolder(join(base, 'nowhere'), 'x', base), 'no messages.ndjson in it');
    assert.equal(readReportFolder(folder('old', { summary: null }), 'x', base), 'no summary.json in it');
    assert.equal(readReportFolder(folder('other', { summary: { schema: 'wirecheck-summary/9' } }), 'x', base), 'summary.json is not of the schema wirecheck-summary/1 ("wirecheck-summary/9")');
    const broken = folder('broken');
    writeFileSync(join(broken, 'summary.json'), '{');
    assert.equal(readReportFolder(broken, 'x', base), 'summary.json is not JSON');
  });
});
