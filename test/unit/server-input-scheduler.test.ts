/** InputScheduler: turns at the server's thread for connections with input left, and its body memory. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BODY_MEMORY_BYTES, InputScheduler, type InputWorker, type WorkState } from '../../src/server/input-scheduler.js';

/**
 * A worker that needs `turns` turns, noting each in `log` under its name; in each but the last
 * it uses up the time it is given.
 */
function worker(name: string, turns: number, log: string[]): InputWorker & { left: number } {
  return {
    left: turns,
    work(until: number): WorkState {
      // Worked after it said it was done: a scheduler bug, noted, and never worked for long.
      if (this.left <= 0) return (log.push(`${name} after done`), 'done');
      log.push(name);
      this.left--;
      if (this.left === 0) return 'done';
      while (performance.now() < until);
      return 'more';
    },
    hold(): WorkState {
      return this.left > 0 ? 'more' : 'done';
    },
  };
}

/** Lets the scheduler's turns run until `done` holds (a bounded number of loop turns). */
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await nextTurn();
  assert.ok(done(), 'the scheduler finished within 1000 turns of the loop');
}

describe('InputScheduler: time', () => {
  test('what a connection asks to run is queued, not worked at once; it comes back on later turns until it is done', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const a = worker('a', 3, log);
    scheduler.run(a);
    assert.deepEqual(log, [], 'nothing parsed within the poll that read it');
    await turnsUntil(() => a.left === 0);
    assert.deepEqual(log, ['a', 'a', 'a']);
  });

  test('a worker that used up its time is heavy: a light one queued after it is worked first', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const a = worker('a', 10, log);
    const b = worker('b', 10, log);
    scheduler.run(a);
    scheduler.run(b);
    await turnsUntil(() => scheduler.isHeavy(a) && scheduler.isHeavy(b));
    assert.equal(scheduler.isHeavy(worker('light', 1, [])), false, 'a worker that never worked is not heavy');
    const before = log.length;
    scheduler.run(worker('light', 1, log));
    await turnsUntil(() => a.left === 0 && b.left === 0 && log.includes('light'));
    assert.equal(log[before], 'light', `the light worker is first in the turn after it was queued (${log.join(' ')})`);
    assert.deepEqual([log.filter((name) => name === 'a').length, log.filter((name) => name === 'b').length], [10, 10], 'the heavy ones went on to their end');
  });

  test('a queued worker asked to run waits for its turn: it is worked once per turn, not twice', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const a = worker('a', 2, log);
    scheduler.run(a);
    scheduler.run(a);
    scheduler.enqueue(a);
    await turnsUntil(() => a.left === 0);
    assert.deepEqual(log, ['a', 'a']);
  });
});

describe('InputScheduler: body memory', () => {
  const idle = (): InputWorker => ({ work: () => 'done', hold: () => 'done' });

  test('reservations are granted up to the budget, then refused; a release lets the refused one in', async () => {
    const scheduler = new InputScheduler();
    const holders = Array.from({ length: 8 }, idle);
    for (const holder of holders) assert.equal(scheduler.reserve(holder, BODY_MEMORY_BYTES / 8), true);
    const log: string[] = [];
    const waiting: InputWorker = { work: () => (log.push('woken'), 'done'), hold: () => 'more' };
    assert.equal(scheduler.reserve(waiting, 1), false, 'the budget is spent');
    scheduler.release(holders[0]!);
    await turnsUntil(() => log.length > 0);
    assert.deepEqual(log, ['woken'], 'the waiting worker gets a turn once memory is released');
    assert.equal(scheduler.reserve(waiting, BODY_MEMORY_BYTES / 8), true);
    assert.equal(scheduler.reserve(idle(), 1), false);
  });

  test('a body larger than the whole budget is let through when nothing else is reserved', () => {
    const scheduler = new InputScheduler();
    const large = idle();
    assert.equal(scheduler.reserve(large, 2 * BODY_MEMORY_BYTES), true);
    assert.equal(scheduler.reserve(idle(), 1), false);
    scheduler.release(large);
    assert.equal(scheduler.reserve(idle(), 2 * BODY_MEMORY_BYTES), true);
  });

  test('releasing what was never reserved, or twice, changes nothing', () => {
    const scheduler = new InputScheduler();
    const holder = idle();
    scheduler.release(holder);
    assert.equal(scheduler.reserve(holder, BODY_MEMORY_BYTES), true);
    scheduler.release(holder);
    scheduler.release(holder);
    assert.equal(scheduler.reserve(idle(), BODY_MEMORY_BYTES), true);
    assert.equal(scheduler.reserve(idle(), 1), false, 'the second release did not free memory twice');
  });
});
