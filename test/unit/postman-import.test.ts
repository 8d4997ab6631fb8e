import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFixture } from '../../src/fixture/fixture-loader.js';
import { requestBytes } from '../../src/fixture/request-bytes.js';
import { ImportError, importedFiles, parseImport, slug } from '../../src/postman/import.js';
import { parseFeature } from '../../src/rules/features.js';

// A Postman collection or a HAR file read into requests, and the fixtures and feature written
// of them: what is sent, the status expected and where it came from, what is left out and why.

const SERVER = { host: '127.0.0.1', port: 8080 };

function collection(items: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ info: { name: 'My API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items, ...extra });
}

const tests = (...lines: string[]) => [{ listen: 'test', script: { type: 'text/javascript', exec: lines } }];

describe('parseImport, a Postman collection', () => {
  it('sends each request to the run target: its path and query, fields, body and credentials, variables filled in', () => {
    const imported = parseImport(
      collection(
        [
          {
            name: 'Users',
            auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
            item: [
              {
                name: 'Create',
                request: {
                  method: 'post',
                  header: [
                    { key: 'Content-Type', value: 'application/json' },
                    { key: 'X-Off', value: '1', disabled: true },
                    { key: 'Content-Length', value: '99' },
                  ],
                  url: { host: ['{{baseUrl}}'], path: ['users', 'new'], query: [{ key: 'dry', value: 'yes' }, { key: 'off', value: '1', disabled: true }] },
                  body: { mode: 'raw', raw: '{"name": "{{name}}"}' },
                },
              },
              { name: 'Login', request: { method: 'POST', auth: { type: 'basic', basic: [{ key: 'username', value: 'ann' }, { key: 'password', value: 'pw' }] }, url: 'https://api.example.com/login', body: { mode: 'urlencoded', urlencoded: [{ key: 'a b', value: 'c&d' }] } } },
            ],
          },
        ],
        { variable: [{ key: 'token', value: 't0k' }, { key: 'name', value: 'Ann' }] },
      ),
      'my.json',
    );
    assert.equal(imported.title, 'My API');
    assert.deepEqual(imported.skipped, []);
    assert.deepEqual(
      imported.requests.map(({ name, method, target, headers, body }) => ({ name, method, target, headers, body })),
      [
        {
          name: 'Users / Create',
          method: 'POST',
          target: '/users/new?dry=yes',
          headers: [
            ['Host', '{authority}'],
            ['Content-Type', 'application/json'],
            ['Authorization', 'Bearer t0k'],
            ['Content-Length', '{body-length}'],
          ],
          body: '{"name": "Ann"}',
        },
        {
          name: 'Users / Login',
          method: 'POST',
          target: '/login',
          headers: [
            ['Host', '{authority}'],
            ['Content-Type', 'application/x-www-form-urlencoded'],
            ['Authorization', `Basic ${Buffer.from('ann:pw').toString('base64')}`],
            ['Content-Length', '{body-length}'],
          ],
          body: 'a%20b=c%26d',
        },
      ],
    );
  });

  it('expects the status its tests check, else its saved example, else any 2xx', () => {
    const imported = parseImport(
      collection([
        { name: 'a', request: { url: '/a' }, event: tests("pm.test('x', function () { pm.response.to.have.status(201); });") },
        { name: 'b', request: { url: '/b' }, event: tests('pm.expect(pm.response.code).to.equal(404);', 'pm.expect(pm.response.code).to.eql(410);') },
        { name: 'c', request: { url: '/c' }, event: tests('pm.response.to.be.ok;') },
        { name: 'd', request: { url: '/d' }, response: [{ code: 204 }] },
        { name: 'e', request: '{{baseUrl}}/e' },
      ]),
      'my.json',
    );
    assert.deepEqual(
      imported.requests.map((r) => [r.name, r.target, r.statuses, r.statusSource]),
      [
        ['a', '/a', [201], 'its Postman tests check'],
        ['b', '/b', [404, 410], 'its Postman tests check'],
        ['c', '/c', [200], 'its Postman tests check'],
        ['d', '/d', [204], 'its saved example got'],
        ['e', '/e', [], 'nothing in the collection says which'],
      ],
    );
  });

  it('leaves out what it cannot send, saying why, and imports the rest', () => {
    const imported = parseImport(
      collection([
        { name: 'upload', request: { method: 'POST', url: '/u', body: { mode: 'formdata', formdata: [] } } },
        { name: 'unknown', request: { url: '{{baseUrl}}/users/{{id}}' } },
        { name: 'signed', request: { url: '/s', auth: { type: 'awsv4' } } },
        { name: 'header', request: { url: '/h', header: [{ key: 'X-Key', value: '{{key}}' }] } },
        { name: 'fine', request: { url: '/f', header: [{ key: 'Postman-Token', value: '{{$guid}}' }] } },
      ]),
      'my.json',
    );
    assert.deepEqual(imported.skipped, [
      '"upload": its formdata body is not imported (raw and urlencoded are)',
      '"unknown": {{id}} in its URL has no value in the collection\'s variables',
      '"signed": its awsv4 authorization is not imported (bearer and basic are)',
      '"header": {{key}} has no value in the collection\'s variables',
    ]);
    assert.deepEqual(imported.requests.map((r) => r.name), ['fine']);
    assert.match(imported.requests[0]!.headers[1]![1], /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('refuses what is not JSON, a v1 collection and anything else, in one line', () => {
    assert.throws(() => parseImport('{', 'x.json'), (e: unknown) => e instanceof ImportError && /^x\.json is not JSON: /.test(e.message));
    assert.throws(() => parseImport('{"requests": []}', 'x.json'), new ImportError('x.json is a Postman v1 collection: export it from Postman as Collection v2.1'));
    assert.throws(() => parseImport('[]', 'x.json'), new ImportError('x.json is neither a Postman collection (info and item) nor a HAR file (log.entries)'));
  });
});

describe('parseImport, a HAR file', () => {
  const har = JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'Firefox' },
      entries: [
        {
          request: {
            method: 'POST',
            url: 'https://example.com/api/items?x=1',
            httpVersion: 'HTTP/2',
            headers: [
              { name: ':authority', value: 'example.com' },
              { name: 'host', value: 'example.com' },
              { name: 'content-length', value: '7' },
              { name: 'accept', value: '*/*' },
            ],
            postData: { mimeType: 'application/json', text: '{"a":1}' },
          },
          response: { status: 201 },
        },
        { request: { method: 'GET', url: 'https://example.com/blocked', headers: [] }, response: { status: 0 } },
        { request: { method: 'POST', url: 'https://example.com/form', headers: [], postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'q', value: 'a b' }] } }, response: { status: 303 } },
      ],
    },
  });

  it('sends each entry over HTTP/1.1 to the run target, expecting the status it recorded', () => {
    const imported = parseImport(har, 'site.har');
    assert.equal(imported.title, 'HAR from Firefox');
    assert.deepEqual(
      imported.requests.map(({ name, method, target, headers, body, statuses }) => ({ name, method, target, headers, body, statuses })),
      [
        { name: 'POST /api/items?x=1', method: 'POST', target: '/api/items?x=1', headers: [['Host', '{authority}'], ['accept', '*/*'], ['Content-Type', 'application/json'], ['Content-Length', '{body-length}']], body: '{"a":1}', statuses: [201] },
        { name: 'GET /blocked', method: 'GET', target: '/blocked', headers: [['Host', '{authority}']], body: '', statuses: [] },
        { name: 'POST /form', method: 'POST', target: '/form', headers: [['Host', '{authority}'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', '{body-length}']], body: 'q=a%20b', statuses: [303] },
      ],
    );
  });
});

describe('importedFiles', () => {
  const imported = parseImport(
    collection([
      { name: 'Get it', request: { url: '/it' }, event: tests('pm.response.to.have.status(200);') },
      { name: 'Get it', request: { method: 'POST', url: '/it', body: { mode: 'raw', raw: 'line one\nline two\n' } }, event: tests('pm.response.to.have.status(201);', 'pm.response.to.have.status(202);') },
      { name: '!!!', request: { method: 'DELETE', url: '/it' } },
    ]),
    'my.json',
  );
  const files = importedFiles(imported, 'my-area', 'my', 'my.json');

  it('writes a fixture per request, each loading and sending the request it read', () => {
    assert.deepEqual([...files.keys()], ['fixtures/my-area/get-it.yaml', 'fixtures/my-area/get-it-2.yaml', 'fixtures/my-area/delete-it.yaml', 'features/my-area/my.feature']);
    const post = parseFixture(files.get('fixtures/my-area/get-it-2.yaml')!, 'get-it-2.yaml');
    assert.equal(post.why, 'Imported from my.json: "Get it", POST /it, answered 201 or 202: the status its Postman tests check.');
    assert.equal(requestBytes(post.request, SERVER).toString(), 'POST /it HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 18\r\n\r\nline one\nline two\n');
    assert.deepEqual(post.response?.status, { kind: 'status-one-of', alternatives: [{ kind: 'status-code', code: 201 }, { kind: 'status-code', code: 202 }] });
    const deleted = parseFixture(files.get('fixtures/my-area/delete-it.yaml')!, 'delete-it.yaml');
    assert.equal(deleted.why, 'Imported from my.json: "!!!", DELETE /it, any 2xx status: nothing in the collection says which.');
    assert.deepEqual(deleted.response?.status, { kind: 'status-class', digit: 2 });
  });

  it('writes a feature of the profile the area is in, a scenario per request naming its fixture', () => {
    const feature = parseFeature(files.get('features/my-area/my.feature')!, 'features/my-area/my.feature');
    assert.equal(feature.name, 'My API');
    assert.deepEqual(
      feature.scenarios.map((s) => [s.name, s.tags, s.steps.map((step) => step.text)]),
      [
        ['Get it', ['@my-area'], ['the "my-area/get-it" request is sent', 'the response matches the fixture']],
        ['Get it', ['@my-area'], ['the "my-area/get-it-2" request is sent', 'the response matches the fixture']],
        ['!!!', ['@my-area'], ['the "my-area/delete-it" request is sent', 'the response matches the fixture']],
      ],
    );
    assert.match(importedFiles(imported, 'team/api', 'my', 'my.json').get('features/team/api/my.feature')!, /^@team\n/);
  });

  it('names files in lower case, digits and dashes', () => {
    assert.equal(slug('Users / Get one (v2) — ÄÖ'), 'users-get-one-v2');
    assert.equal(slug('x'.repeat(70)), 'x'.repeat(60));
  });
});

describe('the collection of the @seed features, imported back', () => {
  it('has every request, each with the status its tests check (none for the POST a scenario only sets up with)', () => {
    const imported = parseImport(readFileSync('collections/wirecheck.postman_collection.json', 'utf8'), 'wirecheck.postman_collection.json');
    assert.deepEqual(imported.skipped, []);
    assert.ok(imported.requests.length >= 20);
    assert.deepEqual(imported.requests.filter((r) => r.statuses.length !== 1).map((r) => r.name), ['DELETE empties the store (case 5) / POST / (seed/post-root)']);
    assert.deepEqual([...new Set(imported.requests.flatMap((r) => r.statuses))].sort(), [200, 201, 404, 405]);
  });
});
