/**
 * The short version of `npm run stress` against the bundled server as a child process, and the
 * ledger that audits it: it must catch every way a store can be wrong, or a clean run means nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isClean, Ledger, listedMessages, type Audit } from '../../src/stress/ledger.js';
import { DEFAULT_STRESS_OPTIONS, runStress } from '../../src/stress/run-stress.js';
import { formatSummary } from '../../src/stress/summary.js';

/** A ledger with two connections' posts answered at the given times, and one DELETE. */
function scenario() {
  const ledger = new Ledger('t');
  const a = ledger.openConnection();
  const b = ledger.openConnection();
  const c = ledger.openConnection();
  const post = (connection: number, sentAt: number, answeredAt: number | undefined, status = 201) => {
    const entry = ledger.post(connection, sentAt);
    if (answeredAt !== undefined) ledger.answered(entry, status, answeredAt);
    return entry;
  };
  const a0 = post(a, 1, 2); // before the DELETE
  const del = ledger.deleteSent(10);
  const a1 = post(a, 9, 11); // overlapping the DELETE
  const c0 = post(c, 9.5, 10.5); // overlapping too, and
  const c1 = post(c, 10.6, 11.5); // so is the next one on its connection
  ledger.answered(del, 200, 12);
  const a2 = post(a, 13, 14);
  const b0 = post(b, 15, 16);
  const a3 = post(a, 17, 18);
  return { ledger, a0, a1, a2, a3, b0, c0, c1, post, a, b };
}

const problemsOf = (audit: Audit) => ({ ...audit, problems: [] });

describe('the ledger', () => {
  test('the exact store passes, with an overlapping message either kept or deleted', () => {
    const { ledger, a1, a2, a3, b0, c0, c1 } = scenario();
    const kept = ledger.audit([a1.text, c0.text, c1.text, a2.text, b0.text, a3.text]);
    assert.ok(isClean(kept), JSON.stringify(kept.problems));
    assert.equal(kept.acknowledged, 6);
    assert.equal(kept.overlapping, 3);
    const someKept = ledger.audit([c1.text, a2.text, b0.text, a3.text]);
    assert.ok(isClean(someKept), JSON.stringify(someKept.problems));
    const deleted = ledger.audit([a2.text, b0.text, a3.text]);
    assert.ok(isClean(deleted), JSON.stringify(deleted.problems));
    assert.equal(deleted.acknowledged, 3);
  });

  const broken: Array<[string, (s: ReturnType<typeof scenario>) => string[], keyof Audit]> = [
    ['a missing acknowledged message', (s) => [s.a2.text, s.a3.text], 'missing'],
    ['a message listed twice', (s) => [s.a2.text, s.b0.text, s.a3.text, s.a3.text], 'duplicates'],
    ['a message deleted by the last DELETE', (s) => [s.a0.text, s.a2.text, s.b0.text, s.a3.text], 'unexpected'],
    ['a message never sent', (s) => [s.a2.text, s.b0.text, s.a3.text, 'st.0.99'], 'unexpected'],
    ['a connection out of order', (s) => [s.a3.text, s.b0.text, s.a2.text], 'outOfOrder'],
    ['an overlapping message deleted but an earlier one of its connection kept', (s) => [s.a1.text, s.c0.text, s.a2.text, s.b0.text, s.a3.text], 'outOfOrder'],
    ['a message listed before one acknowledged before it was sent', (s) => [s.a2.text, s.a3.text, s.b0.text], 'realTimeViolations'],
  ];
  for (const [what, listing, counter] of broken) {
    test(`catches ${what}`, () => {
      const s = scenario();
      const audit = s.ledger.audit(listing(s));
      assert.equal(isClean(audit), false);
      assert.ok((audit[counter] as number) > 0, `${counter} in ${JSON.stringify(problemsOf(audit))}`);
      assert.ok(audit.problems.length > 0);
    });
  }

  test('a refused message must be absent; an unanswered one may be present, but only in order', () => {
    const s = scenario();
    const refused = s.post(s.b, 20, 21, 507);
    assert.equal(s.ledger.audit([s.a2.text, s.b0.text, s.a3.text, refused.text]).unexpected, 1);
    const t = scenario();
    const lost1 = t.post(t.a, 20, undefined);
    const lost2 = t.post(t.a, 20, undefined);
    t.ledger.settle();
    const withFirst = t.ledger.audit([t.a2.text, t.b0.text, t.a3.text, lost1.text]);
    assert.ok(isClean(withFirst), JSON.stringify(withFirst.problems));
    assert.equal(withFirst.foundUnanswered, 1);
    assert.equal(t.ledger.audit([t.a2.text, t.b0.text, t.a3.text, lost2.text]).outOfOrder, 1, 'the second stored without the first');
  });

  test('messages of other runs in the listing are ignored; the listing is split after the blank line', () => {
    const { ledger, a2, b0, a3 } = scenario();
    assert.ok(isClean(ledger.audit(['someone else', a2.text, b0.text, a3.text, 'sother.0.0'])));
    assert.deepEqual(listedMessages(Buffer.from('HTTP GET Method (Success)\n\na\nb')), ['a', 'b']);
    assert.deepEqual(listedMessages(Buffer.from('HTTP GET Method (Success)\n\n')), []);
  });
});

describe('npm run stress, short', { timeout: 60_000 }, () => {
  test('storm accounting, held connections, the limit, memory after the load, exit 0', async (t) => {
    const report = await runStress({
      ...DEFAULT_STRESS_OPTIONS,
      seconds: 1,
      connections: 16,
      idle: 200,
      stalled: 10,
      maxConnections: 240,
      overflow: 10,
      latencySeconds: 0.3,
      rounds: 2,
      settleSeconds: 0.3,
    });
    for (const line of formatSummary(report).split('\n')) t.diagnostic(line);
    const byName = new Map(report.checks.map((check) => [check.name, check]));
    assert.ok([...byName.keys()].some((name) => name.startsWith('memory returns')), 'the memory check ran (needs /proc and the probe)');
    // Latency is timing: reported, and held to a loose bound only, as this machine may be busy.
    const mustPass = [...byName.keys()].filter((name) => !name.startsWith('normal clients keep their latency'));
    for (const name of mustPass) assert.ok(byName.get(name)!.ok, `${name}: ${byName.get(name)!.detail}`);
    for (const round of report.rounds) {
      assert.ok(round.audit.acknowledged > 100, `a real storm: ${round.audit.acknowledged} acknowledged since the last DELETE`);
      assert.equal(round.audit.found, round.audit.acknowledged);
      assert.equal(round.overflow.served, 240 - 210, 'exactly the room left under the limit is served');
    }
    for (const round of report.rounds) assert.ok(round.latencyHeld.p99Ms < 250, `p99 ${round.latencyHeld.p99Ms} ms next to held connections`);
  });
});
