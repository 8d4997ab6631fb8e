import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleBytes, visibleLine } from '../../src/expect/visible.js';

test('CR and LF are shown, and LF also breaks the line', () => {
  assert.equal(visibleBytes(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n')), 'GET / HTTP/1.1\\r\\n\nHost: a\\r\\n\n\\r\\n\n');
});

test('bare LF and bare CR stay distinguishable from CRLF', () => {
  assert.equal(visibleBytes(Buffer.from('a\nb\rc')), 'a\\n\nb\\rc');
});

test('tab, backslash, NUL, DEL and other controls are escaped', () => {
  assert.equal(visibleBytes(Buffer.from('a\tb\\c\x00d\x7fe\x1b')), 'a\\tb\\\\c\\x00d\\x7fe\\x1b');
});

test('printable UTF-8, Korean included, is kept', () => {
  assert.equal(visibleBytes(Buffer.from('안녕하세요 — café ✓')), '안녕하세요 — café ✓');
});

test('bytes that are not UTF-8 are shown as \\xNN', () => {
  assert.equal(visibleBytes(Buffer.from([0x61, 0xff, 0xfe, 0x62])), 'a\\xff\\xfeb');
  // A Korean syllable cut short, then an overlong slash, then a surrogate.
  assert.equal(visibleBytes(Buffer.from([0xec, 0x95])), '\\xec\\x95');
  assert.equal(visibleBytes(Buffer.from([0xc0, 0xaf])), '\\xc0\\xaf');
  assert.equal(visibleBytes(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80');
});

test('invisible Unicode (C1 controls, BOM, bidi overrides) is shown as its bytes', () => {
  assert.equal(visibleBytes(Buffer.from('a\u0085b\uFEFFc\u202Ed')), 'a\\xc2\\x85b\\xef\\xbb\\xbfc\\xe2\\x80\\xaed');
});

test('visibleLine keeps everything on one line', () => {
  assert.equal(visibleLine('a\r\nb\n'), 'a\\r\\nb\\n');
  assert.equal(visibleLine('값\t1'), '값\\t1');
});
