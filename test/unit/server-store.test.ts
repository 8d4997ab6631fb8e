/** The in-memory message store: exact bytes in and out, limits by count and by bytes, clear. */
import assert from 'node:assert/strict';
import { afterEach, describe, mock, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MessageStore } from '../../src/server/message-store.js';

function newStore(maxMessages = 100, maxBytes = 1024 * 1024): MessageStore {
  return new MessageStore({ maxMessages, maxBytes });
}

describe('MessageStore', () => {
  test('an empty store lists nothing', () => {
    const store = newStore();
    assert.equal(store.size, 0);
    assert.equal(store.joined().length, 0);
    assert.deepEqual(store.all(), []);
  });

  test('UTF-8 text (Korean, emoji, combining marks) comes back byte for byte', () => {
    const store = newStore();
    const texts = ['안녕하세요', '한국어 메시지 😀', 'e\u0301 café'];
    for (const text of texts) assert.equal(store.append(Buffer.from(text, 'utf8')), true);
    assert.deepEqual(store.joined(), Buffer.from(texts.join('\n'), 'utf8'));
    assert.deepEqual(store.all().map((m) => m.toString('utf8')), texts);
  });

  test('binary messages, every byte value and invalid UTF-8 included, come back unchanged', () => {
    const store = newStore();
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const invalidUtf8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
    store.append(everyByte);
    store.append(invalidUtf8);
    assert.deepEqual(store.all()[0], everyByte);
    assert.deepEqual(store.all()[1], invalidUtf8);
    assert.deepEqual(store.joined(), Buffer.concat([everyByte, Buffer.from('\n'), invalidUtf8]));
  });

  test('keeps its own copy: changing or reusing the caller\'s buffer later changes nothing', () => {
    const store = newStore();
    const socketBuffer = Buffer.from('xxhelloxx');
    store.append(socketBuffer.subarray(2, 7));
    socketBuffer.fill(0x21);
    assert.equal(store.joined().toString(), 'hello');
    assert.equal(store.all()[0]!.toString(), 'hello');
  });

  test('the listing follows appends and clears', () => {
    const store = newStore();
    store.append(Buffer.from('a'));
    assert.equal(store.joined().toString(), 'a');
    store.append(Buffer.from('b'));
    assert.equal(store.joined().toString(), 'a\nb');
    store.clear();
    assert.equal(store.joined().toString(), '');
    store.append(Buffer.from('c'));
    assert.equal(store.joined().toString(), 'c');
  });

  test('limit by count: the message past maxMessages is refused and nothing changes', () => {
    const store = newStore(3);
    for (const m of ['1', '2', '3']) assert.equal(store.append(Buffer.from(m)), true);
    const before = Buffer.from(store.joined());
    assert.equal(store.append(Buffer.from('4')), false);
    assert.equal(store.size, 3);
    assert.deepEqual(store.joined(), before);
  });

  test('limit by bytes: exactly maxBytes fits, one byte more does not, smaller ones still do', () => {
    const store = newStore(100, 10);
    assert.equal(store.append(Buffer.alloc(7, 0x61)), true);
    assert.equal(store.append(Buffer.alloc(4, 0x62)), false);
    assert.equal(store.append(Buffer.alloc(3, 0x63)), true);
    assert.equal(store.append(Buffer.alloc(1, 0x64)), false);
    assert.equal(store.joined().toString(), 'aaaaaaa\nccc');
  });

  test('the separators of the listing do not count against maxBytes', () => {
    const store = newStore(100, 4);
    for (const m of ['a', 'b', 'c', 'd']) assert.equal(store.append(Buffer.from(m)), true);
    assert.equal(store.joined().toString(), 'a\nb\nc\nd');
  });

  test('a store with room for nothing refuses everything', () => {
    assert.equal(newStore(0).append(Buffer.from('x')), false);
    assert.equal(newStore(10, 0).append(Buffer.from('x')), false);
  });

  test('clear empties the store and frees both limits', () => {
    const store = newStore(2, 6);
    store.append(Buffer.from('abc'));
    store.append(Buffer.from('def'));
    assert.equal(store.append(Buffer.from('g')), false);
    store.clear();
    assert.equal(store.size, 0);
    assert.equal(store.append(Buffer.from('ghi')), true);
    assert.equal(store.append(Buffer.from('jkl')), true);
    assert.equal(store.joined().toString(), 'ghi\njkl');
  });

  describe('version and changedAt (what the ETag and Last-Modified of GET / are made of)', () => {
    afterEach(() => mock.restoreAll());

    test('every append and every clear that empties something counts, and nothing else does', () => {
      const store = newStore(2, 10);
      assert.equal(store.version, 0);
      store.append(Buffer.from('a'));
      assert.equal(store.version, 1);
      store.clear();
      assert.equal(store.version, 2);
      store.clear();
      assert.equal(store.version, 2, 'clearing an empty store changes nothing');
      store.append(Buffer.from('b'));
      store.append(Buffer.from('c'));
      assert.equal(store.append(Buffer.from('d')), false);
      assert.equal(store.append(Buffer.from('far too many bytes')), false);
      assert.equal(store.version, 4, 'refused messages change nothing');
    });

    test('changedAt is the time of the last change, else of the store\'s creation', () => {
      let now = 1_000_000;
      mock.method(Date, 'now', () => now);
      const store = newStore();
      assert.equal(store.changedAt, 1_000_000);
      now = 2_000_000;
      store.append(Buffer.from('a'));
      assert.equal(store.changedAt, 2_000_000);
      now = 3_000_000;
      store.clear();
      assert.equal(store.changedAt, 3_000_000);
      now = 4_000_000;
      store.clear();
      assert.equal(store.changedAt, 3_000_000);
    });

    test('replayed messages count as changes', () => {
      assert.equal(new MessageStore({ maxMessages: 10, maxBytes: 100 }, undefined, [Buffer.from('a'), Buffer.from('b')]).version, 2);
    });
  });

  describe('the listing with a lead (the GET / body), shared between versions', () => {
    const lead = Buffer.from('HTTP GET Method (Success)\n\n');

    test('is the lead and the messages joined by \\n, the same object until the store changes', () => {
      const store = newStore();
      assert.deepEqual(store.listing(lead), lead);
      store.append(Buffer.from('a'));
      store.append(Buffer.from('b'));
      const listing = store.listing(lead);
      assert.equal(listing.toString(), `${lead}a\nb`);
      assert.equal(store.listing(lead), listing);
      assert.equal(store.joined().toString(), 'a\nb');
      store.clear();
      assert.equal(store.listing(lead).toString(), `${lead}`);
      assert.equal(listing.toString(), `${lead}a\nb`, 'a listing handed out never changes');
    });

    test('another lead lays the messages out again; earlier listings and messages keep their bytes', () => {
      const store = newStore();
      store.append(Buffer.from('one'));
      const first = store.listing(lead);
      const other = store.listing(Buffer.from('>'));
      assert.equal(other.toString(), '>one');
      store.append(Buffer.from('two'));
      assert.equal(store.listing(Buffer.from('>')).toString(), '>one\ntwo');
      assert.equal(first.toString(), `${lead}one`);
      assert.deepEqual(store.all().map(String), ['one', 'two']);
    });

    test('a listing handed out keeps its bytes while the store grows past its room', () => {
      const store = newStore(10_000, 16 * 1024 * 1024);
      const listings: Buffer[] = [];
      for (let i = 0; i < 200; i++) {
        store.append(Buffer.alloc(1000 + i, 0x61 + (i % 26)));
        listings.push(store.listing(lead));
      }
      for (let i = 0; i < 200; i += 37) {
        const expected = Buffer.concat([lead, ...store.all().slice(0, i + 1).flatMap((m, j) => (j === 0 ? [m] : [Buffer.from('\n'), m]))]);
        assert.deepEqual(listings[i], expected);
      }
    });

    test('a hundred versions of a 4 MiB listing, all held, cost about one listing, not a hundred', () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const retained = (): number => {
        gc();
        gc();
        return process.memoryUsage().arrayBuffers;
      };
      const store = newStore(10_000, 16 * 1024 * 1024);
      const before = retained();
      for (let i = 0; i < 64; i++) store.append(Buffer.alloc(64 * 1024, 0x61));
      const held: Buffer[] = [];
      for (let i = 0; i < 100; i++) {
        store.append(Buffer.from(`small ${i}`));
        held.push(store.listing(lead), store.joined());
      }
      const cost = retained() - before;
      // The messages live in the listing: its buffer and the one it grew from, at most.
      assert.ok(cost <= 16 * 1024 * 1024, `${(cost / 2 ** 20).toFixed(1)} MiB for 100 versions of a 4 MiB listing`);
      assert.equal(held.length, 200);
    });
  });
});
