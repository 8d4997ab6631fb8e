import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { echoedFields, echoPresenceProblem, echoProblem, grownCookie, sentFields, withField } from '../../src/harness/field-echo.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const request = (...fields: string[]) => bytes(`POST /echo HTTP/1.1\r\n${fields.map((f) => `${f}\r\n`).join('')}\r\nhello`);
const echo = (...fields: string[]) => bytes(`${fields.map((f) => `${f}\r\n`).join('')}\r\nhello`);

suite('the field lines sent', () => {
  test('name and value split at the first colon, the whitespace around the value dropped', () => {
    assert.deepEqual(sentFields(request('Host: a:1', 'X-Custom: \t v \t')), [['Host', 'a:1'], ['X-Custom', 'v']]);
  });

  test('a folded line continues its field, the line break kept; a whitespace line before any field is passed over', () => {
    assert.deepEqual(sentFields(request(' X-Injected: yes', 'X-Folded: first', ' second')), [['X-Folded', 'first\r\n second']]);
  });

  test('a lone CR stays in its value; bare LF ends lines as CRLF does', () => {
    assert.deepEqual(sentFields(request('Cookie: a=1\rb=2')), [['Cookie', 'a=1\rb=2']]);
    assert.deepEqual(sentFields(bytes('GET / HTTP/1.1\nA: 1\nB: 2\n\nbody: no')), [['A', '1'], ['B', '2']]);
  });
});

suite('what the echo returned', () => {
  test('its lines up to the first empty one; the body after it is not a field', () => {
    assert.deepEqual(echoedFields(echo('Host: a', 'Cookie: x=1')), [['Host', 'a'], ['Cookie', 'x=1']]);
    assert.deepEqual(echoedFields(bytes('A: 1\r\n\r\nB: 2\r\n')), [['A', '1']]);
  });
});

suite('an echoed field against the field sent', () => {
  test('as sent: byte for byte, the name in any case', () => {
    assert.equal(echoProblem(request('X_Custom: u'), echo('x_custom: u'), 'X_Custom', 'as sent'), undefined);
    assert.match(echoProblem(request('X_Custom: u'), echo('X-Custom: u'), 'X_Custom', 'as sent') ?? '', /the echo holds no X_Custom field/);
    assert.match(echoProblem(request('Cookie: a=1; b=2'), echo('Cookie: a=1'), 'Cookie', 'as sent') ?? '', /the echo's Cookie is "a=1", where "a=1; b=2" was sent/);
  });

  test('as sent: lines of one name may come combined, in order, never reordered', () => {
    const sent = request('X-Custom: first', 'X-Custom: second');
    assert.equal(echoProblem(sent, echo('X-Custom: first', 'X-Custom: second'), 'X-Custom', 'as sent'), undefined);
    assert.equal(echoProblem(sent, echo('X-Custom: first, second'), 'X-Custom', 'as sent'), undefined);
    assert.equal(echoProblem(sent, echo('X-Custom: first,second'), 'X-Custom', 'as sent'), undefined);
    assert.notEqual(echoProblem(sent, echo('X-Custom: second, first'), 'X-Custom', 'as sent'), undefined);
    assert.notEqual(echoProblem(sent, echo('X-Custom: second'), 'X-Custom', 'as sent'), undefined);
  });

  test('with CR, LF and NUL replaced by SP: a space passes, the byte kept or the value cut fails', () => {
    const reading = 'CR, LF and NUL as SP' as const;
    assert.equal(echoProblem(request('Cookie: a=1\0b=2'), echo('Cookie: a=1 b=2'), 'Cookie', reading), undefined);
    assert.match(echoProblem(request('Cookie: a=1\0b=2'), echo('Cookie: a=1\0b=2'), 'Cookie', reading) ?? '', /\\u0000/);
    assert.notEqual(echoProblem(request('Cookie: a=1\rb=2'), echo('Cookie: a=1'), 'Cookie', reading), undefined);
    assert.equal(echoProblem(request('X-Folded: first', '\tsecond'), echo('X-Folded: first   second'), 'X-Folded', reading), undefined);
    assert.notEqual(echoProblem(request('X-Folded: first', ' second'), echo('X-Folded: first'), 'X-Folded', reading), undefined);
  });

  test('a field the request did not send is named, not compared', () => {
    assert.match(echoProblem(request('Host: a'), echo('Host: a'), 'Cookie', 'as sent') ?? '', /the request sent no Cookie field/);
  });

  test('a field that must not be there', () => {
    assert.equal(echoPresenceProblem(echo('Host: a'), 'X-Injected'), undefined);
    assert.match(echoPresenceProblem(echo('Host: a', 'x-injected: yes'), 'X-Injected') ?? '', /holds X-Injected: "yes"/);
  });

  test('a long value is cut in the middle in the report', () => {
    const long = 'a'.repeat(5000);
    const problem = echoProblem(request(`Cookie: ${long}`), echo('Cookie: short'), 'Cookie', 'as sent') ?? '';
    assert.match(problem, /….*\(5000 bytes\)/);
    assert.ok(problem.length < 300);
  });
});

suite('a grown Cookie', () => {
  test('of a size: one pair filling that many bytes', () => {
    const cookie = grownCookie({ bytes: 4096 });
    assert.equal(cookie.length, 4096);
    assert.match(cookie, /^wirecheck=a+$/);
    assert.throws(() => grownCookie({ bytes: 5 }), RangeError);
  });

  test('of pairs: cN=vN joined by "; "', () => {
    assert.equal(grownCookie({ pairs: 3 }), 'c1=v1; c2=v2; c3=v3');
    assert.equal(grownCookie({ pairs: 1000 }).split('; ').length, 1000);
  });

  test('is added after the fixture\'s own fields', () => {
    const spec = { kind: 'structured', method: 'POST', target: '/', version: 'HTTP/1.1', headers: [['Host', 'h']], body: 'x' } as const;
    assert.deepEqual(withField(spec, 'Cookie', 'a=1').headers, [['Host', 'h'], ['Cookie', 'a=1']]);
  });
});
