import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe as suite, test } from 'node:test';
import { judge } from '../../src/findings/judge.js';
import { VERDICTS } from '../../src/findings/verdict.js';
import type { RunRecord } from '../../src/run/cucumber-messages.js';
import { judgeRun } from '../../src/run/judgement.js';
import { renderSummaryJson, SUMMARY_SCHEMA, type SummaryMeta } from '../../src/run/summary-json.js';
import { runOf } from './findings-helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const META: SummaryMeta = {
  target: { address: '127.0.0.1:8080', host: '127.0.0.1', port: 8080, description: 'GET / 200; no echo' },
  tags: '@seed or @rfc9112',
  strict: false,
  wallMs: 1234,
  generatedAt: new Date('2026-05-04T10:00:00Z'),
};

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array of string' | 'array of object';

/** The schema as docs/summary-json.md writes it: each field's path (`scenarios[].fixture.line`) and the types it may have. */
function documentedSchema(): Map<string, JsonType[]> {
  const doc = readFileSync(join(ROOT, 'docs/summary-json.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| field | type |'));
  const schema = new Map<string, JsonType[]>();
  for (const [, path, types] of table.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)) schema.set(path!, types!.split(',').map((t) => t.trim() as JsonType));
  assert.ok(schema.size > 20, 'the field table is found');
  return schema;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') && value.length > 0 ? 'array of string' : 'array of object';
  return typeof value as JsonType;
}

/**
 * Every field of `value` is documented with its type, and every documented field is present:
 * the path of an array's items is `name[]`; an empty array matches either array type, and the
 * fields under a null object are not looked for.
 */
function conforms(value: unknown, schema: ReadonlyMap<string, readonly JsonType[]>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    const types = schema.get(path);
    if (types === undefined) return void problems.push(`${path}: not documented`);
    seen.add(path);
    const type = typeOf(node);
    const emptyArray = Array.isArray(node) && node.length === 0 && types.some((t) => t.startsWith('array'));
    if (!types.includes(type) && !emptyArray) problems.push(`${path}: ${type}, documented as ${types.join(' or ')}`);
    if (Array.isArray(node)) for (const item of node) if (typeof item === 'object') walkObject(item, `${path}[]`);
    if (type === 'object') walkObject(node, path);
  };
  const walkObject = (node: unknown, path: string): void => {
    for (const [key, child] of Object.entries(node as object)) walk(child, path === '' ? key : `${path}.${key}`);
    for (const documented of schema.keys()) {
      const parent = documented.slice(0, Math.max(0, documented.lastIndexOf('.')));
      if (parent === path && !(documented.slice(parent === '' ? 0 : parent.length + 1) in (node as object))) problems.push(`${documented}: documented, absent`);
    }
  };
  walkObject(value, '');
  if (problems.length === 0) for (const path of schema.keys()) if (!seen.has(path)) problems.push(`${path}: never seen in this summary`);
  return problems;
}

/** A line of a fixture file that starts with `prefix`, 1-based. */
function lineOf(file: string, prefix: string): number {
  const index = readFileSync(join(ROOT, file), 'utf8').split('\n').findIndex((line) => line.trimStart().startsWith(prefix));
  assert.ok(index >= 0, `${prefix} in ${file}`);
  return index + 1;
}

/** One scenario of every verdict, and the three ways a fixture's place is known. */
function record(): RunRecord {
  const mismatch = judge({
    level: 'must',
    rule: 'RFC 9112 §3.2',
    checks: [
      { label: 'the connection stays open', level: 'must', passed: true },
      { label: 'the response matches fixtures/seed/put-root.yaml', level: 'must', passed: false, difference: 'status: expected 405, got 200 (+1 more)' },
    ],
    evidence: ['fixtures/seed/put-root.yaml → 200 OK'],
  });
  const badFixture = judge({ level: 'must', rule: '@seed', checks: [], evidence: [], harnessError: 'fixtures/seed/nope.yaml:7:3: unknown key "methd"' });
  const oneExchange = judge({ level: 'must', rule: 'RFC 9112 §9.6', checks: [{ label: 'the server closes the connection', level: 'must', passed: false, difference: 'still open after 500 ms' }], evidence: ['fixtures/seed/get-root.yaml → 200 OK'] });
  const twoExchanges = judge({ level: 'must', rule: 'RFC 9112 §9.3', checks: [{ label: 'the 2 pipelined responses match their fixtures, in order', level: 'must', passed: true }], evidence: ['fixtures/a.yaml → 200 OK', 'fixtures/b.yaml → 200 OK'] });
  return {
    scenarios: [
      ...VERDICTS.map((verdict, i) => runOf(`a ${verdict}`, 10 + i, ['@rfc9112', '@rfc9112-3.2', verdict === 'warn' ? '@should' : '@must'], verdict)),
      runOf('a mismatch', 30, ['@rfc9112-3.2'], 'fail', { finding: mismatch, attempts: 2, durationMs: 12.6 }),
      runOf('a bad fixture', 31, ['@seed'], 'error', { finding: badFixture }),
      runOf('one exchange', 32, ['@rfc9112-9.6'], 'fail', { finding: oneExchange }),
      runOf('two exchanges', 33, ['@rfc9112-9.3'], 'pass', { finding: twoExchanges }),
    ],
    runProblems: ['a run hook failed: boom'],
    finished: true,
  };
}

