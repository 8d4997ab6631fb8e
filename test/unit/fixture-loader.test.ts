import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { FixtureError, type FixtureErrorCode } from '../../src/fixture/fixture-error.js';
import { loadFixture, parseFixture } from '../../src/fixture/fixture-loader.js';
import { ABSENT, ANY, contains, exact, HTTP_DATE, IMF_FIXDATE, NUMBER, oneOf, regex } from '../../src/expect/matchers.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';
import { statusClass, statusCode, statusOneOf } from '../../src/expect/status-matcher.js';

const FILE = 'fixtures/seed/example.yaml';
const server = { host: 'localhost', port: 8080 };

/** Lines joined with LF, so tests can count fixture lines easily. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function expectError(text: string, code: FixtureErrorCode, line: number, column: number, words: RegExp): FixtureError {
  let caught: unknown;
  try {
    parseFixture(text, FILE);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof FixtureError, `expected a FixtureError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.deepEqual([caught.line, caught.column], [line, column], caught.message);
  assert.match(caught.message, new RegExp(`^${FILE.replaceAll('.', '\\.')}:${line}:${column}: `));
  assert.match(caught.problem, words);
  return caught;
}

suite('loading good fixtures', () => {
  test('a structured request and an expected response with every kind of matcher', () => {
    const fixture = parseFixture(
      yaml(
        'why: The documented case 1 — GET / lists the stored messages.',
        'request:',
        '  method: GET',
        '  target: /',
        '  headers:',
        '    - "Host: {authority}"',
        '    - "Content-Type: text/plain"',
        '    - Content-Length: "05"',
        '    - "X-Odd:no-space"',
        'response:',
        '  status: 200',
        '  reason: OK',
        '  headers:',
        "    Content-Type: !re '^text/plain(; ?charset=utf-8)?$'",
        '    Date: <http-date>',
        '    Last-Modified: <imf-fixdate>',
        '    Content-Length: <number>',
        '    Server: <any>',
        '    Connection: [keep-alive, <absent>]',
        '    X-Absent: <absent>',
        "    X-Literal: !exact '<any>'",
        '    X-Contains: {contains: abc}',
        '    X-Case: {regex: ^ok$, flags: i}',
        '  body: "HTTP GET Method (Success)\\n\\n"',
        '  body-trailing-whitespace: ignore',
      ),
      FILE,
    );
    assert.equal(fixture.file, FILE);
    assert.equal(fixture.why, 'The documented case 1 — GET / lists the stored messages.');
    assert.deepEqual(fixture.request, {
      kind: 'structured',
      method: 'GET',
      target: '/',
      version: 'HTTP/1.1',
      headers: [
        ['Host', '{authority}'],
        ['Content-Type', 'text/plain'],
        ['Content-Length', '05'],
        ['X-Odd', 'no-space'],
      ],
      body: '',
    });
    const response = fixture.response!;
    assert.deepEqual(response.status, statusCode(200));
    assert.deepEqual(response.reason, exact('OK'));
    assert.deepEqual(
      response.headers.map((h) => [h.name, h.matcher]),
      [
        ['Content-Type', regex('^text/plain(; ?charset=utf-8)?$')],
        ['Date', HTTP_DATE],
        ['Last-Modified', IMF_FIXDATE],
        ['Content-Length', NUMBER],
        ['Server', ANY],
        ['Connection', oneOf(exact('keep-alive'), ABSENT)],
        ['X-Absent', ABSENT],
        ['X-Literal', exact('<any>')],
        ['X-Contains', contains('abc')],
        ['X-Case', regex('^ok$', 'i')],
      ],
    );
    assert.deepEqual(response.body, exact('HTTP GET Method (Success)\n\n'));
    assert.equal(response.bodyTrailingWhitespace, 'ignore');
    assert.deepEqual(response.locations?.get('header Date'), { file: FILE, line: 15, column: 5 });
    assert.deepEqual(response.locations?.get('status'), { file: FILE, line: 11, column: 11 });
    assert.deepEqual(response.locations?.get('body'), { file: FILE, line: 24, column: 9 });
  });

  test('a raw request in a block: line breaks are CRLF, escapes decoded when the bytes are built', () => {
    const fixture = parseFixture(
      yaml(
        'why: Bare LF line ends are accepted (SPEC §2.1).',
        'request:',
        '  raw: |',
        '    GET / HTTP/1.1\\n',
        '    Host: {authority}',
        '    X-Bytes: \\x01\\xff',
        '    \\r\\n',
        'response:',
        '  status: 200',
      ),
      FILE,
    );
    assert.equal(fixture.request.kind, 'raw');
    assert.deepEqual(
      requestBytes(fixture.request, server),
      Buffer.concat([Buffer.from('GET / HTTP/1.1\nHost: localhost:8080\r\nX-Bytes: '), Buffer.from([1, 0xff]), Buffer.from('\r\n\r\n')]),
    );
  });

  test('a raw request in single quotes', () => {
    const fixture = parseFixture(yaml('why: w', "request: {raw: 'GET / HTTP/1.1\\r\\nHost: {host}\\r\\n\\r\\n'}"), FILE);
    assert.equal(requestBytes(fixture.request, server).toString(), 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    assert.equal(fixture.response, undefined);
  });

  test('headers as a mapping keep their order; scalars stay the text written', () => {
    const fixture = parseFixture(
      yaml(
        'why: w',
        'request:',
        '  method: POST',
        '  target: /',
        '  version: 1.0',
        '  headers:',
        '    Host: "{authority}"',
        '    Content-Length: 007',
        '    X-Yes: yes',
        '    X-Empty: ""',
        '  body: |',
        '    line one',
        'response:',
        '  status: [400, 5xx]',
      ),
      FILE,
    );
    assert.deepEqual(fixture.request, {
      kind: 'structured',
      method: 'POST',
      target: '/',
      version: '1.0',
      headers: [
        ['Host', '{authority}'],
        ['Content-Length', '007'],
        ['X-Yes', 'yes'],
        ['X-Empty', ''],
      ],
      body: 'line one\n',
    });
    assert.deepEqual(fixture.response?.status, statusOneOf(statusCode(400), statusClass(5)));
    assert.equal(fixture.response?.bodyTrailingWhitespace, 'exact');
    assert.equal(fixture.response?.body, undefined);
    assert.equal(fixture.response?.reason, undefined);
  });

  test('aliases are followed', () => {
    const fixture = parseFixture(
      yaml('why: w', 'request: {method: GET, target: &root /}', 'response:', '  status: 4xx', '  headers: {Location: *root}'),
      FILE,
    );
    assert.deepEqual(fixture.response?.headers, [{ name: 'Location', matcher: exact('/') }]);
  });

  test('loadFixture reads a file and names it in the fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirecheck-fixture-'));
    const path = join(dir, 'get-root.yaml');
    writeFileSync(path, yaml('why: w', 'request: {method: GET, target: /}', 'response: {status: 200}'));
    assert.equal(loadFixture(path).file, path);
    assert.throws(() => loadFixture(join(dir, 'missing.yaml')), (error: unknown) => error instanceof FixtureError && error.code === 'UNREADABLE_FILE');
  });
});

suite('malformed fixtures name file, line and column', () => {
  const request = 'request: {method: GET, target: /}';

  test('YAML syntax', () => {
    expectError(yaml('why: w', 'request:', '  method: GET', ' target: /'), 'YAML_SYNTAX', 4, 1, /not valid YAML/);
    expectError(yaml('why: w', 'why: again'), 'YAML_SYNTAX', 2, 1, /unique/);
  });

  test('not a mapping', () => {
    expectError(yaml('- why'), 'WRONG_TYPE', 1, 1, /the fixture must be a mapping, not a list/);
    expectError('', 'WRONG_TYPE', 1, 1, /must be a mapping/);
  });

  test('missing or empty why', () => {
    expectError(yaml(request), 'MISSING_KEY', 1, 1, /has no 'why'/);
    expectError(yaml('why: ""', request), 'MISSING_VALUE', 1, 6, /say why/);
    expectError(yaml('why:', request), 'MISSING_VALUE', 1, 5, /no value/);
  });

  test('unknown keys are errors, wherever they are', () => {
    expectError(yaml('why: w', request, 'respons: {status: 200}'), 'UNKNOWN_KEY', 3, 1, /unknown key 'respons' in the fixture/);
    expectError(yaml('why: w', 'request:', '  methd: GET', '  target: /'), 'UNKNOWN_KEY', 3, 3, /'methd' in request \(expected one of: raw, method/);
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  bdy: x'), 'UNKNOWN_KEY', 5, 3, /'bdy' in response/);
  });

  test('raw together with method', () => {
    expectError(yaml('why: w', 'request:', "  raw: 'GET / HTTP/1.1'", '  method: GET'), 'CONFLICTING_KEYS', 4, 3, /both 'raw' and 'method'/);
  });

  test('neither raw nor method; method without target', () => {
    expectError(yaml('why: w', 'request:', '  target: /'), 'MISSING_KEY', 3, 3, /either 'raw', or 'method' and 'target'/);
    expectError(yaml('why: w', 'request:', '  method: GET'), 'MISSING_KEY', 3, 3, /has no 'target'/);
  });

  test('wrong types', () => {
    expectError(yaml('why: w', 'request:', '  method: GET', '  target: /', '  headers: Host'), 'WRONG_TYPE', 5, 12, /request.headers must be a mapping, not a string/);
    expectError(yaml('why: w', 'request:', '  method: [GET]', '  target: /'), 'WRONG_TYPE', 3, 11, /request.method must be a string, not a list/);
    expectError(yaml('why: [w]', request), 'WRONG_TYPE', 1, 6, /why must be a string/);
  });

  test('an unquoted {placeholder} gets a hint', () => {
    expectError(yaml('why: w', 'request:', '  method: GET', '  target: /', '  headers:', '    Host: {authority}'), 'WRONG_TYPE', 6, 11, /quote values that start with `\{`/);
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  headers:', '    Host: {authority}'), 'UNKNOWN_MATCHER', 6, 11, /quote values that start with `\{`/);
  });

  test('a request header entry that is not Name: value', () => {
    expectError(yaml('why: w', 'request:', '  method: GET', '  target: /', '  headers:', '    - Host', '    - "No colon here"'), 'BAD_HEADER', 6, 7, /not "Name: value": "Host"/);
    expectError(yaml('why: w', 'request:', '  method: GET', '  target: /', '  headers:', '    - ": empty name"'), 'BAD_HEADER', 6, 7, /write malformed header lines with 'raw'/);
  });

  test('raw: double quotes, bad escapes, {body-length}', () => {
    expectError(yaml('why: w', 'request:', '  raw: "GET / HTTP/1.1\\r\\n"'), 'DOUBLE_QUOTED_RAW', 3, 8, /must not be double-quoted/);
    // The bad escape is on the third line of the block, after `Host: a`.
    expectError(yaml('why: w', 'request:', '  raw: |', '    GET / HTTP/1.1', '    X: a\\q', '    \\r\\n'), 'BAD_ESCAPE', 5, 9, /unknown escape '\\q'/);
    expectError(yaml('why: w', 'request:', "  raw: 'GET / \\x4g'"), 'BAD_ESCAPE', 3, 15, /unknown escape '\\x'/);
    expectError(yaml('why: w', 'request:', '  raw: |', '    POST / HTTP/1.1', '    Content-Length: {body-length}'), 'PLACEHOLDER_NOT_ALLOWED', 5, 21, /body-length/);
  });

  test('bad status', () => {
    expectError(yaml('why: w', request, 'response:', '  status: 2000'), 'BAD_STATUS', 4, 11, /got "2000"/);
    expectError(yaml('why: w', request, 'response:', '  status: [200, OK]'), 'BAD_STATUS', 4, 17, /got "OK"/);
    expectError(yaml('why: w', request, 'response:', '  status: []'), 'BAD_STATUS', 4, 11, /empty list/);
    expectError(yaml('why: w', request, 'response:', '  status: {code: 200}'), 'BAD_STATUS', 4, 11, /got a mapping/);
    expectError(yaml('why: w', request, 'response:', '  reason: OK'), 'MISSING_KEY', 4, 3, /response has no 'status'/);
  });

  test('unknown matchers and tags', () => {
    const head = ['why: w', request, 'response:', '  status: 200', '  headers:'];
    expectError(yaml(...head, '    Date: <date>'), 'UNKNOWN_MATCHER', 6, 11, /unknown matcher <date> in response header Date \(known: <any>, <absent>/);
    expectError(yaml(...head, "    Date: !regex '.'"), 'UNKNOWN_TAG', 6, 11, /unknown tag !regex/);
    expectError(yaml(...head, '    Date: {matches: x}'), 'UNKNOWN_MATCHER', 6, 11, /\{contains: text\} or \{regex: pattern, flags: i\}/);
    expectError(yaml('why: w', '!weird request: {method: GET, target: /}'), 'UNKNOWN_TAG', 2, 1, /unknown tag !weird/);
    expectError(yaml(...head, "    Date: !re ['a', 'b']"), 'UNKNOWN_TAG', 6, 11, /!re goes on a single string/);
    expectError(yaml('why: w', 'request: {method: !exact GET, target: /}'), 'UNKNOWN_TAG', 2, 19, /!exact goes on a single string .* not on request.method/);
  });

  test('bad regular expressions', () => {
    const head = ['why: w', request, 'response:', '  status: 200', '  headers:'];
    expectError(yaml(...head, "    Content-Type: !re '^text/(plain'"), 'BAD_REGEX', 6, 23, /bad regular expression in response header Content-Type/);
    expectError(yaml(...head, '    Content-Type: {regex: x, flags: g}'), 'BAD_REGEX', 6, 37, /unsupported regular expression flags 'g'/);
  });

  test('<absent> only where a field can be absent', () => {
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  body: <absent>'), 'MATCHER_NOT_ALLOWED', 5, 9, /response.body is always present/);
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  reason: [OK, <absent>]'), 'MATCHER_NOT_ALLOWED', 5, 16, /response.reason/);
  });

  test('expected headers: no value, bad names, duplicates in another case', () => {
    const head = ['why: w', request, 'response:', '  status: 200', '  headers:'];
    expectError(yaml(...head, '    Date:'), 'MISSING_VALUE', 6, 10, /write "" for an empty value, <any> for any value/);
    expectError(yaml(...head, '    "Bad Name": x'), 'BAD_HEADER', 6, 5, /not a valid field name/);
    expectError(yaml(...head, '    Content-Type: text/plain', '    content-type: text/html'), 'DUPLICATE_HEADER', 7, 5, /already expected as 'Content-Type'/);
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  headers:'), 'MISSING_VALUE', 5, 3, /response.headers has no value/);
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  headers: [Date]'), 'WRONG_TYPE', 5, 12, /response.headers must be a mapping, not a list/);
  });

  test('body-trailing-whitespace takes ignore or exact', () => {
    expectError(yaml('why: w', request, 'response:', '  status: 200', '  body-trailing-whitespace: sometimes'), 'BAD_VALUE', 5, 29, /ignore|exact/);
  });

  test('answered-within takes milliseconds up to 4000, and not beside wait', () => {
    assert.equal(parseFixture(yaml('why: w', request, 'response:', '  status: 400', '  answered-within: 2000'), FILE).response?.answeredWithinMs, 2000);
    assert.equal(parseFixture(yaml('why: w', request, 'response:', '  status: 400'), FILE).response?.answeredWithinMs, undefined);
    expectError(yaml('why: w', request, 'response:', '  status: 400', '  answered-within: 2s'), 'BAD_VALUE', 5, 20, /milliseconds from 1 to 4000/);
    expectError(yaml('why: w', request, 'response:', '  status: 400', '  answered-within: 5000'), 'BAD_VALUE', 5, 20, /milliseconds from 1 to 4000/);
    expectError(yaml('why: w', request, 'response:', '  status: [400, wait]', '  answered-within: 2000'), 'BAD_VALUE', 5, 20, /contradicts a status that allows wait/);
  });
});
