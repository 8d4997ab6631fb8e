/**
 * Request body framing (RFC 9112 §6.3, SPEC §2.1): which strategy a head selects, and every
 * Content-Length / Transfer-Encoding combination that must be refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BodyFraming } from '../../src/http1/index.js';
import { assertRejected, parseAll, type RejectCase } from './http1-helpers.js';

function post(fields: string, version = '1.1', body = ''): string {
  return `POST / HTTP/${version}\r\nHost: h\r\n${fields}\r\n${body}`;
}

const FRAMINGS: [name: string, raw: string, framing: BodyFraming, body: string][] = [
  ['no Content-Length and no Transfer-Encoding: no body', post(''), { kind: 'none' }, ''],
  ['Content-Length: 5', post('Content-Length: 5\r\n', '1.1', 'hello'), { kind: 'length', length: 5 }, 'hello'],
  ['Content-Length with OWS around it', post('Content-Length: \t 5 \r\n', '1.1', 'hello'), { kind: 'length', length: 5 }, 'hello'],
  ['Content-Length with leading zeros', post('Content-Length: 005\r\n', '1.1', 'hello'), { kind: 'length', length: 5 }, 'hello'],
  ['content-length in lower case', post('content-length: 2\r\n', '1.1', 'ok'), { kind: 'length', length: 2 }, 'ok'],
  ['Content-Length: 0', post('Content-Length: 0\r\n'), { kind: 'length', length: 0 }, ''],
  ['Transfer-Encoding: chunked', post('Transfer-Encoding: chunked\r\n', '1.1', '2\r\nok\r\n0\r\n\r\n'), { kind: 'chunked' }, 'ok'],
  ['Transfer-Encoding: Chunked (case-insensitive)', post('Transfer-Encoding: Chunked\r\n', '1.1', '2\r\nok\r\n0\r\n\r\n'), { kind: 'chunked' }, 'ok'],
  ['Transfer-Encoding: chunked in HTTP/1.2', post('Transfer-Encoding: chunked\r\n', '1.2', '0\r\n\r\n'), { kind: 'chunked' }, ''],
  ['Content-Length in HTTP/1.0', post('Content-Length: 2\r\n', '1.0', 'ok'), { kind: 'length', length: 2 }, 'ok'],
];

describe('request framing: the strategy a head selects', () => {
  for (const [name, raw, framing, body] of FRAMINGS) {
    it(name, () => {
      const events = parseAll(raw, { end: true });
      assert.deepStrictEqual(
        events.map((e) => e.kind),
        ['head', 'message', 'closed'],
      );
      assert.ok(events[0]?.kind === 'head' && events[1]?.kind === 'message');
      assert.deepStrictEqual(events[0].framing, framing);
      assert.equal(events[1].body.toString('latin1'), body);
    });
  }

  it('a body shorter than Content-Length waits for the rest; bytes past it start the next request', () => {
    const events = parseAll(post('Content-Length: 3\r\n', '1.1', 'abcGET / HTTP/1.1\r\nHost: h\r\n\r\n'), { end: true });
    assert.deepStrictEqual(
      events.map((e) => (e.kind === 'message' ? `${e.head.method}:${e.body.toString('latin1')}` : e.kind)),
      ['head', 'POST:abc', 'head', 'GET:', 'closed'],
    );
  });
});

const CL = (value: string): string => post(`Content-Length: ${value}\r\n`, '1.1', 'hello');

const FRAMING_REJECTIONS: RejectCase[] = [
  { name: 'Content-Length and Transfer-Encoding', raw: post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n'), code: 'CONTENT_LENGTH_WITH_TRANSFER_ENCODING', status: 400, offset: undefined },
  { name: 'Transfer-Encoding and Content-Length', raw: post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n'), code: 'CONTENT_LENGTH_WITH_TRANSFER_ENCODING', status: 400, offset: undefined },
  { name: 'Content-Length and Transfer-Encoding in HTTP/1.0', raw: post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '1.0'), code: 'CONTENT_LENGTH_WITH_TRANSFER_ENCODING', status: 400, offset: undefined },
  { name: 'Content-Length and an empty Transfer-Encoding', raw: post('Content-Length: 5\r\nTransfer-Encoding:\r\n'), code: 'CONTENT_LENGTH_WITH_TRANSFER_ENCODING', status: 400, offset: undefined },
  { name: 'duplicate Content-Length fields with one value', raw: post('Content-Length: 5\r\nContent-Length: 5\r\n', '1.1', 'hello'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'conflicting Content-Length fields', raw: post('Content-Length: 5\r\nContent-Length: 6\r\n', '1.1', 'hello'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 5, 5', raw: CL('5, 5'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 5,6', raw: CL('5,6'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: +5', raw: CL('+5'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 0x5', raw: CL('0x5'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: -1', raw: CL('-1'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 1_000', raw: CL('1_000'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 5 5', raw: CL('5 5'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 5.0', raw: CL('5.0'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: 1e3', raw: CL('1e3'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: five', raw: CL('five'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'empty Content-Length', raw: CL(''), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length of only whitespace', raw: CL('   '), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length: ,5', raw: CL(',5'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Content-Length of 16 digits', raw: CL('1234567890123456'), code: 'INVALID_CONTENT_LENGTH', status: 400, offset: undefined },
  { name: 'Transfer-Encoding in HTTP/1.0', raw: post('Transfer-Encoding: chunked\r\n', '1.0', '0\r\n\r\n'), code: 'TRANSFER_ENCODING_IN_HTTP10', status: 400, offset: undefined },
  { name: 'Transfer-Encoding: chunked, gzip', raw: post('Transfer-Encoding: chunked, gzip\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  { name: 'Transfer-Encoding: chunked then a gzip field', raw: post('Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  { name: 'Transfer-Encoding: chunked, chunked', raw: post('Transfer-Encoding: chunked, chunked\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  // RFC 9112 §6.3 step 4: chunked is not the final coding, a MUST 400.
  { name: 'Transfer-Encoding: gzip', raw: post('Transfer-Encoding: gzip\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  { name: 'Transfer-Encoding: gzip, chunked', raw: post('Transfer-Encoding: gzip, chunked\r\n'), code: 'UNSUPPORTED_TRANSFER_CODING', status: 501, offset: undefined },
  // RFC 9112 §6.3 step 4: chunked is not the final coding, a MUST 400.
  { name: 'Transfer-Encoding: identity', raw: post('Transfer-Encoding: identity\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  // RFC 9112 §6.3 step 4: chunked is not the final coding, a MUST 400.
  { name: 'Transfer-Encoding: xchunked', raw: post('Transfer-Encoding: xchunked\r\n'), code: 'CHUNKED_NOT_FINAL', status: 400, offset: undefined },
  { name: 'empty Transfer-Encoding', raw: post('Transfer-Encoding:\r\n'), code: 'INVALID_TRANSFER_ENCODING', status: 400, offset: undefined },
  { name: 'Transfer-Encoding: ,', raw: post('Transfer-Encoding: ,\r\n'), code: 'INVALID_TRANSFER_ENCODING', status: 400, offset: undefined },
];

describe('request framing: rejections', () => {
  for (const c of FRAMING_REJECTIONS) it(`${c.name}: ${c.code} ${c.status}`, () => assertRejected(c));

  it('a framing error comes before any head event, so no body is read as a request', () => {
    const events = parseAll(post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '1.1', '0\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n'));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.kind, 'error');
  });
});
