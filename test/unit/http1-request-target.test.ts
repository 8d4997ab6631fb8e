/**
 * Request-target classification (RFC 9112 §3.2, SPEC §2.2): origin-form and absolute-form are
 * routed; authority-form, `*` and anything else are told apart so the server can answer 400.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maybeRequestTarget, type RequestTarget } from '../../src/http1/index.js';

const TARGETS: [target: string, expected: RequestTarget | undefined][] = [
  ['/', { form: 'origin', path: '/', query: '' }],
  ['/wrong/', { form: 'origin', path: '/wrong/', query: '' }],
  ['/?', { form: 'origin', path: '/', query: '' }],
  ['/?a=1&b=2', { form: 'origin', path: '/', query: 'a=1&b=2' }],
  ['/path/x?q=1?r=2', { form: 'origin', path: '/path/x', query: 'q=1?r=2' }],
  ['//double', { form: 'origin', path: '//double', query: '' }],
  ['/%20encoded', { form: 'origin', path: '/%20encoded', query: '' }],
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
  ['example.com:443', { form: 'authority' }],
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
];

describe('maybeRequestTarget', () => {
  for (const [target, expected] of TARGETS) {
    it(`${JSON.stringify(target)} is ${expected === undefined ? 'not a request-target' : expected.form}`, () => {
      assert.deepStrictEqual(maybeRequestTarget(target), expected);
    });
  }
});
