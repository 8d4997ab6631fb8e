/**
 * The differential fuzzer (src/fuzz/differential.ts): the bundled parser's framing against
 * llhttp's, each documented class recognised from an example of its own, an undocumented
 * difference let through by none, the allow-list and docs/behaviour.md naming the same classes,
 * and a bounded pass over 300 generated streams with no undocumented difference.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/http1/index.js';
import { formatDifferentialSummary, frameBoth, runDifferential, undocumentedGroups } from '../../src/fuzz/differential.js';
import { classify, FRAMING_CLASSES } from '../../src/fuzz/framing-classes.js';
import { compareFraming } from '../../src/fuzz/framing-diff.js';
import { bundledFraming, type StreamFraming } from '../../src/fuzz/framing.js';
import { LlhttpFramer } from '../../src/fuzz/llhttp-framing.js';

const framer = new LlhttpFramer();
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

async function classOf(text: string): Promise<string | undefined> {
  const bytes = latin1(text);
  const { difference } = await frameBoth(framer, bytes, DEFAULT_LIMITS);
  assert.ok(difference !== undefined, `the parsers agree on ${JSON.stringify(text)}`);
  return classify(difference, bytes)?.id ?? 'undocumented';
}

/** One stream per documented class, the smallest that shows it. */
const EXAMPLES: Record<string, string[]> = {
  'host-field': ['GET / HTTP/1.1\r\n\r\n', 'GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n'],
  'version-major': ['GET / HTTP/2.0\r\nHost: h\r\n\r\n', 'GET / HTTP/0.9\r\nHost: h\r\n\r\n'],
  'version-minor': ['GET / HTTP/1.2\r\nHost: h\r\n\r\n'],
  'method-token': ['BREW / HTTP/1.1\r\nHost: h\r\n\r\n', 'get / HTTP/1.1\r\nHost: h\r\n\r\n'],
  'method-too-long': ['M-SEARCH / HTTP/1.1\r\nHost: h\r\n\r\n'],
  'request-line-spaces': ['GET  / HTTP/1.1\r\nHost: h\r\n\r\n', 'GET /\r\n\r\n'],
  'request-target': ['CONNECT h HTTP/1.1\r\nHost: h\r\n\r\n'],
  'authority-form': ['GET h:1 HTTP/1.1\r\nHost: h\r\n\r\n'],
  'bare-lf': ['GET / HTTP/1.1\nHost: h\n\n', 'GET / HTTP/1.1\r\nHost: h\n\r\n'],
  'bare-cr': ['GET / HTTP/1.1\r\nHost: h\r\n\r\n\rGET / HTTP/1.1\r\nHost: h\r\n\r\n'],
  'chunk-extension-bws': ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1 ;a=b\r\nx\r\n0\r\n\r\n', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\tb\r\nx\r\n0\r\n\r\n'],
  'field-value-ows': ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\t\r\n\r\nx', 'GET / HTTP/1.0\r\nConnection: keep-alive\t\r\n\r\n'],
  'transfer-encoding-empty-element': ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: ,\r\n\r\n0\r\n\r\n'],
  'transfer-encoding-empty': ['GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \r\n\r\n', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \r\nContent-Length: 1\r\n\r\nx'],
  'transfer-coding-unimplemented': ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'],
  'transfer-encoding-http10': ['POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  'connection-close-wins': ['GET / HTTP/1.0\r\nConnection: close\r\nConnection: keep-alive\r\n\r\n'],
  'no-protocol-switch': [
    'CONNECT h:1 HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n',
  ],
  limits: ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1234567890123456\r\n\r\n'],
  'judged-when-whole': ['\x01', 'GET / HTTP/1.1\r\nHost: h\r\nX: \x00', 'GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n'],
};

describe('differential framing: bundled parser against llhttp', () => {
  test('a pipeline both frame alike, Content-Length, chunked and kept alive, is no difference', async () => {
    const stream = 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloPOST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;a="b c"\r\nabc\r\n0\r\nX: y\r\n\r\nGET / HTTP/1.0\r\n\r\n';
    const { difference, requests } = await frameBoth(framer, latin1(stream), DEFAULT_LIMITS);
    assert.equal(difference, undefined);
    assert.equal(requests, 3);
  });

  test('two refusals of one request agree, whatever their codes, and nothing after a request that closes counts', async () => {
    for (const stream of ['GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 'GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n\x00\x01junk']) {
      assert.equal((await frameBoth(framer, latin1(stream), DEFAULT_LIMITS)).difference, undefined, JSON.stringify(stream));
    }
  });

  for (const [id, streams] of Object.entries(EXAMPLES)) {
    test(`${id}: recognised from its examples`, async () => {
      for (const stream of streams) assert.equal(await classOf(stream), id, JSON.stringify(stream));
    });
  }

  test('every documented class has an example above', () => {
    assert.deepEqual(Object.keys(EXAMPLES).sort(), FRAMING_CLASSES.map((c) => c.id).sort());
  });

  test('a difference of no documented cause is undocumented: a body framed otherwise, a refusal of something else', () => {
    const bytes = latin1('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nab');
    const bundled = bundledFraming(bytes, DEFAULT_LIMITS);
    const shorter = { requests: [{ ...bundled.requests[0]!, body: latin1('a') }], ending: bundled.ending };
    const body = compareFraming(bundled, shorter)!;
    assert.equal(body.field, 'body');
    assert.equal(classify(body, bytes), undefined);
    const refused: StreamFraming = { requests: [], ending: { kind: 'error', code: 'HPE_INVALID_HEADER_TOKEN', reason: 'Invalid header token', offset: 17, status: undefined } };
    const refusal = compareFraming(bundled, refused)!;
    assert.equal(refusal.bundled.kind, 'accepts');
    assert.equal(classify(refusal, bytes), undefined);
  });

  test('docs/behaviour.md lists exactly the classes of the allow-list', () => {
    const doc = readFileSync(new URL('../../docs/behaviour.md', import.meta.url), 'utf8');
    const start = doc.indexOf('## Where it frames differently from llhttp');
    assert.notEqual(start, -1, 'no section "Where it frames differently from llhttp"');
    const end = doc.indexOf('\n## ', start + 1);
    const listed = [...doc.slice(start, end === -1 ? undefined : end).matchAll(/^- \*\*`([a-z0-9-]+)`\*\*/gm)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), FRAMING_CLASSES.map((c) => c.id).sort());
  });

  test('300 generated streams, seed 20261125: no undocumented difference, and each example still shows its class', async () => {
    const run = await runDifferential({ seed: 20_261_125, seconds: 30, maxCases: 300 });
    const summary = formatDifferentialSummary(run, 20_261_125);
    assert.deepEqual(undocumentedGroups(run).map((group) => group.key), [], summary);
    assert.equal(run.streams, 300);
    assert.ok(run.agreed > 100 && run.groups.length >= 5, summary);
    for (const group of run.groups) {
      const { difference } = await frameBoth(framer, group.example.bytes, DEFAULT_LIMITS);
      assert.equal(difference === undefined ? undefined : classify(difference, group.example.bytes)?.id, group.key, `${group.key}: ${JSON.stringify(group.example.bytes.toString('latin1'))}`);
    }
  });
});
