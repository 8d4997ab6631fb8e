import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import type { ScenarioRun } from '../../src/run/cucumber-messages.js';
import { compareSections, maybeSectionRef } from '../../src/run/rfc-sections.js';
import { renderSectionsHtml, renderSectionsMarkdown, reportLink, rowVerdict, sectionRows } from '../../src/run/sections.js';

function run(name: string, tags: string[], overrides: Partial<ScenarioRun> = {}): ScenarioRun {
  return { name, uri: 'features/f.feature', line: 1, tags, status: 'PASSED', attempts: 1, durationMs: 1, message: undefined, failures: [], ...overrides };
}

const failure = { type: 'ConformanceError', message: 'response differs from x.yaml in status' };
const runs = [
  run('content-length plus sign', ['@rfc9112', '@rfc9112-6.3', '@must'], { status: 'FAILED', failures: [failure], message: failure.message }),
  run('both lengths', ['@rfc9112', '@rfc9112-6.3', '@must']),
  run('empty lines before <the> request', ['@rfc9112', '@rfc9112-2.2', '@should'], { status: 'FAILED', failures: [failure], message: failure.message }),
  run('a timed one', ['@rfc9112', '@rfc9112-2.2', '@must', '@timing'], { attempts: 2 }),
  run('date', ['@rfc9110', '@rfc9110-6.6.1', '@must']),
  run('case 1', ['@seed']),
];
const meta = { target: 'the bundled server', strict: false, generatedAt: new Date('2026-11-25T00:00:00Z'), reportHref: 'conformance.html' };

suite('sections view', () => {
  test('one row per section, RFC 9112 first and in section order, profile rows last', () => {
    const rows = sectionRows(runs, { strict: false });
    assert.deepEqual(rows.map((r) => r.tag), ['@rfc9112-2.2', '@rfc9112-6.3', '@rfc9110-6.6.1', '@seed']);
    const [parsing, body] = rows;
    assert.deepEqual(parsing?.counts, { passed: 1, failed: 0, warned: 1, skipped: 0 });
    assert.equal(parsing?.retried, 1);
    assert.deepEqual(parsing?.levels, ['must', 'should']);
    assert.deepEqual(body?.counts, { passed: 1, failed: 1, warned: 0, skipped: 0 });
    assert.equal(rowVerdict(body!), 'failed');
    assert.equal(rowVerdict(parsing!), 'warned');
    assert.equal(rows[0]?.title, 'Message Parsing');
    assert.equal(rows[0]?.url, 'https://www.rfc-editor.org/rfc/rfc9112#section-2.2');
  });

  test('strict mode turns warnings into failures', () => {
    assert.deepEqual(sectionRows(runs, { strict: true })[0]?.counts, { passed: 1, failed: 1, warned: 0, skipped: 0 });
  });

  test('sections sort numerically, part by part', () => {
    const tags = ['@rfc9112-3.10', '@rfc9110-2.5', '@rfc9112-3.2.1', '@rfc6585-5', '@rfc9112-3', '@rfc9112-3.2'];
    const sorted = tags.map((t) => maybeSectionRef(t)!).sort(compareSections).map((r) => r.tag);
    assert.deepEqual(sorted, ['@rfc9112-3', '@rfc9112-3.2', '@rfc9112-3.2.1', '@rfc9112-3.10', '@rfc9110-2.5', '@rfc6585-5']);
    assert.equal(maybeSectionRef('@rfc9112'), undefined);
    assert.equal(maybeSectionRef('@must'), undefined);
  });

  test('the Markdown twin has the table, links into the Cucumber report, and lists what did not pass', () => {
    const md = renderSectionsMarkdown(sectionRows(runs, { strict: false }), meta);
    assert.match(md, /^\| \[RFC 9112 §6\.3\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9112#section-6\.3\) \| Message Body Length \| must \| \[2\]\(conformance\.html\?query=%40rfc9112-6\.3\) \| 1 \| 1 ✗ \| 0 \| 0 \|$/m);
    assert.match(md, /^- ✗ failed · RFC 9112 §6\.3 · features\/f\.feature:1 content-length plus sign — response differs/m);
    assert.match(md, /^- ! warned · RFC 9112 §2\.2 /m);
    assert.match(md, /6 scenarios: 4 passed, 1 failed, 1 warned, 1 passed only on retry, 0 skipped/);
  });

  test('the HTML page escapes names and links each scenario by name', () => {
    const html = renderSectionsHtml(sectionRows(runs, { strict: false }), meta);
    assert.ok(html.includes('empty lines before &lt;the&gt; request'));
    assert.ok(!html.includes('<the>'));
    assert.ok(html.includes(`href="${reportLink('conformance.html', 'a timed one').replace(/&/g, '&amp;')}"`));
    assert.ok(html.includes('(passed on attempt 2)'));
    assert.match(html, /<tr class="failed"><td><a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc9112#section-6\.3">RFC 9112 §6\.3<\/a>/);
  });
});
