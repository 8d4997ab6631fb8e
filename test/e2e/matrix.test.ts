import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { startWrongServer } from '../doubles/wrong-server.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// `npm run matrix` as a user runs it: the bundled server and the node:http peer (both started by
// the matrix), and doubles at NAME=HOST:PORT. The feature files whose rows and sections are
// checked, without `@slow`, keep it to a few seconds per target. The node:http peer's own
// reports (matrix/node-http/) are checked here too: one run serves both.

/** The files of the rows and sections checked below; rfc9112/framing has chunked bodies too, and rfc9110/methods HEAD. */
const FEATURES = [
  'features/seed',
  'features/bundled/request-line.feature',
  'features/rfc9110/methods.feature',
  'features/rfc9110/protocol-version.feature',
  'features/rfc9110/responses.feature',
  'features/rfc9112/fields.feature',
  'features/rfc9112/framing.feature',
  'features/rfc9112/request-line.feature',
];

async function matrix(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  await compileClis('src/cli/matrix.ts');
  return runNode(cli('src/cli/matrix.ts', ...args), { env: { ...process.env, ...env } });
}

describe('npm run matrix -- bundled node-http', () => {
  let reportDir: string;
  let result: Ran;
  before(async () => {
    reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-matrix-'));
    result = await matrix(['bundled', 'node-http', '--tags', 'not @slow', ...FEATURES.flatMap((path) => ['--features', path]), '--report-dir', reportDir]);
  });

  it('runs the targets, two at a time, says what it found of each, shows progress, and exits 0 although the others differ', { timeout: 60_000 }, () => {
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^\[1\/2\] bundled: the bundled server$/m);
    assert.match(result.stdout, /^\[2\/2\] node-http: src\/peers\/node-http\.ts on 127\.0\.0\.1:\d+; GET \/ 200; POST \/ takes a body \(the message store; not probed\); body echo: POST \/ \(the message store's answer holds the message\); message store: yes \(probed: GET \/ is the assignment's listing\); no timeouts or limits declared$/m);
    const total = Number((/^\[1\/2\] bundled: (\d+) scenarios in /m.exec(result.stdout) ?? assert.fail('no bundled total'))[1]);
    assert.ok(total > 80, `only ${total} scenarios ran`);
    assert.match(result.stdout, new RegExp(`^\\[2\\/2\\] node-http: \\d+\\/${total} scenarios, [\\d ✗!–]+$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\[1\\/2\\] bundled: ${total} scenarios in [\\d.]+ s: ${total} passed, 0 failed, 0 warned, 0 not applicable, 0 harness errors$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\[2\\/2\\] node-http: ${total} scenarios in [\\d.]+ s: \\d+ passed, [1-9]\\d* failed, [1-9]\\d* warned, [1-9]\\d* not applicable, 0 harness errors$`, 'm'));
    assert.match(result.stdout, new RegExp(`^matrix: ${total} scenarios × 2 targets in [\\d.]+ s; the targets differ on \\d+$`, 'm'));
  });

  it("writes each target's own reports under matrix/NAME", () => {
    for (const name of ['bundled', 'node-http']) {
      for (const file of ['conformance.html', 'conformance.xml', 'sections.html', 'sections.md', 'messages.ndjson', 'cucumber-output.txt']) {
        assert.ok(existsSync(join(reportDir, 'matrix', name, file)), `${name}/${file}`);
      }
    }
  });

  it('writes the matrix: the bundled server passes everything, the peer fails what node:http does not follow, each cell explained', () => {
    const md = readFileSync(join(reportDir, 'matrix.md'), 'utf8');
    assert.match(md, /^\| passed \| (\d+) ✓ \| \d+ ✓ \|$/m);
    assert.match(md, /^\| scenarios \| (\d+) \| \1 \|$/m);
    assert.match(md, /^\| failed \| 0 \| [1-9]\d* ✗ \|$/m);
    assert.match(md, /^\| harness errors \| 0 \| 0 \|$/m);
    const row = (line: string): string => md.split('\n').find((l) => l.includes(`\`${line}\``)) ?? assert.fail(`no row for ${line}`);
    // HTTP/1.2 is refused by node:http instead of served as 1.1: a SHOULD-level warning, with the status that came back.
    assert.match(row('features/rfc9110/protocol-version.feature:9'), /\| \[✓ pass\]\(matrix\/bundled\/conformance\.html\?query=[^)]+\) \| \[! warn\]\(matrix\/node-http\/conformance\.html\?query=[^)]+\) `status: expected 2xx, got 400` \|/);
    // The bundled server's own choices are not held against another server.
    assert.match(row('features/bundled/request-line.feature:82'), /\| \[✓ pass\]\([^)]+\) \| \[– n\/a\]\(matrix\/node-http\/[^)]+\) `the bundled server's own choice/);
    // A second Host field is accepted by node:http: a MUST-level failure.
    assert.match(row('features/rfc9112/request-line.feature:82'), /\| \[✗ fail\]\(matrix\/node-http\/[^)]+\) `status: expected 400, got 200` \|/);
    // node's own 400 has no Date.
    assert.match(row('features/rfc9110/responses.feature:19'), /\| \[✗ fail\]\(matrix\/node-http\/[^)]+\) `header Date: expected <imf-fixdate>, got <absent>` \|/);
    const html = readFileSync(join(reportDir, 'matrix.html'), 'utf8');
    assert.match(html, /<td class="cell v-warn"><a href="matrix\/node-http\/conformance\.html\?query=[^"]+">! warn<\/a><code>status: expected 2xx, got 400<\/code><\/td>/);
  });

  describe("the node:http peer's own sections view", () => {
    let md: string;
    let notPassing: string;
    before(() => {
      md = readFileSync(join(reportDir, 'matrix', 'node-http', 'sections.md'), 'utf8');
      notPassing = md.slice(md.indexOf('## Not passing'));
    });

    it('names the target, and the documented cases all pass', () => {
      assert.match(md, /^Target: src\/peers\/node-http\.ts on 127\.0\.0\.1:\d+\./m);
      assert.match(md, /^\| @seed \| [^|]* \| must \| \[8\]\([^)]*\) \| 8 \| 0 \| 0 \| 0 \| 0 \| 0 \|$/m);
    });

    // Each of these is how node:http itself behaves (docs/peers.md, docs/matrix.md), not the peer's code.
    const expected: [string, RegExp][] = [
      ['HTTP/1.2 is refused, not served as 1.1 (a SHOULD)', /^- ! warn · RFC 9110 §2\.5 · features\/rfc9110\/protocol-version\.feature:9 .*http12\.yaml: status: expected 2xx, got 400$/m],
      ['a second Host field is accepted (a MUST)', /^- ✗ fail · RFC 9112 §3\.2 · features\/rfc9112\/request-line\.feature:82 .*two-hosts\.yaml: status: expected 400, got 200/m],
      ['an invalid Host is accepted (a MUST)', /^- ✗ fail · RFC 9112 §3\.2 · features\/rfc9112\/request-line\.feature:\d+ .*invalid-host\.yaml: status: expected 400, got 200/m],
      ["node's own 400 carries no Date (a MUST)", /^- ✗ fail · RFC 9110 §6\.6\.1 · features\/rfc9110\/responses\.feature:19 .*header Date: expected <imf-fixdate>, got <absent>/m],
      ['Connection: close with whitespace around it is not honoured (a MUST)', /^- ✗ fail · RFC 9112 §5\.1 · features\/rfc9112\/fields\.feature:\d+ .*still open after/m],
      ['Transfer-Encoding: gzip alone is served instead of 400 (a MUST)', /^- ✗ fail · RFC 9112 §6\.3 · features\/rfc9112\/framing\.feature:\d+ .*transfer-coding-gzip\.yaml: status: expected 400, got 200/m],
      ['asterisk-form reaches the routes instead of a 400 (a SHOULD)', /^- ! warn · RFC 9112 §3\.2\.4 · features\/rfc9112\/request-line\.feature:\d+ .*status: expected/m],
    ];
    for (const [what, line] of expected) {
      it(what, () => assert.match(notPassing, line));
    }

    it('and passes what node:http gets right: chunked bodies, HEAD, obs-fold; and no verdict is a harness error', () => {
      // Each section's row: some passed, none failed, warned or erred.
      for (const section of ['RFC 9112 §7\\.1', 'RFC 9110 §9\\.3\\.2', 'RFC 9112 §5\\.2']) {
        assert.match(md, new RegExp(`^\\| \\[${section}\\]\\([^)]*\\) \\| [^|]* \\| [^|]* \\| \\[\\d+\\]\\([^)]*\\) \\| [1-9]\\d* \\| 0 \\| 0 \\| [^|]* \\| 0 \\|`, 'm'), section);
      }
      assert.doesNotMatch(notPassing, /^- ⚠ error/m);
    });
  });
});

describe('npm run matrix: targets not run, and --fail-on', () => {
  it('says why a target was not run, and --fail-on fails only for the target it names', { timeout: 60_000 }, async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-matrix-'));
    const wrong = await startWrongServer({ port: 0 });
    const gone = await startWrongServer({ port: 0 });
    await gone.close();
    try {
      const args = ['ours=bundled', `wrong=${wrong.host}:${wrong.port}`, `gone=127.0.0.1:${gone.port}`, '--tags', '@seed', '--report-dir', reportDir];
      const result = await matrix([...args, '--fail-on', 'ours', '--fail-on', 'wrong', '--fail-on', 'gone']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`^\\[3/3\\] gone: not run: cannot reach 127\\.0\\.0\\.1:${gone.port}: connection refused$`, 'm'));
      const md = readFileSync(join(reportDir, 'matrix.md'), 'utf8');
      assert.match(md, /Not run: \*\*gone\*\*: cannot reach/);
      // The wrong double's planted bug: 200 where 405 is due.
      assert.match(md, /`features\/seed\/messages\.feature:\d+` \| must \| \[✓ pass\]\(matrix\/ours\/[^)]+\) \| \[✗ fail\]\(matrix\/wrong\/[^)]+\) `status: expected 405, got 200 \(\+1 more\)` \|$/m);
      // --fail-on names each target it fails for, and only those.
      assert.match(result.stdout, /^--fail-on wrong: it failed scenarios or the harness failed on it$/m);
      assert.match(result.stdout, /^--fail-on gone: it was not run$/m);
      assert.doesNotMatch(result.stdout, /^--fail-on ours/m);
    } finally {
      await wrong.close();
    }
  });

  it('refuses a bad command line in one line, exit code 2', { timeout: 30_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['bundled', 'bundled'], /two targets are named "bundled"/],
      [['mine=localhost'], /expected NAME=HOST:PORT/],
      [['tomcat'], /unknown target "tomcat"/],
      [['bundled', '--fail-on', 'nginx'], /--fail-on "nginx" is not one of the targets \(bundled\)/],
      [['../x=127.0.0.1:80'], /a target's name is letters/],
    ];
    for (const [args, message] of cases) {
      const result = await matrix(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stderr.split('\n').length, 2, result.stderr);
      assert.equal(result.stdout, '');
    }
  });
});
