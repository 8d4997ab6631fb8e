import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../src/server/server.js';
import { startWrongServer } from '../doubles/wrong-server.js';
import { cli, compileClis } from './compiled-cli.js';
import { runNode, type Ran } from './node-run.js';

// What programs read of a run (summary.json, --json, --junit) and what the terminal, JUnit and
// the message stream say of a failed one, the matrix merging runs made elsewhere (--from), and
// the runner's mistakes said in one line.

async function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  await compileClis(script);
  return runNode(cli(script, ...args), { env: { ...process.env, TAGS: '', TIMEOUT_MS: '', ...env } });
}

const conformance = (args: string[], env?: Record<string, string>) => run('src/cli/conformance.ts', args, env);
const matrix = (args: string[], env?: Record<string, string>) => run('src/cli/matrix.ts', args, env);
const json = (path: string): Record<string, any> => JSON.parse(readFileSync(path, 'utf8'));

/** One line on stderr, no stack trace, exit code 2. */
function assertOneLine(result: Ran, line: RegExp): void {
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.equal(result.stderr.split('\n').length, 2, result.stderr);
  assert.match(result.stderr.trimEnd(), line);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
}

// The three parts start together: most of their time is spent waiting on Cucumber's start.
describe('what a run leaves for programs, and its one-line errors', { concurrency: true }, () => {
  describe('two conformance runs, then the matrix from their folders', () => {
    const base = mkdtempSync(join(tmpdir(), 'wirecheck-results-'));
    const ours = join(base, 'ci', 'ours');
    const theirs = join(base, 'ci', 'theirs');
    const copies = join(base, 'copies', 'new');
    let wrong: Awaited<ReturnType<typeof startWrongServer>>;
    let bundledRun: Ran;
    let wrongRun: Ran;

    before(async () => {
      wrong = await startWrongServer({ port: 0 });
      [bundledRun, wrongRun] = await Promise.all([
        conformance(['--tags', '@seed', '--report-dir', ours, '--json', join(copies, 'summary.json'), '--junit', join(copies, 'junit.xml')]),
        conformance(['--tags', '@seed', '--report-dir', theirs], { HOST: wrong.host, PORT: String(wrong.port) }),
      ]);
    });
    after(() => wrong.close());

    it('each run writes summary.json; --json and --junit write the same summary and JUnit XML to their paths, folders made', { timeout: 60_000 }, () => {
      assert.equal(bundledRun.code, 0, bundledRun.stdout + bundledRun.stderr);
      assert.equal(readFileSync(join(copies, 'summary.json'), 'utf8'), readFileSync(join(ours, 'summary.json'), 'utf8'));
      assert.equal(readFileSync(join(copies, 'junit.xml'), 'utf8'), readFileSync(join(ours, 'conformance.xml'), 'utf8'));
      assert.match(bundledRun.stdout, /^reports: .*summary\.json, .*copies\/new\/junit\.xml, .*copies\/new\/summary\.json$/m);
      const summary = json(join(ours, 'summary.json'));
      assert.equal(summary.schema, 'wirecheck-summary/1');
      assert.deepEqual(summary.target, { address: 'the bundled server', host: null, port: null, description: null });
      assert.deepEqual([summary.tags, summary.exitCode, summary.counts], ['@seed', 0, { pass: 8, fail: 0, warn: 0, 'n/a': 0, error: 0 }]);
      assert.equal(summary.scenarios.length, 8);
    });

    it("the foreign run's summary names its target and the failing scenario's fixture line", { timeout: 60_000 }, () => {
      assert.equal(wrongRun.code, 1, wrongRun.stdout + wrongRun.stderr);
      const summary = json(join(theirs, 'summary.json'));
      assert.deepEqual([summary.target.host, summary.target.port, summary.exitCode], [wrong.host, wrong.port, 1]);
      assert.match(summary.target.description, /message store: yes/);
      const failed = summary.scenarios.filter((s: Record<string, any>) => s.verdict === 'fail');
      assert.equal(failed.length, 1);
      const statusLine = readFileSync('fixtures/seed/put-root.yaml', 'utf8').split('\n').findIndex((line) => line.trim().startsWith('status:')) + 1;
      assert.deepEqual(failed[0].fixture, { file: 'fixtures/seed/put-root.yaml', line: statusLine });
      assert.equal(failed[0].difference, 'status: expected 405, got 200 (+1 more)');
    });

    it('the foreign run fails the 405 case with a diff that names the status field: on the terminal, in JUnit and in the message stream', () => {
      assert.match(wrongRun.stdout, /^7 passed, 1 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
      assert.match(wrongRun.stdout, /^ {2}✗ fail {2}features\/seed\/messages\.feature:\d+ .*\n {10}@seed · status: expected 405, got 200 \(\+1 more\) · fixtures\/seed\/put-root\.yaml:\d+$/m);
      const junit = readFileSync(join(theirs, 'conformance.xml'), 'utf8');
      assert.match(junit, /<failure message="the response matches fixtures\/seed\/put-root\.yaml: status: expected 405, got 200 \(\+1 more\)" type="MUST-level">/);
      // The whole diff is attached to the scenario, for the HTML report.
      const messages = readFileSync(join(theirs, 'messages.ndjson'), 'utf8');
      assert.match(messages, /-HTTP\/1\.1 405 /);
      assert.match(messages, /\+HTTP\/1\.1 200 OK/);
    });

    it('matrix --from both builds the matrix of both targets, starting nothing, into a folder it creates', { timeout: 60_000 }, async () => {
      const out = join(base, 'merged', 'deeper');
      const result = await matrix(['--from', ours, `wrong=${theirs}`, '--report-dir', out, '--fail-on', 'wrong']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^matrix: 2 report folders, nothing run/m);
      assert.match(result.stdout, /^\[2\/2\] wrong: 8 scenarios in [\d.]+ s: 7 passed, 1 failed, 0 warned, 0 not applicable, 0 harness errors$/m);
      assert.match(result.stdout, /^matrix: 8 scenarios × 2 targets in [\d.]+ s; the targets differ on 1$/m);
      assert.match(result.stdout, /^--fail-on wrong: it failed scenarios or the harness failed on it$/m);
      const md = readFileSync(join(out, 'matrix.md'), 'utf8');
      assert.match(md, new RegExp(`Targets: \\*\\*ours\\*\\* \\(the bundled server\\), \\*\\*wrong\\*\\* \\(127\\.0\\.0\\.1:${wrong.port}\\); tags \`@seed\``));
      assert.match(md, /`features\/seed\/messages\.feature:\d+` \| must \| \[✓ pass\]\(\.\.\/\.\.\/ci\/ours\/conformance\.html[^)]*\) \| \[✗ fail\]\(\.\.\/\.\.\/ci\/theirs\/conformance\.html[^)]*\) `status: expected 405, got 200 \(\+1 more\)` \|$/m);
      assert.ok(existsSync(join(out, 'matrix.html')));
      assert.ok(!existsSync(join(out, 'matrix', 'ours')), 'nothing was run');
    });

    it('refuses a folder that is not a report folder, and flags that shape a run, in one line', { timeout: 30_000 }, async () => {
      assertOneLine(await matrix(['--from', base]), /^wirecheck-matrix: --from .*: not a conformance run's report folder: no messages\.ndjson in it$/);
      assertOneLine(await matrix(['--from', ours, '--tags', '@seed']), /^wirecheck-matrix: --from runs nothing: --tags has no use with it/);
    });
  });

  describe("the runner's mistakes, each in one line", { concurrency: true }, () => {
    it('a tag expression that does not parse, before Cucumber starts', { timeout: 30_000 }, async () => {
      assertOneLine(await conformance([], { TAGS: '@seed and' }), /^wirecheck: TAGS "@seed and" is not a tag expression: syntax error: Expected operand\.$/);
      assertOneLine(await matrix(['bundled', '--tags', 'not']), /^wirecheck-matrix: --tags "not" is not a tag expression: /);
    });

    it('tags that select no scenario', { timeout: 60_000 }, async () => {
      const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-results-'));
      assertOneLine(await conformance(['--report-dir', reportDir], { TAGS: '@nonexistent' }), /^wirecheck: no scenario matches the tags "@nonexistent"$/);
    });

    it('a bad --timeout or TIMEOUT_MS, on both commands', { timeout: 30_000 }, async () => {
      assertOneLine(await conformance(['--timeout', '50']), /^wirecheck: --timeout must be a whole number of milliseconds from 100 to 10000, got "50"$/);
      assertOneLine(await conformance([], { TIMEOUT_MS: 'soon' }), /^wirecheck: TIMEOUT_MS must be a whole number of milliseconds from 100 to 10000, got "soon"$/);
      assertOneLine(await matrix(['bundled', '--timeout', '20000']), /^wirecheck-matrix: --timeout must be a whole number/);
    });

    it('a matrix with no target that can be run', { timeout: 30_000 }, async () => {
      const gone = await startServer({ port: 0, quiet: true });
      await gone.close();
      const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-results-'));
      const result = await matrix([`gone=127.0.0.1:${gone.port}`, '--report-dir', join(reportDir, 'new')]);
      assertOneLine(result, new RegExp(`^wirecheck-matrix: no target could be run: gone: cannot reach 127\\.0\\.0\\.1:${gone.port}: connection refused$`));
    });

    it('--help names the variables the run reads', { timeout: 30_000 }, async () => {
      const result = await conformance(['--help']);
      assert.equal(result.code, 0);
      for (const name of ['STRICT', 'RETRY', 'REPORT_DIR', 'PARALLEL', 'TIMEOUT_MS', '--timeout MS', '--junit FILE', '--json FILE']) assert.ok(result.stdout.includes(name), name);
    });
  });

  describe('--timeout reaches the harness', () => {
    // A server that accepts connections and never answers: every read waits out the harness's timeout.
    let silent: Server;
    const sockets = new Set<Socket>();
    before(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
    });

    it('a read times out after the milliseconds given, a harness error saying so', { timeout: 60_000 }, async () => {
      const reportDir = mkdtempSync(join(tmpdir(), 'wirecheck-results-'));
      const port = String((silent.address() as AddressInfo).port);
      // One scenario, so that the run waits out one read.
      const feature = 'features/seed/messages.feature';
      const line = readFileSync(feature, 'utf8').split('\n').findIndex((text) => text.includes('Scenario: GET / lists the stored messages')) + 1;
      assert.ok(line > 0);
      const result = await conformance(['--timeout', '300', '--report-dir', reportDir, `${feature}:${line}`], { HOST: '127.0.0.1', PORT: port, STORE: 'yes' });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const [scenario] = json(join(reportDir, 'summary.json')).scenarios;
      assert.equal(scenario.verdict, 'error');
      assert.match(scenario.summary, /within the harness's read timeout: READ_TIMEOUT: no complete response within 300 ms/);
    });
  });
});
