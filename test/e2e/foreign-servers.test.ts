import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { maybePanelPeer } from '../../src/peers/panel.js';
import { isInstalled } from '../../src/peers/program-peer.js';
import { readRunRecord, type ScenarioRun } from '../../src/run/cucumber-messages.js';
import { cli, compileClis } from './compiled-cli.js';

// The whole suite against two servers we did not write, neither with the assignment's routes:
// node:http's hello world and Python's http.server serving a folder. Their real violations are
// found, by name; none of the harness's old assumptions fails them (docs/matrix.md).

const python = maybePanelPeer('python-http')!;
const skip = isInstalled(python) ? false : `${python.name} is not installed (${python.install})`;

/** Classes of wrong verdicts the suite once gave: setup that presumes the application, headers and bodies the RFC does not require. */
const NOT_RFC = /emptying the store|keep-alive|text\/plain|HTTP (GET|POST|PUT|DELETE|OPTIONS) Method|header Server|^reason|header Content-Length: expected/;

describe('the suite against servers without the assignment', { skip }, () => {
  const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-foreign-'));
  let code: number | null;
  let stdout = '';
  const runs = new Map<string, readonly ScenarioRun[]>();

  before(async () => {
    await compileClis('src/cli/matrix.ts');
    code = await new Promise((resolve) => {
      const child = spawn(process.execPath, cli('src/cli/matrix.ts', 'node-hello', 'python-http', '--report-dir', reportDir), { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.once('exit', resolve);
    });
    for (const name of ['node-hello', 'python-http']) runs.set(name, readRunRecord(join(reportDir, 'matrix', name, 'messages.ndjson')).scenarios);
  });
  // Two whole runs' reports: some 20 MB.
  after(() => rmSync(reportDir, { recursive: true, force: true }));

  /** The verdict of the scenario of `feature` whose finding names `fixture` (or, without one, whose name is `name`). */
  function verdictOf(target: string, feature: string, fixture: string): string {
    const found = runs.get(target)!.filter((run) => run.uri === `features/${feature}.feature` && (run.finding.summary ?? run.finding.evidence.join('\n')).includes(fixture));
    assert.ok(found.length > 0, `${target}: no scenario of ${feature} names ${fixture}`);
    return found.map((run) => run.finding.verdict).join(', ');
  }

  it('probes each in one line, and ends with no harness error', { timeout: 120_000 }, () => {
    assert.equal(code, 0, stdout);
    assert.match(stdout, /node-hello: .*GET \/ 200; POST \/ 200: body path \/; no echo .*message store: no \(probed/);
    assert.match(stdout, /python-http: .*GET \/ 200; POST \/ 501: no body path .*message store: no \(probed/);
    for (const [target, scenarios] of runs) assert.deepEqual(scenarios.filter((run) => run.finding.verdict === 'error').map((run) => `${run.uri}:${run.line} ${run.finding.summary}`), [], target);
  });

  it("never holds the bundled server's choices, the assignment's routes or a header the RFC does not require against them", () => {
    for (const [target, scenarios] of runs) {
      for (const run of scenarios) {
        if (run.tags.includes('@bundled') || run.tags.includes('@seed')) assert.equal(run.finding.verdict, 'n/a', `${target}: ${run.uri}:${run.line}`);
        if (run.finding.verdict === 'fail' || run.finding.verdict === 'warn') assert.doesNotMatch(run.finding.summary ?? '', NOT_RFC, `${target}: ${run.uri}:${run.line}`);
      }
    }
  });

  it("finds node:http's own violations", () => {
    assert.equal(verdictOf('node-hello', 'rfc9112/request-line', 'two-hosts.yaml'), 'fail', 'two Host fields served (RFC 9112 §3.2 MUST)');
    assert.equal(verdictOf('node-hello', 'rfc9112/request-line', 'invalid-host.yaml'), 'fail', 'an invalid Host served (RFC 9112 §3.2 MUST)');
    assert.equal(verdictOf('node-hello', 'rfc9110/responses', 'date-in-400.yaml'), 'fail', 'no Date on its 400 (RFC 9110 §6.6.1 MUST)');
    assert.equal(verdictOf('node-hello', 'rfc9112/framing', 'transfer-coding-gzip.yaml'), 'fail', 'Transfer-Encoding: gzip served (RFC 9112 §6.3 MUST)');
    assert.equal(verdictOf('node-hello', 'rfc9112/fields', 'still open'), 'fail', 'Connection: \\t close \\t not honoured (RFC 9112 §9.6 MUST)');
  });

  it("finds Python's http.server's own violations", () => {
    assert.match(verdictOf('python-http', 'rfc9112/framing', 'content-length-plus-sign.yaml'), /^fail/, 'an invalid Content-Length served (RFC 9112 §6.3 MUST)');
    assert.equal(verdictOf('python-http', 'rfc9112/request-line', 'missing-host.yaml'), 'fail', 'no Host in HTTP/1.1 served (RFC 9112 §3.2 MUST)');
    assert.equal(verdictOf('python-http', 'rfc9112/request-line', 'absolute-form.yaml'), 'fail', 'absolute-form not accepted (RFC 9112 §3.2.2 MUST)');
    assert.equal(verdictOf('python-http', 'rfc9112/message-parsing', 'bare-cr.yaml'), 'fail', 'a bare CR answered without a status line (RFC 9112 §2.2 MUST)');
  });
});
