/** ConnectionList: the server's open connections, added and removed in any order, counted per client. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerConnection } from '../../src/server/connection.js';
import { ConnectionList } from '../../src/server/connection-list.js';

/** A stand-in with what the list reads: its index, whether it is idle, and since when (its deadline). */
const connection = (idleUntil?: number): ServerConnection => ({ listIndex: -1, isIdle: idleUntil !== undefined, deadline: idleUntil ?? 0 }) as unknown as ServerConnection;

const A = '192.0.2.1';
const B = '192.0.2.2';

describe('ConnectionList', () => {
  test('holds what was added and not removed, whatever the order', () => {
    const list = new ConnectionList();
    const [a, b, c, d] = [connection(), connection(), connection(), connection()];
    for (const item of [a, b, c, d]) list.add(item!, A);
    list.remove(b!);
    list.remove(d!);
    assert.deepEqual(new Set(list), new Set([a, c]));
    list.remove(a!);
    list.remove(c!);
    assert.deepEqual([...list], []);
    assert.equal(a!.listIndex, -1);
  });

  test('removing twice, or what was never added, changes nothing', () => {
    const list = new ConnectionList();
    const [a, b, stranger] = [connection(), connection(), connection()];
    list.add(a!, A);
    list.add(b!, A);
    list.remove(a!);
    list.remove(a!);
    list.remove(stranger!);
    assert.deepEqual([...list], [b]);
    assert.equal(list.size, 1);
    assert.equal(list.countFrom(A), 1);
  });

  test('iterating goes over a copy: removing during the walk skips no one', () => {
    const list = new ConnectionList();
    const items = [connection(), connection(), connection()];
    for (const item of items) list.add(item, A);
    const seen: ServerConnection[] = [];
    for (const item of list) {
      seen.push(item);
      list.remove(item);
    }
    assert.equal(seen.length, 3);
    assert.deepEqual([...list], []);
  });

  test('counts slots in all and per client address, through swap-removes', () => {
    const list = new ConnectionList();
    const [a1, b1, a2, b2, a3] = [connection(), connection(), connection(), connection(), connection()];
    list.add(a1!, A);
    list.add(b1!, B);
    list.add(a2!, A);
    list.add(b2!, B);
    list.add(a3!, A);
    assert.deepEqual([list.size, list.countFrom(A), list.countFrom(B), list.countFrom('192.0.2.3')], [5, 3, 2, 0]);
    // Removing the first moves the last (a3) into its place: its address must move with it.
    list.remove(a1!);
    list.remove(b1!);
    assert.deepEqual([list.size, list.countFrom(A), list.countFrom(B)], [3, 2, 1]);
    list.remove(a3!);
    assert.deepEqual([list.size, list.countFrom(A), list.countFrom(B)], [2, 1, 1]);
  });

  test('a released connection stays listed but holds no slot, once only, and leaves without counting twice', () => {
    const list = new ConnectionList();
    const [a, b] = [connection(), connection()];
    list.add(a!, A);
    list.add(b!, A);
    list.release(a!);
    list.release(a!);
    assert.deepEqual([list.size, list.countFrom(A)], [1, 1]);
    assert.deepEqual(new Set(list), new Set([a, b]));
    list.remove(a!);
    assert.deepEqual([list.size, list.countFrom(A)], [1, 1]);
    list.remove(b!);
    assert.deepEqual([list.size, list.countFrom(A)], [0, 0]);
  });

  test('the longest idle connection of another client: busy, released and the same client’s are passed over', () => {
    const list = new ConnectionList();
    const busy = connection();
    const [idleA, idleB, idleB2, released] = [connection(100), connection(300), connection(200), connection(50)];
    list.add(busy, B);
    list.add(idleA!, A);
    list.add(idleB!, B);
    list.add(idleB2!, B);
    list.add(released!, B);
    list.release(released!);
    assert.equal(list.longestIdleNotFrom(A), idleB2);
    assert.equal(list.longestIdleNotFrom(B), idleA);
    assert.equal(list.longestIdleNotFrom('192.0.2.3'), idleA);
    list.remove(idleA!);
    assert.equal(list.longestIdleNotFrom(B), undefined);
  });
});
