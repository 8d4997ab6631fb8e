/**
 * Header fields: what a field line may hold (SPEC §2.1: obs-fold, whitespace before the colon and
 * control bytes are 400) and the case-insensitive helpers over ordered raw pairs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasToken, headerTokens, headerValues, maybeHeader, type Headers } from '../../src/http1/index.js';
import { assertRejected, parseAll, type RejectCase } from './http1-helpers.js';

const LINE = 'GET / HTTP/1.1\r\n'; // 16 bytes: a field line's offset starts here
const HOST = 'Host: h\r\n'; // 9 bytes

/** A request whose header section holds `fields` after the Host field. */
function withFields(fields: string): string {
  return `${LINE}${HOST}${fields}\r\n`;
}

/** The stream offset of `within`'s byte `at`, where `within` is the first field after Host. */
function fieldOffset(at: number): number {
  return LINE.length + HOST.length + at;
}

const FIELD_REJECTIONS: RejectCase[] = [
  { name: 'obs-fold with a space', raw: withFields('X-A: a\r\n b\r\n'), code: 'OBS_FOLD', status: 400, offset: fieldOffset(8) },
  { name: 'obs-fold with a tab', raw: withFields('X-A: a\r\n\tb\r\n'), code: 'OBS_FOLD', status: 400, offset: fieldOffset(8) },
  { name: 'whitespace before the first field line', raw: `${LINE} Host: h\r\n\r\n`, code: 'OBS_FOLD', status: 400, offset: 16 },
  { name: 'space between name and colon', raw: `${LINE}Host : h\r\n\r\n`, code: 'WHITESPACE_BEFORE_COLON', status: 400, offset: 20 },
  { name: 'tab between name and colon', raw: `${LINE}Host\t: h\r\n\r\n`, code: 'WHITESPACE_BEFORE_COLON', status: 400, offset: 20 },
  { name: 'spaces and tab between name and colon', raw: withFields('Content-Length \t : 0\r\n'), code: 'WHITESPACE_BEFORE_COLON', status: 400, offset: fieldOffset(14) },
  { name: 'a name followed by a space and no colon', raw: withFields('X-A b\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(3) },
  { name: 'a line without a colon', raw: withFields('X-A\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(3) },
  { name: 'an empty name', raw: withFields(': a\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(0) },
  { name: 'NUL in a name', raw: withFields('X-\x00A: a\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(2) },
  { name: 'CR in a name', raw: withFields('X-\rA: a\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(2) },
  { name: 'a delimiter in a name', raw: withFields('X(A): a\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(1) },
  { name: 'a non-ASCII byte in a name', raw: withFields('X-\xe9: a\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(2) },
  { name: 'NUL in a value', raw: withFields('X-A: a\x00b\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: fieldOffset(6) },
  { name: 'NUL at the end of a value', raw: withFields('X-A: ab\x00\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: fieldOffset(7) },
  { name: 'a control byte (0x01) in a value', raw: withFields('X-A: \x01\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: fieldOffset(5) },
  { name: 'ESC in a value', raw: withFields('X-A: a\x1b[0m\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: fieldOffset(6) },
  { name: 'DEL in a value', raw: withFields('X-A: a\x7f\r\n'), code: 'INVALID_HEADER_VALUE', status: 400, offset: fieldOffset(6) },
  { name: 'a bare CR inside a value', raw: withFields('X-A: a\rb\r\n'), code: 'BARE_CR', status: 400, offset: fieldOffset(6) },
  { name: 'a CR before CRLF', raw: withFields('X-A: a\r\r\n'), code: 'BARE_CR', status: 400, offset: fieldOffset(6) },
  { name: 'a CR and a space before a bare LF (lenient)', raw: withFields('X-A: a\r \n'), code: 'BARE_CR', status: 400, offset: fieldOffset(6), lenient: true },
  { name: 'a bare LF inside a value (strict)', raw: withFields('X-A: a\nb\r\n'), code: 'BARE_LF', status: 400, offset: fieldOffset(6) },
  { name: 'a bare LF inside a value (lenient): the rest is not a field line', raw: withFields('X-A: a\nb\r\n'), code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(8), lenient: true },
  { name: 'a CR as the empty line', raw: `${LINE}${HOST}\r\r\n`, code: 'INVALID_HEADER_NAME', status: 400, offset: fieldOffset(0) },
];

describe('field lines: rejections', () => {
  for (const c of FIELD_REJECTIONS) it(`${c.name}: ${c.code} ${c.status}`, () => assertRejected(c));
});

describe('field lines: what is kept', () => {
  it('keeps name case, order and duplicates exactly as sent', () => {
    const events = parseAll(withFields('x-dup: 1\r\nX-DUP: 2\r\nAccept: a\r\nx-Dup: 3\r\n'));
    assert.ok(events[0]?.kind === 'head');
    assert.deepStrictEqual(events[0].head.headers, [
      ['Host', 'h'],
      ['x-dup', '1'],
      ['X-DUP', '2'],
      ['Accept', 'a'],
      ['x-Dup', '3'],
    ]);
  });

  it('keeps UTF-8 in a value as one latin1 character per byte, so no byte is lost', () => {
    const utf8 = Buffer.from('값 ✓', 'utf8');
    const raw = Buffer.concat([Buffer.from(`${LINE}${HOST}X-Note: `, 'latin1'), utf8, Buffer.from('\r\n\r\n', 'latin1')]);
    const events = parseAll(raw);
    assert.ok(events[0]?.kind === 'head');
    const value = maybeHeader(events[0].head.headers, 'x-note');
    assert.equal(value?.length, utf8.length);
    assert.equal(Buffer.from(value!, 'latin1').toString('utf8'), '값 ✓');
  });

  it('accepts every tchar in a name', () => {
    const name = "!#$%&'*+-.^_`|~09AZaz";
    const events = parseAll(withFields(`${name}: v\r\n`));
    assert.ok(events[0]?.kind === 'head');
    assert.deepStrictEqual(events[0].head.headers[1], [name, 'v']);
  });
});

describe('header helpers', () => {
  const headers: Headers = [
    ['Host', 'example.com'],
    ['Connection', 'Keep-Alive, Upgrade'],
    ['accept', 'text/plain'],
    ['ACCEPT', 'text/html'],
    ['Connection', ' foo ,, bar,'],
    ['X-Empty', ''],
    ['Content-Length-Extra', '9'],
  ];

  it('headerValues: every value, case-insensitive, in order', () => {
    assert.deepStrictEqual(headerValues(headers, 'Accept'), ['text/plain', 'text/html']);
    assert.deepStrictEqual(headerValues(headers, 'HOST'), ['example.com']);
    assert.deepStrictEqual(headerValues(headers, 'x-empty'), ['']);
    assert.deepStrictEqual(headerValues(headers, 'Content-Length'), []);
    assert.deepStrictEqual(headerValues([], 'Host'), []);
  });

  it('maybeHeader: the first value, or undefined', () => {
    assert.equal(maybeHeader(headers, 'accept'), 'text/plain');
    assert.equal(maybeHeader(headers, 'x-EMPTY'), '');
    assert.equal(maybeHeader(headers, 'content-length'), undefined);
    assert.equal(maybeHeader(headers, 'hos'), undefined);
  });

  it('headerTokens: list elements of every field, trimmed, lower-cased, empty ones dropped', () => {
    assert.deepStrictEqual(headerTokens(headers, 'connection'), ['keep-alive', 'upgrade', 'foo', 'bar']);
    assert.deepStrictEqual(headerTokens(headers, 'x-empty'), []);
    assert.deepStrictEqual(headerTokens(headers, 'absent'), []);
    assert.deepStrictEqual(headerTokens([['TE', '\tgzip ,\tChunked\t']], 'te'), ['gzip', 'chunked']);
  });

  it('hasToken: whole tokens only, case-insensitive', () => {
    assert.equal(hasToken(headers, 'Connection', 'keep-alive'), true);
    assert.equal(hasToken(headers, 'connection', 'UPGRADE'), true);
    assert.equal(hasToken(headers, 'connection', 'bar'), true);
    assert.equal(hasToken(headers, 'connection', 'keep'), false);
    assert.equal(hasToken(headers, 'connection', 'close'), false);
    assert.equal(hasToken(headers, 'host', 'example'), false);
  });
});
