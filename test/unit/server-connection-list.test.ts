/** ConnectionList: the server's open connections, added and removed in any order. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerConnection } from '../../src/server/connection.js';
import { ConnectionList } from '../../src/server/connection-list.js';

const connection = (): ServerConnection => ({ listIndex: -1 }) as ServerConnection;

describe('ConnectionList', () => {
  test('holds what was added and not removed, whatever the order', () => {
    const list = new ConnectionList();
    const [a, b, c, d] = [connection(), connection(), connection(), connection()];
    for (const item of [a, b, c, d]) list.add(item!);
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
    list.add(a!);
    list.add(b!);
    list.remove(a!);
    list.remove(a!);
    list.remove(stranger!);
    assert.deepEqual([...list], [b]);
  });

  test('iterating goes over a copy: removing during the walk skips no one', () => {
    const list = new ConnectionList();
    const items = [connection(), connection(), connection()];
    for (const item of items) list.add(item);
    const seen: ServerConnection[] = [];
    for (const item of list) {
      seen.push(item);
      list.remove(item);
    }
    assert.equal(seen.length, 3);
    assert.deepEqual([...list], []);
  });
});