function summary(strict = false): Record<string, any> {
  const run = record();
  return JSON.parse(renderSummaryJson(run, judgeRun(run, strict), { ...META, strict }, ROOT));
}

suite('summary.json', () => {
  test('matches the schema docs/summary-json.md documents, field by field and type by type', () => {
    assert.deepEqual(conforms(summary(), documentedSchema()), []);
  });

  test('the check can fail: an undocumented field, a wrong type, a documented field absent', () => {
    const schema = documentedSchema();
    const value = summary();
    value.extra = 1;
    value.wallMs = '1234';
    delete value.target.description;
    assert.deepEqual(conforms(value, schema).sort(), ['extra: not documented', 'target.description: documented, absent', 'wallMs: string, documented as number']);
  });

  test('names its schema, the target, the run and the counts the judgement made', () => {
    const value = summary();
    assert.equal(value.schema, SUMMARY_SCHEMA);
    assert.match(readFileSync(join(ROOT, 'docs/summary-json.md'), 'utf8'), new RegExp(`\`schema\` \\| string \\| \`${SUMMARY_SCHEMA}\``));
    assert.deepEqual(value.target, META.target);
    assert.equal(value.tags, META.tags);
    assert.equal(value.generatedAt, '2026-05-04T10:00:00.000Z');
    assert.equal(value.wallMs, 1234);
    assert.deepEqual(value.runProblems, ['a run hook failed: boom']);
    assert.deepEqual(value.counts, { pass: 2, fail: 3, warn: 1, 'n/a': 1, error: 2 });
    assert.equal(value.exitCode, 1);
    assert.equal(value.scenarios.length, 9);
  });

  test('each scenario: where, its verdict, level, rule, difference and summary (null on pass)', () => {
    const [pass, fail, warn, na] = summary().scenarios;
    assert.deepEqual(
      { uri: pass.uri, line: pass.line, name: pass.name, verdict: pass.verdict, level: pass.level, rule: pass.rule, difference: pass.difference, summary: pass.summary },
      { uri: 'features/f.feature', line: 10, name: 'a pass', verdict: 'pass', level: 'must', rule: 'RFC 9112 §3.2', difference: null, summary: null },
    );
    assert.equal(fail.difference, 'why it is fail');
    assert.equal(fail.summary, 'the response matches x.yaml: why it is fail');
    assert.deepEqual([warn.verdict, warn.level], ['warn', 'should']);
    assert.deepEqual([na.verdict, na.summary], ['n/a', 'why it is n/a']);
  });

  test("the fixture: the field that differed, by its line; a fixture error's line; the only fixture exchanged; none among several", () => {
    const byName = new Map<string, Record<string, any>>(summary().scenarios.map((s: Record<string, any>) => [s.name, s]));
    const mismatch = byName.get('a mismatch')!;
    assert.deepEqual(mismatch.fixture, { file: 'fixtures/seed/put-root.yaml', line: lineOf('fixtures/seed/put-root.yaml', 'status:') });
    assert.deepEqual([mismatch.attempts, mismatch.durationMs], [2, 13]);
    assert.deepEqual(byName.get('a bad fixture')!.fixture, { file: 'fixtures/seed/nope.yaml', line: 7 });
    assert.deepEqual(byName.get('one exchange')!.fixture, { file: 'fixtures/seed/get-root.yaml', line: null });
    assert.equal(byName.get('two exchanges')!.fixture, null);
  });

  test('strict mode is recorded, and a warning then fails the run', () => {
    const run: RunRecord = { scenarios: [runOf('w', 1, ['@should'], 'warn')], runProblems: [], finished: true };
    const strict = JSON.parse(renderSummaryJson(run, judgeRun(run, true), { ...META, strict: true }, ROOT));
    const lenient = JSON.parse(renderSummaryJson(run, judgeRun(run, false), META, ROOT));
    assert.deepEqual([strict.strict, strict.exitCode, lenient.strict, lenient.exitCode], [true, 1, false, 0]);
  });
});
