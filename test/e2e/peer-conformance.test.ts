import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startNodeHttpPeer } from '../../src/peers/node-http.js';

// The conformance CLI through HOST/PORT against a server that is not ours: the node:http peer
// (src/peers/node-http.ts, docs/peers.md). Its documented cases pass; the stricter profiles
// find the rules node:http does not follow.

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly reportDir: string;
}

function conformance(env: Record<string, string>): Promise<Run> {
  const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-peer-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/conformance.ts'], {
      env: { ...process.env, REPORT_DIR: reportDir, STRICT: '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('exit', (code) => resolve({ code, stdout, reportDir }));
  });
}

describe('the node:http peer through HOST/PORT', () => {
  let peer: Awaited<ReturnType<typeof startNodeHttpPeer>>;
  before(async () => (peer = await startNodeHttpPeer({ port: 0 })));
  after(() => peer.close());

  it('passes the @seed profile', { timeout: 60_000 }, async () => {
    const result = await conformance({ HOST: peer.host, PORT: String(peer.port), TAGS: '@seed' });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^8 passed, 0 failed$/m);
    assert.match(readFileSync(join(result.reportDir, 'sections.md'), 'utf8'), new RegExp(`^Target: ${peer.host}:${peer.port}\\.`, 'm'));
  });

  describe('a run without the @slow scenarios', () => {
    let result: Run;
    let notPassing: string;
    before(async () => {
      result = await conformance({ HOST: peer.host, PORT: String(peer.port), TAGS: 'not @slow' });
      const md = readFileSync(join(result.reportDir, 'sections.md'), 'utf8');
      notPassing = md.slice(md.indexOf('## Not passing'));
    });

    it('fails, MUST-level failures and SHOULD-level warnings both', { timeout: 60_000 }, () => {
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /^\d+ passed, [1-9]\d* failed, [1-9]\d* warned$/m);
    });

    // Each of these is how node:http itself behaves (docs/peers.md, docs/matrix.md), not the peer's code.
    const expected: [string, RegExp][] = [
      ['HTTP/2.0 is served as 1.1, not answered 505 (a SHOULD)', /^- ! warned · RFC 9110 §15\.6\.6 · features\/rfc9110\/protocol-version\.feature:32 .* in status$/m],
      ['a second Host field is accepted (a MUST)', /^- ✗ failed · RFC 9112 §3\.2 · features\/rfc9112\/request-line\.feature:82 .*two-hosts\.yaml in status$/m],
      ["node's own 400 carries no Date (a MUST)", /^- ✗ failed · RFC 9110 §6\.6\.1 · features\/rfc9110\/responses\.feature:19 .* in header Date$/m],
      ["node's own 400 carries no Content-Length (a MUST)", /^- ✗ failed · RFC 9112 §9\.3 · features\/rfc9112\/framing\.feature:175 .* in header Content-Length$/m],
      ['a bare LF is refused with 400 (a SHOULD: the SPEC accepts it)', /^- ! warned · RFC 9112 §2\.2 · features\/rfc9112\/message-parsing\.feature:55 /m],
      ['asterisk-form reaches the routes instead of a 400 (a SHOULD)', /^- ! warned · RFC 9112 §3\.2\.4 · features\/rfc9112\/request-line\.feature:147 .* in status$/m],
    ];
    for (const [what, line] of expected) {
      it(what, () => assert.match(notPassing, line));
    }

    it('and passes what node:http gets right: chunked bodies, HEAD, pipelining after GET', () => {
      for (const section of ['RFC 9112 §7.1 ', 'RFC 9110 §9.3.2 ', 'RFC 9112 §5.2 ']) assert.ok(!notPassing.includes(`· ${section}·`), section);
    });
  });
});
