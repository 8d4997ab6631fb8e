import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compareResponse } from '../../src/expect/compare.js';
import { renderDiff } from '../../src/expect/diff.js';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';

const DOC = 'docs/fixtures.md';
const doc = readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8');

/** Every ```yaml block of the doc, dedented, with the line it starts on. */
function yamlBlocks(): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  for (const found of doc.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)) {
    const indent = found[1]!.length;
    const text = found[2]!.split('\n').map((line) => line.slice(indent)).join('\n');
    blocks.push({ line: doc.slice(0, found.index).split('\n').length + 1, text });
  }
  return blocks;
}

test('every YAML example in docs/fixtures.md is a fixture that loads', () => {
  const blocks = yamlBlocks();
  assert.ok(blocks.length >= 6, `found ${blocks.length} examples`);
  for (const block of blocks) parseFixture(block.text, `${DOC}:${block.line}`);
});

test('the raw examples in docs/fixtures.md send the bytes the doc says', () => {
  const server = { host: '127.0.0.1', port: 8080 };
  const sent = yamlBlocks().map((block) => requestBytes(parseFixture(block.text, DOC).request, server).toString('latin1'));
  assert.ok(sent.includes('GET / HTTP/1.1\nHost: 127.0.0.1:8080\n\n'));
  assert.ok(sent.includes('GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n'));
  assert.ok(sent.includes('POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 5\r\n\r\nhello'));
});

test('the diff shown in docs/fixtures.md is what renderDiff writes', () => {
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
      '    Connection: keep-alive',
      '',
      '  body: "HTTP GET Method (Success)\\n\\n"',
      '',
    ].join('\n'),
    'fixtures/seed/get-root.yaml',
  );
  const actual = {
    version: { major: 1, minor: 1 },
    status: 200,
    reason: 'OK',
    headers: [
      ['Server', 'wirecheck'],
      ['Date', 'Wed, 25 Nov 2026 04:00:00 GMT'],
      ['Content-Type', 'text/html'],
      ['Connection', 'keep-alive'],
    ] as const,
    body: Buffer.from('HTTP GET Method (Failed)\n\n'),
  };
  const text = renderDiff(fixture.response!, actual, compareResponse(fixture.response!, actual), { expectedLabel: fixture.file });
  const shown = /^```\n(2 mismatches:[\s\S]*?)^```/m.exec(doc)?.[1];
  assert.equal(shown, text);
});
