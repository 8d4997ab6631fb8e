import { expect } from 'chai';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PostmanItem } from '../../src/postman/collection.js';
import { COLLECTION_FILE, ExportError, renderCollection, seedCollection } from '../../src/postman/export.js';
import { featureUris, readFeature } from '../../src/rules/features.js';

// collections/ is made from the @seed features and their fixtures: it must be what
// `npm run collection` writes now, and its Postman tests must judge as the fixtures do.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COLLECTION = seedCollection(ROOT);

interface Answer {
  readonly code: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** Each pm.test of the item's script, run against `answer` by a stand-in for Postman's sandbox: its title and failure, if any. */
function judge(item: PostmanItem, answer: Answer): Map<string, string | undefined> {
  const results = new Map<string, string | undefined>();
  const pm = {
    expect,
    test(title: string, check: () => void) {
      try {
        check();
        results.set(title, undefined);
      } catch (error) {
        results.set(title, (error as Error).message);
      }
    },
    response: { code: answer.code, text: () => answer.body, headers: { all: () => answer.headers.map(([key, value]) => ({ key, value })) } },
  };
  new Function('pm', item.event![0]!.script.exec.join('\n'))(pm);
  return results;
}

function item(scenario: string, name: string): PostmanItem {
  const folder = COLLECTION.item.find((f) => f.name === scenario) ?? assert.fail(`no folder ${scenario}`);
  return folder.item?.find((i) => i.name.includes(`(${name}`)) ?? assert.fail(`no item ${name} in ${scenario}`);
}

const HEADERS: readonly (readonly [string, string])[] = [
  ['Server', 'wirecheck'],
  ['Date', 'Mon, 04 May 2026 10:00:00 GMT'],
  ['Content-Type', 'text/plain; charset=utf-8'],
  ['Connection', 'keep-alive'],
];

describe('the Postman collection', () => {
  it(`${COLLECTION_FILE} is what npm run collection writes from the @seed features`, () => {
    assert.equal(readFileSync(join(ROOT, COLLECTION_FILE), 'utf8'), renderCollection(COLLECTION), `${COLLECTION_FILE} is stale: run npm run collection`);
  });

  it('has a folder per @seed scenario, in order, each emptying the store first', () => {
    const scenarios = featureUris(ROOT)
      .filter((uri) => uri.startsWith('features/seed/'))
      .flatMap((uri) => readFeature(ROOT, uri).scenarios.map((s) => s.name));
    assert.deepEqual(
      COLLECTION.item.map((folder) => folder.name),
      scenarios,
    );
    for (const folder of COLLECTION.item) assert.match(folder.item![0]!.name, /^DELETE \/ \(seed\/delete-root, to empty the store\)$/);
  });

  it("sends the fixture's request: its method, target, fields and body, Host and Content-Length left to Postman", () => {
    const post = item('Messages are stored and returned byte for byte, Korean included (case 3)', 'seed/post-root-korean').request;
    assert.ok(post !== undefined && typeof post !== 'string');
    const { description, ...sent } = post;
    assert.match(description ?? '', /^Case 3 with UTF-8 text/);
    assert.deepEqual(sent, {
      method: 'POST',
      header: [
        { key: 'Content-Type', value: 'text/plain' },
        { key: 'User-Agent', value: 'wirecheck-client/0.1' },
        { key: 'Connection', value: 'keep-alive' },
      ],
      url: '{{baseUrl}}/',
      body: { mode: 'raw', raw: '안녕하세요, 세계' },
    });
  });

  it('passes the answer the fixtures expect, trailing whitespace aside, and fails each part that differs', () => {
    const get = item('GET / lists the stored messages (case 1)', 'seed/get-root-empty');
    const right = judge(get, { code: 200, headers: HEADERS, body: 'HTTP GET Method (Success)\n\n' });
    assert.ok(right.size >= 7, `${right.size} tests`);
    assert.deepEqual([...right].filter(([, failure]) => failure !== undefined), []);
    assert.deepEqual([...judge(get, { code: 200, headers: HEADERS, body: 'HTTP GET Method (Success)' }).values()].filter(Boolean), []);

    const failed = (answer: Answer) => [...judge(get, answer)].filter(([, failure]) => failure !== undefined).map(([title]) => title);
    assert.deepEqual(failed({ code: 200, headers: HEADERS, body: 'HTTP GET Method (Failed)\n\n' }), ['seed/get-root-empty: body is HTTP GET Method (Success), trailing whitespace aside']);
    assert.deepEqual(failed({ code: 201, headers: HEADERS, body: 'HTTP GET Method (Success)' }), ['seed/get-root-empty: status is 200', 'seed/get-root-headers: status is 200 (SHOULD)']);
    assert.deepEqual(failed({ code: 200, headers: HEADERS.filter(([name]) => name !== 'Server'), body: 'HTTP GET Method (Success)' }), ['seed/get-root-headers: Server is <any> (SHOULD)']);
    const badDate = HEADERS.map(([name, value]) => [name, name === 'Date' ? '2026-05-04 10:00' : value] as const);
    assert.deepEqual(failed({ code: 200, headers: badDate, body: 'HTTP GET Method (Success)' }), ['seed/get-root-headers: Date is <http-date> (SHOULD)']);
    const html = HEADERS.map(([name, value]) => [name, name === 'Content-Type' ? 'text/html' : value] as const);
    assert.deepEqual(failed({ code: 200, headers: html, body: 'HTTP GET Method (Success)' }), ["seed/get-root-headers: Content-Type is !re '^text/plain(;\\s*charset=utf-8)?$' (SHOULD)"]);
  });

  it('refuses a step Postman cannot take, naming the feature and the step', () => {
    const root = mkdtempSync(join(tmpdir(), 'wirecheck-export-'));
    try {
      mkdirSync(join(root, 'features/seed'), { recursive: true });
      writeFileSync(join(root, 'features/seed/x.feature'), '@seed\nFeature: x\n  Scenario: y\n    When the "seed/a" request is sent in 1-byte fragments\n');
      assert.throws(() => seedCollection(root), new ExportError('features/seed/x.feature: the step "the "seed/a" request is sent in 1-byte fragments" has no Postman equivalent'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
