/**
 * Request-target classification (RFC 9112 §3.2, SPEC §2.2): the four forms told apart, so the
 * server can route origin-form and absolute-form and judge `*` and authority-form by their
 * method; anything else, and any character RFC 3986 does not allow, is not a request-target.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maybeRequestTarget, type RequestTarget } from '../../src/http1/index.js';
import { readRequestTarget } from '../../src/http1/request-target.js';

const TARGETS: [target: string, expected: RequestTarget | undefined][] = [
  ['/', { form: 'origin', path: '/', query: '' }],
  ['/wrong/', { form: 'origin', path: '/wrong/', query: '' }],
  ['/?', { form: 'origin', path: '/', query: '' }],
  ['/?a=1&b=2', { form: 'origin', path: '/', query: 'a=1&b=2' }],
  ['/path/x?q=1?r=2', { form: 'origin', path: '/path/x', query: 'q=1?r=2' }],
  ['//double', { form: 'origin', path: '//double', query: '' }],
  ['/%20encoded', { form: 'origin', path: '/%20encoded', query: '' }],
  ['/%00', { form: 'origin', path: '/%00', query: '' }],
  ['/%2f%2F?%e9', { form: 'origin', path: '/%2f%2F', query: '%e9' }],
  ["/-._~!$&'()*+,;=:@", { form: 'origin', path: "/-._~!$&'()*+,;=:@", query: '' }],
  ['http://example.com/', { form: 'absolute', authority: 'example.com', path: '/', query: '' }],
  ['http://example.com', { form: 'absolute', authority: 'example.com', path: '/', query: '' }],
  ['http://example.com:8080', { form: 'absolute', authority: 'example.com:8080', path: '/', query: '' }],
  ['http://example.com:8080/', { form: 'absolute', authority: 'example.com:8080', path: '/', query: '' }],
  ['http://127.0.0.1:8080/a/b?x=1', { form: 'absolute', authority: '127.0.0.1:8080', path: '/a/b', query: 'x=1' }],
  ['http://example.com?x=1', { form: 'absolute', authority: 'example.com', path: '/', query: 'x=1' }],
  ['HTTP://EXAMPLE.COM/', { form: 'absolute', authority: 'EXAMPLE.COM', path: '/', query: '' }],
  ['https://example.com/', { form: 'absolute', authority: 'example.com', path: '/', query: '' }],
  ['http://[::1]:8080/', { form: 'absolute', authority: '[::1]:8080', path: '/', query: '' }],
  ['*', { form: 'asterisk' }],
  ['http://user@example.com/', undefined],
  ['http://:80/', undefined],
  ['http://[::1/', undefined],
  ['http://h/[x]', undefined],
  ['example.com:443', { form: 'authority' }],
  ['[::1]:443', { form: 'authority' }],
  ['127.0.0.1:8080', { form: 'authority' }],
  ['http:80', { form: 'authority' }],
  ['http:///', undefined],
  ['http://', undefined],
  ['http://?x', undefined],
  ['example.com', undefined],
  ['example.com:', undefined],
  ['example.com:http', undefined],
  ['user@example.com:443', undefined],
  ['**', undefined],
  ['*/', undefined],
  ['?x=1', undefined],
  ['1http://example.com/', undefined],
  ['mailto:someone', undefined],
  ['', undefined],
  ['/#', undefined],
  ['/a#b', undefined],
  ['http://example.com/#x', undefined],
  ['/a\\b', undefined],
  ['/a b', undefined],
  ['/\x01', undefined],
  ['/\x7f', undefined],
  ['/caf\xe9', undefined],
  ['/caf\u00e9\u4e2d', undefined],
  ['/"<>^`{|}', undefined],
  ['/%', undefined],
  ['/%4', undefined],
  ['/%4g', undefined],
  ['/?q=%', undefined],
  ['/[x]', undefined],
];

/** [target, index of the character at fault]: the offset a 400's error points at. */
const FAULTS: [target: string, at: number][] = [
  ['/a#b', 2],
  ['/ok/%zz', 4],
  ['/?x=]', 4],
  ['http://h:8x/', 7],
  ['nowhere', 0],
];


describe('maybeRequestTarget', () => {
  for (const [target, expected] of TARGETS) {
    it(`${JSON.stringify(target)} is ${expected === undefined ? 'not a request-target' : expected.form}`, () => {
      assert.deepStrictEqual(maybeRequestTarget(target), expected);
    });
  }
});

describe('readRequestTarget: where a target goes wrong', () => {
  for (const [target, at] of FAULTS) {
    it(`${JSON.stringify(target)}: at ${at}`, () => {
      const read = readRequestTarget(target);
      assert.ok('at' in read, `${target} was read as ${JSON.stringify(read)}`);
      assert.equal(read.at, at);
    });
  }
});
