import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import type { RunRecord } from '../../src/run/cucumber-messages.js';
import { judgeRun } from '../../src/run/judgement.js';
import { renderJunit } from '../../src/run/junit.js';
import { runOf } from './findings-helpers.js';

/** An element of the report: just enough XML to read what renderJunit writes, and to insist it is well formed. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string =>
  text.replace(/&(\w+);/g, (whole, name: string) => {
    const value = ENTITIES[name];
    assert.ok(value !== undefined, `unknown entity ${whole}`);
    return value;
  });

/** Parses the document (after its declaration), failing on any unbalanced tag or raw `<`/`&`. */
function parseXml(xml: string): XmlElement {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const body = xml.slice(xml.indexOf('\n') + 1);
  token.lastIndex = 0;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const m = token.exec(body);
    assert.ok(m !== null, `not XML at ${at}: ${JSON.stringify(body.slice(at, at + 40))}`);
    const [, closing, name, attrs, selfClosing, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(text), `a raw & in ${JSON.stringify(text)}`);
      top.text += decode(text);
    } else if (closing === '/') {
      assert.equal(top.name, name, `</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attrs!.matchAll(/([\w-]+)="([^"]*)"/g)) attributes[key!] = decode(value!);
      const element: XmlElement = { name: name!, attributes, children: [], text: '' };
      top.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)?.name}>`);
  assert.equal(root.children.length, 1);
  return root.children[0]!;
}

const child = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((c) => c.name === name);
const properties = (element: XmlElement): Record<string, string> => Object.fromEntries((child(element, 'properties')?.children ?? []).map((p) => [p.attributes.name!, p.attributes.value!]));

const must = ['@rfc9112', '@rfc9112-6.3', '@must'];
const should = ['@rfc9112', '@rfc9112-9.6', '@should'];
const scenarios = [
  runOf('passes', 1, must, 'pass', { durationMs: 12 }),
  runOf('passes again', 2, must, 'pass', { attempts: 2, durationMs: 30 }),
  runOf('breaks a MUST', 3, must, 'fail', { why: 'status: expected 400, got 200' }),
  runOf('misses a SHOULD', 4, should, 'warn', { why: 'header Connection: expected close, got <absent>' }),
  runOf('cannot be judged', 5, must, 'n/a', { why: 'the target cannot be configured' }),
  runOf('harness gave up', 6, must, 'error', { why: "no response within the harness's read timeout" }),
];
const record: RunRecord = { scenarios, runProblems: [], finished: true };
const meta = { target: 'the bundled server', timestamp: new Date('2026-11-25T00:00:00Z') };

