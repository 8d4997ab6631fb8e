import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareResponse, type ActualResponse } from '../../src/expect/compare.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { renderDiff } from '../../src/expect/diff.js';

const fixture = parseFixture(
  [
    'why: The documented case 1.',
    'request: {method: GET, target: /}',
    'response:',
    '  status: 200',
    '  reason: OK',
    '  headers:',
    "    Content-Type: !re '^text/plain'",
    '    Date: <http-date>',
    '    Server: <any>',
    '    X-Powered-By: <absent>',
    '    Connection: keep-alive',
    '  body: "HTTP GET Method (Success)\\n\\nfirst\\nsecond\\n"',
    '',
  ].join('\n'),
  'fixtures/seed/get-root.yaml',
);
const expected = fixture.response!;

function response(overrides: Partial<ActualResponse> = {}): ActualResponse {
  return {
    version: { major: 1, minor: 1 },
    status: 200,
    reason: 'OK',
    headers: [
      ['Server', 'wirecheck'],
      ['Date', 'Wed, 25 Nov 2026 04:00:00 GMT'],
      ['Content-Type', 'text/plain'],
      ['Connection', 'keep-alive'],
    ],
    body: Buffer.from('HTTP GET Method (Success)\n\nfirst\nsecond\n'),
    ...overrides,
  };
}

function diffOf(actual: ActualResponse, context?: number): string {
  const mismatches = compareResponse(expected, actual);
  return renderDiff(expected, actual, mismatches, context === undefined ? { expectedLabel: fixture.file } : { expectedLabel: fixture.file, context });
}

suite('renderDiff', () => {
  test('matching fields are context lines written as the fixture writes them; differing ones are -/+', () => {
    const actual = response({
      headers: [
        ['Server', 'wirecheck'],
        ['Date', 'Wed, 25 Nov 2026 04:00:00 GMT'],
        ['Content-Type', 'text/html'],
        ['X-Powered-By', 'PHP'],
        ['Connection', 'close'],
        ['X-Extra', 'allowed'],
      ],
      body: Buffer.from('HTTP GET Method (Success)\n\nfirst\nSECOND\n'),
    });
    assert.equal(
      diffOf(actual, 20),
      [
        '4 mismatches:',
        "  header Content-Type: expected !re '^text/plain', got \"text/html\"  (fixtures/seed/get-root.yaml:7:5)",
        '  header X-Powered-By: expected <absent>, got "PHP"  (fixtures/seed/get-root.yaml:10:5)',
        '  header Connection: expected keep-alive, got "close"  (fixtures/seed/get-root.yaml:11:5)',
        '  body: expected "HTTP GET Method (Success)\\n\\nfirst\\nsecond\\n", got "HTTP GET Method (Success)\\n\\nfirst\\nSECOND\\n"  (fixtures/seed/get-root.yaml:12:9)',
        '',
        '--- expected (fixtures/seed/get-root.yaml)',
        '+++ actual',
        '@@ -1,12 +1,12 @@',
        ' HTTP/1.1 200 OK',
        ' Server: <any>',
        ' Date: <http-date>',
        "-Content-Type: !re '^text/plain'",
        '-X-Powered-By: <absent>',
        '-Connection: keep-alive',
        '+Content-Type: text/html',
        '+X-Powered-By: PHP',
        '+Connection: close',
        ' X-Extra: allowed',
        ' ',
        ' HTTP GET Method (Success)\\n',
        ' \\n',
        ' first\\n',
        '-second\\n',
        '+SECOND\\n',
        '',
      ].join('\n'),
    );
  });

  test('status line and a missing header', () => {
    const actual = response({ status: 404, reason: 'Not Found', headers: [['Date', 'Wed, 25 Nov 2026 04:00:00 GMT'], ['Content-Type', 'text/plain'], ['Connection', 'keep-alive']] });
    const text = diffOf(actual);
    assert.match(text, /^3 mismatches:\n  status: expected 200, got 404 {2}\(fixtures\/seed\/get-root\.yaml:4:11\)\n  reason: expected OK, got "Not Found"/);
    assert.match(text, /\n-HTTP\/1\.1 200 OK\n\+HTTP\/1\.1 404 Not Found\n/);
    assert.match(text, /\n-Server: <any>\n/);
    assert.doesNotMatch(text, /\n[-+]Date/);
  });

  test('long bodies are cut into hunks with context', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const long = parseFixture(`why: w\nrequest: {method: GET, target: /}\nresponse:\n  status: 200\n  body: ${JSON.stringify(lines.join('\n'))}\n`, 'f.yaml').response!;
    const changed = [...lines];
    changed[1] = 'line two';
    changed[27] = 'line twenty-eight';
    const actual = response({ headers: [], body: Buffer.from(changed.join('\n')) });
    const text = renderDiff(long, actual, compareResponse(long, actual), { context: 2 });
    const hunkHeaders = text.split('\n').filter((line) => line.startsWith('@@'));
    assert.deepEqual(hunkHeaders, ['@@ -2,5 +2,5 @@', '@@ -28,5 +28,5 @@']);
    const hunksText = text.slice(text.indexOf('+++ actual'));
    assert.match(hunksText, /\n-line 2\\n\n\+line two\\n\n/);
    assert.doesNotMatch(hunksText, /line 15/);
    assert.ok(text.split('\n')[1]!.length < 300, 'summary values are truncated');
  });

  test('a body matcher that is not exact text is one expected line against the actual body', () => {
    const regexBody = parseFixture("why: w\nrequest: {method: GET, target: /}\nresponse:\n  status: 200\n  body: !re 'Success'\n", 'f.yaml').response!;
    const actual = response({ headers: [], body: Buffer.from('Failed\n') });
    const text = renderDiff(regexBody, actual, compareResponse(regexBody, actual));
    assert.match(text, /\n-!re 'Success'\n\+Failed\\n\n/);
  });

  test('a body that is not UTF-8 shows its bytes', () => {
    const actual = response({ body: Buffer.from([0x66, 0xff, 0x0a]) });
    const text = diffOf(actual);
    assert.match(text, /got hex: 66 ff 0a/);
    assert.match(text, /\n\+f\\xff\\n\n/);
  });

  test('no mismatches, no diff', () => {
    assert.equal(renderDiff(expected, response(), []), 'The response meets every expectation of the fixture.\n');
  });
});

suite('a fixture that leaves the reason unchecked', () => {
  const statusOnly = parseFixture(['why: Only the status matters.', 'request: {method: PUT, target: /}', 'response:', '  status: 405', ''].join('\n'), 'fixtures/x.yaml').response!;

  test('does not pair the expected status with the actual reason when the status differs', () => {
    const actual = response({ status: 200, reason: 'OK' });
    const diff = renderDiff(statusOnly, actual, compareResponse(statusOnly, actual));
    assert.match(diff, /^-HTTP\/1\.1 405 <any>$/m);
    assert.match(diff, /^\+HTTP\/1\.1 200 OK$/m);
  });
});
