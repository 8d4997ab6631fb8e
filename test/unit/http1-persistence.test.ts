/**
 * Whether a connection persists after a message (RFC 9112 §9.3): one rule for both roles, used by
 * the request parser's `keepAlive` and by clients reading a response's `announcesClose`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcesClose, connectionOptions, HTTP_1_0, HTTP_1_1, isPersistent, type Headers, type HttpVersion } from '../../src/http1/index.js';

const CASES: [name: string, version: HttpVersion, headers: Headers, persistent: boolean][] = [
  ['HTTP/1.1 without Connection', HTTP_1_1, [], true],
  ['HTTP/1.1 with close', HTTP_1_1, [['Connection', 'close']], false],
  ['HTTP/1.1 with CLOSE among other options', HTTP_1_1, [['connection', 'Upgrade, CLOSE']], false],
  ['HTTP/1.1 with keep-alive', HTTP_1_1, [['Connection', 'keep-alive']], true],
  ['HTTP/1.1 with close in a second field', HTTP_1_1, [['Connection', 'keep-alive'], ['Connection', 'close']], false],
  ['HTTP/1.0 without Connection', HTTP_1_0, [], false],
  ['HTTP/1.0 with Keep-Alive', HTTP_1_0, [['Connection', 'Keep-Alive']], true],
  ['HTTP/1.0 with keep-alive and close', HTTP_1_0, [['Connection', 'keep-alive, close']], false],
  ['a later 1.x version is 1.1', { major: 1, minor: 2 }, [], true],
  ['HTTP/0.9 without keep-alive', { major: 0, minor: 9 }, [], false],
];

describe('persistence', () => {
  for (const [name, version, headers, persistent] of CASES) {
    it(`${name}: ${persistent ? 'persists' : 'closes'}`, () => {
      assert.equal(isPersistent(version, connectionOptions(headers)), persistent);
      assert.equal(announcesClose({ version, headers }), !persistent);
    });
  }

  it('connectionOptions reads every Connection field, any case, and nothing else', () => {
    assert.deepStrictEqual(connectionOptions([['Connection', 'Upgrade'], ['CONNECTION', ' Keep-Alive ']]), { close: false, keepAlive: true });
    assert.deepStrictEqual(connectionOptions([['Keep-Alive', 'timeout=5'], ['X-Connection', 'close']]), { close: false, keepAlive: false });
  });
});
