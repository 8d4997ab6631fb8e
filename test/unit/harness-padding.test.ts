import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { HarnessError } from '../../src/harness/harness-errors.js';
import { chunked, padRequest } from '../../src/harness/padding.js';
import { describeDeclared, maybeSetting, maybeUndeclared } from '../../src/target/server-settings.js';
import { simpleRequest } from '../../src/harness/simple-request.js';
import type { StructuredRequestSpec } from '../../src/fixture/fixture.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';

const server = { host: '127.0.0.1', port: 8080 };
const get: StructuredRequestSpec = { kind: 'structured', method: 'GET', target: '/?padding=', version: 'HTTP/1.1', headers: [['Host', '{authority}']], body: '' };
const post: StructuredRequestSpec = { kind: 'structured', method: 'POST', target: '/', version: 'HTTP/1.1', headers: [['Host', '{authority}'], ['Content-Length', '{body-length}']], body: 'big:' };

/** The head of the bytes a spec becomes, split into its lines. */
function headLines(spec: StructuredRequestSpec): string[] {
  const text = requestBytes(spec, server).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
}

suite('padding a fixture request to a size', () => {
  test('the request line to exactly the bytes asked', () => {
    const [line] = headLines(padRequest(get, { kind: 'request-line', bytes: 8193 }, 'f.yaml'));
    assert.equal(Buffer.byteLength(line!), 8193);
    assert.match(line!, /^GET \/\?padding=a+ HTTP\/1\.1$/);
  });

  test('the fields to a count in all', () => {
    const lines = headLines(padRequest(get, { kind: 'field-count', count: 101 }, 'f.yaml'));
    assert.equal(lines.length - 1, 101);
    assert.equal(lines[1], 'Host: 127.0.0.1:8080');
    assert.equal(lines.at(-1), 'X-Pad-100: 100');
  });

  test('the header section to exactly the bytes asked, counting each field line with its CRLF', () => {
    const [, ...fields] = headLines(padRequest(get, { kind: 'header-bytes', bytes: 17_000 }, 'f.yaml'));
    const spec = padRequest(get, { kind: 'header-bytes', bytes: 17_000 }, 'f.yaml');
    assert.equal(spec.headers.reduce((sum, [n, v]) => sum + Buffer.byteLength(`${n}: ${v}\r\n`), 0), 17_000);
    assert.match(fields.at(-1)!, /^X-Pad: a+$/);
  });

  test('the body, with {body-length} following it', () => {
    const bytes = requestBytes(padRequest(post, { kind: 'body', bytes: 1_048_577 }, 'f.yaml'), server);
    const text = bytes.toString('latin1');
    assert.ok(text.includes('\r\nContent-Length: 1048577\r\n'));
    assert.equal(text.length - text.indexOf('\r\n\r\n') - 4, 1_048_577);
  });

  test('a chunked body is chunked after padding', () => {
    const spec = { ...post, headers: [['Host', 'x'], ['Transfer-Encoding', 'chunked']] as const };
    const padded = padRequest(spec, { kind: 'body', bytes: 20_000 }, 'f.yaml');
    assert.equal(padded.body, chunked(`big:${'a'.repeat(19_996)}`));
    assert.ok(padded.body.startsWith('4000\r\nbig:aaa'));
    assert.ok(padded.body.endsWith('\r\n0\r\n\r\n'));
    assert.equal(chunked(''), '0\r\n\r\n');
  });

  test('asking for less than the fixture already has is an error naming the fixture', () => {
    assert.throws(() => padRequest(get, { kind: 'request-line', bytes: 10 }, 'f.yaml'), (e: unknown) => e instanceof HarnessError && /^f\.yaml: its request line is already/.test(e.message));
    assert.throws(() => padRequest(post, { kind: 'field-count', count: 1 }, 'f.yaml'), HarnessError);
  });
});

suite('server settings', () => {
  test('a dedicated server honours what was asked, else runs the documented defaults', () => {
    assert.equal(maybeSetting('requestTimeoutMs', { requestTimeoutMs: 500 }, true, {}), 500);
    assert.equal(maybeSetting('idleTimeoutMs', {}, true, {}), 5_000);
  });

  test('a foreign target runs what was declared of it, and without a declaration the scenario cannot count on it', () => {
    assert.equal(maybeSetting('requestTimeoutMs', { requestTimeoutMs: 500 }, false, { requestTimeoutMs: 60_000 }), 60_000);
    assert.equal(maybeSetting('requestTimeoutMs', { requestTimeoutMs: 500 }, false, {}), undefined);
    assert.equal(maybeUndeclared({ requestTimeoutMs: 500 }, { requestTimeoutMs: 60_000 }), undefined);
    assert.match(maybeUndeclared({ requestTimeoutMs: 500, idleTimeoutMs: 500 }, { requestTimeoutMs: 1 }) ?? '', /idleTimeoutMs is not known .*declare it \(IDLE_TIMEOUT_MS or --idle-timeout\)/);
    assert.match(describeDeclared({ idleTimeoutMs: 500 }, { idleTimeoutMs: 7000 }), /idleTimeoutMs asked ≤ 500, declared 7000/);
  });

  test("the harness's own requests are minimal HTTP/1.1", () => {
    assert.equal(simpleRequest('DELETE', '/', server).toString(), 'DELETE / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n');
    assert.equal(simpleRequest('POST', '/', server, Buffer.from('hi')).toString(), 'POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 2\r\n\r\nhi');
  });
});
