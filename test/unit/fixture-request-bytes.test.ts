import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import type { RequestSpec } from '../../src/fixture/fixture.js';
import { authorityOf } from '../../src/fixture/placeholders.js';
import { rawTextBytes, rawTextFromBytes, tokenizeRawText } from '../../src/fixture/raw-text.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';

const server = { host: '127.0.0.1', port: 8080 };
const noValues = new Map();

function raw(text: string): RequestSpec {
  return { kind: 'raw', raw: text };
}

suite('raw text convention', () => {
  test('each line break is CRLF; the final CRLF is written as an escape', () => {
    const bytes = requestBytes(raw('GET / HTTP/1.1\nHost: {authority}\n\\r\\n'), server);
    assert.equal(bytes.toString('latin1'), 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n');
  });

  test('line breaks at the end (YAML adds one to a block) are dropped', () => {
    assert.equal(requestBytes(raw('POST / HTTP/1.1\nContent-Length: 5\n\nhello\n'), server).toString(), 'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello');
  });

  test('a line ending in an explicit \\n or \\r escape gets no CRLF of its own', () => {
    assert.equal(rawTextBytes('GET / HTTP/1.1\\n\nHost: a\\n\n\\n', noValues).toString('latin1'), 'GET / HTTP/1.1\nHost: a\n\n');
    assert.equal(rawTextBytes('X: a\\r\nY: b', noValues).toString('latin1'), 'X: a\rY: b');
  });

  test('an empty line in the middle is a CRLF of its own', () => {
    assert.equal(rawTextBytes('a\n\nb', noValues).toString('latin1'), 'a\r\n\r\nb');
  });

  test('escapes give exact bytes; other text is UTF-8', () => {
    const bytes = rawTextBytes('\\x00\\xff\\xFF\\t\\0\\\\n 값', noValues);
    assert.deepEqual([...bytes], [0x00, 0xff, 0xff, 0x09, 0x00, 0x5c, 0x6e, 0x20, 0xea, 0xb0, 0x92]);
  });

  test('placeholders are filled; unknown braces stay text', () => {
    const values = new Map([['host', 'h'], ['port', '1'], ['authority', 'h:1']] as const);
    assert.equal(rawTextBytes('{host} {port} {authority} {other} {"json":1}', values).toString(), 'h 1 h:1 {other} {"json":1}');
  });

  test('malformed escapes are sent as written (validation is the loader’s job)', () => {
    assert.equal(rawTextBytes('a\\qb\\x4', noValues).toString(), 'a\\qb\\x4');
    assert.deepEqual(
      tokenizeRawText('a\\qb').map((token) => token.kind),
      ['text', 'bad-escape', 'text'],
    );
  });

  test('tokens carry their index into the text', () => {
    const tokens = tokenizeRawText('ab\\r\n{host}');
    assert.deepEqual(
      tokens.map((token) => [token.kind, token.index]),
      [['text', 0], ['escape', 2], ['line-break', 4], ['placeholder', 5]],
    );
  });

  test('rawTextFromBytes is the inverse of rawTextBytes', () => {
    const samples = [
      'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
      'POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc',
      'GET / HTTP/1.1\nHost: a\n\n',
      'GET / HTTP/1.1\r\nX: a\rb\r\n\r\n',
      'GET /\\x7b HTTP/1.1\r\nX: {host} {"a":1}\r\n\r\n',
      'X: trailing   \r\nY:\t\x00\x7f\r\n\r\n',
      '\r\nleading line break',
      '  leading spaces\n',
      '안녕 \xff',
    ];
    for (const sample of samples) {
      const bytes = Buffer.from(sample, sample.includes('\xff') ? 'latin1' : 'utf8');
      const text = rawTextFromBytes(bytes);
      assert.deepEqual(rawTextBytes(text, noValues), bytes, JSON.stringify(text));
    }
  });

  test('rawTextFromBytes reads like the wire', () => {
    assert.equal(rawTextFromBytes(Buffer.from('GET / HTTP/1.1\r\nHost: {host}\r\n\r\n')), 'GET / HTTP/1.1\nHost: \\x7bhost}\n\\r\\n');
    assert.equal(rawTextFromBytes(Buffer.from('a \r\nb')), 'a\\x20\nb');
  });
});

suite('requestBytes', () => {
  test('structured form: request line, headers in order, blank line, body', () => {
    const spec: RequestSpec = {
      kind: 'structured',
      method: 'POST',
      target: '/',
      version: 'HTTP/1.1',
      headers: [
        ['Host', '{authority}'],
        ['Content-Type', 'text/plain'],
        ['Content-Length', '{body-length}'],
      ],
      body: '안녕',
    };
    assert.equal(
      requestBytes(spec, server).toString('utf8'),
      'POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\n안녕',
    );
  });

  test('structured form adds nothing and validates nothing', () => {
    const spec: RequestSpec = { kind: 'structured', method: 'get', target: 'http://{host}:{port}/x y', version: 'HTTP/9.9', headers: [['Host ', 'a'], ['Host', 'b']], body: '' };
    assert.equal(requestBytes(spec, server).toString(), 'get http://127.0.0.1:8080/x y HTTP/9.9\r\nHost : a\r\nHost: b\r\n\r\n');
  });

  test('{authority} brackets an IPv6 host', () => {
    assert.equal(authorityOf({ host: '::1', port: 80 }), '[::1]:80');
    assert.equal(authorityOf({ host: '[::1]', port: 80 }), '[::1]:80');
    assert.equal(authorityOf({ host: 'localhost', port: 80 }), 'localhost:80');
  });
});
