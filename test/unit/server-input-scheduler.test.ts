/** InputScheduler: turns at the server's thread for connections with input left, and its body memory. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BODY_MEMORY_BYTES, InputScheduler, type InputWorker, type WorkState } from '../../src/server/input-scheduler.js';

/** A worker that needs `turns` turns, noting each in `log` under its name. */
function worker(name: string, turns: number, log: string[]): InputWorker & { left: number } {
  return {
    left: turns,
    work(): WorkState {
      log.push(name);
      this.left--;
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
  test('a worker is worked at once; one with input left comes back on later turns until it is done', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const heavy = worker('heavy', 3, log);
    scheduler.run(heavy);
    assert.deepEqual(log, ['heavy'], 'worked at once, synchronously');
    await turnsUntil(() => heavy.left === 0);
    assert.deepEqual(log, ['heavy', 'heavy', 'heavy']);
  });

  test('a light worker is answered at once while heavy ones wait in the queue, and those take turns in order', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const a = worker('a', 3, log);
    const b = worker('b', 3, log);
    scheduler.run(a);
    scheduler.run(b);
    scheduler.run(worker('light', 1, log));
    assert.deepEqual(log, ['a', 'b', 'light']);
    await turnsUntil(() => a.left === 0 && b.left === 0);
    assert.deepEqual(log, ['a', 'b', 'light', 'a', 'b', 'a', 'b']);
  });

  test('a queued worker asked to run waits for its turn: it is worked once per turn, not twice', async () => {
    const scheduler = new InputScheduler();
    const log: string[] = [];
    const a = worker('a', 2, log);
    scheduler.run(a);
    scheduler.run(a);
    scheduler.enqueue(a);
    assert.deepEqual(log, ['a']);
    await turnsUntil(() => a.left === 0);
    assert.deepEqual(log, ['a', 'a']);
  });
});

describe('InputScheduler: body memory', () => {
  const idle = (): InputWorker => ({ work: () => 'done' });

  test('reservations are granted up to the budget, then refused; a release lets the refused one in', async () => {
    const scheduler = new InputScheduler();
    const holders = Array.from({ length: 8 }, idle);
    for (const holder of holders) assert.equal(scheduler.reserve(holder, BODY_MEMORY_BYTES / 8), true);
    const log: string[] = [];
    const waiting: InputWorker = { work: () => (log.push('woken'), 'done') };
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