suite('the JUnit report', () => {
  const judgement = judgeRun(record, false);
  const suiteElement = parseXml(renderJunit(scenarios, judgement, meta));
  const cases = suiteElement.children.filter((c) => c.name === 'testcase');
  const byName = (name: string): XmlElement => cases.find((c) => c.attributes.name === name)!;

  test("the suite's totals are judgeRun's counts, all five verdicts", () => {
    assert.equal(suiteElement.name, 'testsuite');
    const { tests, failures, errors, skipped } = suiteElement.attributes;
    assert.deepEqual({ tests, failures, errors, skipped }, { tests: '6', failures: String(judgement.counts.fail), errors: String(judgement.counts.error), skipped: String(judgement.counts['n/a']) });
    assert.deepEqual([tests, failures, errors, skipped], ['6', '1', '1', '1']);
    const props = properties(suiteElement);
    assert.equal(props.warnings, String(judgement.counts.warn));
    assert.equal(props.passed, String(judgement.counts.pass));
    assert.equal(props.target, 'the bundled server');
    assert.equal(suiteElement.attributes.timestamp, '2026-11-25T00:00:00.000Z');
    assert.equal(suiteElement.attributes.time, '0.046');
  });

  test('the per-testcase elements add up to the same totals', () => {
    assert.equal(cases.length, Number(suiteElement.attributes.tests));
    const count = (name: string): number => cases.filter((c) => child(c, name) !== undefined).length;
    assert.equal(count('failure'), judgement.counts.fail);
    assert.equal(count('error'), judgement.counts.error);
    assert.equal(count('skipped'), judgement.counts['n/a']);
    assert.equal(cases.filter((c) => properties(c).verdict === 'warn').length, judgement.counts.warn);
    assert.equal(cases.filter((c) => properties(c).verdict === 'pass').length, judgement.counts.pass);
  });

  test('strict mode changes no count in the report', () => {
    assert.deepEqual(parseXml(renderJunit(scenarios, judgeRun(record, true), meta)), suiteElement);
  });

  test('a pass has its properties and nothing else', () => {
    const pass = byName('passes again');
    assert.deepEqual(properties(pass), { verdict: 'pass', level: 'must', rule: 'RFC 9112 §6.3', attempts: '2' });
    assert.deepEqual(pass.children.map((c) => c.name), ['properties']);
    assert.deepEqual(pass.attributes, { classname: 'features.f', name: 'passes again', time: '0.030', file: 'features/f.feature', line: '2' });
  });

  test('a fail is a <failure> with its summary, its level, and the broken checks and evidence', () => {
    const failure = child(byName('breaks a MUST'), 'failure')!;
    assert.equal(failure.attributes.message, 'the response matches x.yaml: status: expected 400, got 200');
    assert.equal(failure.attributes.type, 'MUST-level');
    assert.equal(failure.text, 'must: the response matches x.yaml — status: expected 400, got 200\nfixture x.yaml → 200 OK');
  });

  test('a warn is no <failure> and not skipped: a passed testcase with a warn verdict and the warning in <system-out>', () => {
    const warn = byName('misses a SHOULD');
    assert.deepEqual(warn.children.map((c) => c.name), ['properties', 'system-out']);
    assert.equal(properties(warn).verdict, 'warn');
    assert.equal(properties(warn).level, 'should');
    assert.equal(child(warn, 'system-out')!.text, 'warning (SHOULD-level): the response matches x.yaml: header Connection: expected close, got <absent>\nshould: the response matches x.yaml — header Connection: expected close, got <absent>\nfixture x.yaml → 200 OK');
  });

  test('an n/a is <skipped message=…> with its reason', () => {
    const na = byName('cannot be judged');
    assert.deepEqual(na.children.map((c) => c.name), ['properties', 'skipped']);
    assert.equal(child(na, 'skipped')!.attributes.message, 'not applicable: the target cannot be configured');
  });

  test("an error is <error>, the harness's", () => {
    const error = child(byName('harness gave up'), 'error')!;
    assert.equal(error.attributes.type, 'harness');
    assert.equal(error.attributes.message, "no response within the harness's read timeout");
  });

  test('names, summaries and evidence are escaped; control characters and lone surrogates become U+FFFD', () => {
    const nasty = { ...runOf('a <b> & "c"', 7, must, 'fail', { why: 'body: expected "<x>", got "a&b"' }), uri: 'features/q&a.feature' };
    const withControl = { ...nasty, name: `bell\u0007 and \ud800 lone, 😀 paired`, line: 8, finding: { ...nasty.finding, evidence: ['raw\u0000 → 200 OK', 'tab\tand\nnewline'] } };
    const xml = renderJunit([nasty, withControl], judgeRun({ scenarios: [nasty, withControl], runProblems: [], finished: true }, false), { ...meta, target: 'host<1>:80' });
    assert.ok(!xml.includes('<b>'));
    assert.ok(!/[\u0000\u0007]/.test(xml));
    const parsed = parseXml(xml);
    const [first, second] = parsed.children.filter((c) => c.name === 'testcase');
    assert.equal(first?.attributes.name, 'a <b> & "c"');
    assert.equal(first?.attributes.file, 'features/q&a.feature');
    assert.equal(first?.attributes.classname, 'features.q&a');
    assert.equal(child(first!, 'failure')?.attributes.message, 'the response matches x.yaml: body: expected "<x>", got "a&b"');
    assert.equal(second?.attributes.name, 'bell\ufffd and \ufffd lone, 😀 paired');
    assert.match(child(second!, 'failure')!.text, /raw\ufffd → 200 OK\ntab\tand\nnewline$/);
    assert.equal(properties(parsed).target, 'host<1>:80');
  });
});
