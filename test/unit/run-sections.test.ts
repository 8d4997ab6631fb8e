import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { compareSections, maybeSectionRef } from '../../src/findings/rfc-sections.js';
import { renderSectionsHtml, renderSectionsMarkdown, reportLink, rowVerdict, sectionRows } from '../../src/run/sections.js';
import { runOf } from './findings-helpers.js';

const runs = [
  runOf('content-length plus sign', 1, ['@rfc9112', '@rfc9112-6.3', '@must'], 'fail', { why: 'status: expected 400, got 200' }),
  runOf('both lengths', 2, ['@rfc9112', '@rfc9112-6.3', '@must']),
  runOf('empty lines before <the> request', 3, ['@rfc9112', '@rfc9112-2.2', '@should'], 'warn', { why: 'status: expected 200, got 400' }),
  runOf('a timed one', 4, ['@rfc9112', '@rfc9112-2.2', '@must', '@timing'], 'pass', { attempts: 2 }),
  runOf('date', 5, ['@rfc9110', '@rfc9110-6.6.1', '@must']),
  runOf('needs a dedicated server', 6, ['@rfc9112', '@rfc9112-9.5', '@must'], 'n/a', { why: 'the target cannot be configured' }),
  runOf('harness timed out', 7, ['@rfc9112', '@rfc9112-9.5', '@must'], 'error', { why: "no response within the harness's read timeout" }),
  runOf('case 1', 8, ['@seed']),
];
const meta = { target: 'the bundled server', strict: false, generatedAt: new Date('2026-11-25T00:00:00Z'), reportHref: 'conformance.html' };

suite('sections view', () => {
  test('one row per section, RFC 9112 first and in section order, profile rows last', () => {
    const rows = sectionRows(runs);
    assert.deepEqual(rows.map((r) => r.tag), ['@rfc9112-2.2', '@rfc9112-6.3', '@rfc9112-9.5', '@rfc9110-6.6.1', '@seed']);
    const [parsing, body, failures, date, seed] = rows;
    assert.deepEqual(parsing?.counts, { pass: 1, fail: 0, warn: 1, 'n/a': 0, error: 0 });
    assert.equal(parsing?.retried, 1);
    assert.deepEqual(parsing?.levels, ['must', 'should']);
    assert.deepEqual(body?.counts, { pass: 1, fail: 1, warn: 0, 'n/a': 0, error: 0 });
    assert.deepEqual(failures?.counts, { pass: 0, fail: 0, warn: 0, 'n/a': 1, error: 1 });
    assert.equal(rowVerdict(body!), 'fail');
    assert.equal(rowVerdict(parsing!), 'warn');
    assert.equal(rowVerdict(failures!), 'error');
    assert.equal(rowVerdict(date!), 'pass');
    assert.equal(parsing?.title, 'Message Parsing');
    assert.equal(parsing?.url, 'https://www.rfc-editor.org/rfc/rfc9112#section-2.2');
    assert.equal(seed?.label, '@seed');
    assert.equal(seed?.title, "The assignment's documented cases (SPEC §1)");
    assert.equal(seed?.url, undefined);
  });

  test('the worst verdict colours a row: error, fail, warn, pass, then n/a', () => {
    const only = (verdict: 'n/a' | 'pass' | 'error') => sectionRows([runOf('x', 1, ['@rfc9112-7'], verdict)])[0]!;
    assert.equal(rowVerdict(only('n/a')), 'n/a');
    assert.equal(rowVerdict(sectionRows([runOf('x', 1, ['@rfc9112-7'], 'n/a'), runOf('y', 2, ['@rfc9112-7'])])[0]!), 'pass');
    assert.equal(rowVerdict(sectionRows([runOf('x', 1, ['@rfc9112-7'], 'fail'), runOf('y', 2, ['@rfc9112-7'], 'error')])[0]!), 'error');
  });

  test('a scenario citing two sections counts in both rows, once in the totals', () => {
    const both = runOf('framing', 1, ['@rfc9112-6.3', '@rfc9110-8.6', '@must']);
    const rows = sectionRows([both]);
    assert.deepEqual(rows.map((r) => [r.tag, r.scenarios.length]), [['@rfc9112-6.3', 1], ['@rfc9110-8.6', 1]]);
    assert.match(renderSectionsMarkdown(rows, meta), /1 scenarios: 1 passed, 0 failed/);
  });

  test('sections sort numerically, part by part', () => {
    const tags = ['@rfc9112-3.10', '@rfc9110-2.5', '@rfc9112-3.2.1', '@rfc6585-5', '@rfc9112-3', '@rfc9112-3.2'];
    const sorted = tags.map((t) => maybeSectionRef(t)!).sort(compareSections).map((r) => r.tag);
    assert.deepEqual(sorted, ['@rfc9112-3', '@rfc9112-3.2', '@rfc9112-3.2.1', '@rfc9112-3.10', '@rfc9110-2.5', '@rfc6585-5']);
    assert.equal(maybeSectionRef('@rfc9112'), undefined);
    assert.equal(maybeSectionRef('@must'), undefined);
  });

  test('the Markdown twin has the table, links into the Cucumber report, and lists what did not pass', () => {
    const md = renderSectionsMarkdown(sectionRows(runs), meta);
    assert.match(md, /^\| section \| title \| level \| scenarios \| pass \| fail \| warn \| n\/a \| error \| retried \|$/m);
    assert.match(md, /^\| \[RFC 9112 §6\.3\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9112#section-6\.3\) \| Message Body Length \| must \| \[2\]\(conformance\.html\?query=%40rfc9112-6\.3\) \| 1 \| 1 ✗ \| 0 \| 0 \| 0 \| 0 \|$/m);
    assert.match(md, /^\| \[RFC 9112 §2\.2\]\(.*\) \| Message Parsing \| must, should \| \[2\]\(conformance\.html\?query=%40rfc9112-2\.2\) \| 1 \| 0 \| 1 ! \| 0 \| 0 \| 1 ↻ \|$/m);
    assert.match(md, /^\| \[RFC 9112 §9\.5\]\(.*\) \| Failures and Timeouts \| must \| \[2\]\(.*\) \| 0 \| 0 \| 0 \| 1 – \| 1 ⚠ \| 0 \|$/m);
    assert.match(md, /^\| @seed \| The assignment's documented cases \(SPEC §1\) \| must \| \[1\]\(conformance\.html\?query=%40seed\) \|/m);
    assert.match(md, /^- ✗ fail · RFC 9112 §6\.3 · features\/f\.feature:1 content-length plus sign — the response matches x\.yaml: status: expected 400, got 200$/m);
    assert.match(md, /^- ! warn · RFC 9112 §2\.2 · features\/f\.feature:3 /m);
    assert.match(md, /^- – n\/a · RFC 9112 §9\.5 · features\/f\.feature:6 needs a dedicated server — the target cannot be configured$/m);
    assert.match(md, /^- ⚠ error · RFC 9112 §9\.5 · features\/f\.feature:7 harness timed out — no response/m);
    assert.match(md, /Target: the bundled server\. Warnings \(SHOULD-level\) do not fail the run \(STRICT=1 fails them\)\. 8 scenarios: 4 passed, 1 failed, 1 warned, 1 not applicable, 1 harness errors; 1 passed only on retry\./);
    assert.match(renderSectionsMarkdown(sectionRows(runs), { ...meta, strict: true }), /Strict mode: warnings fail the run\. 8 scenarios: 4 passed, 1 failed, 1 warned/);
  });

  test('pipes in a name or a summary do not break the Markdown table', () => {
    const md = renderSectionsMarkdown(sectionRows([runOf('a | b', 1, ['@rfc9112-7'], 'fail', { why: 'x | y' })]), meta);
    assert.match(md, /features\/f\.feature:1 a \\\| b — the response matches x\.yaml: x \\\| y$/m);
  });

  test('the HTML page escapes names and summaries and links each scenario to itself alone, by its tag', () => {
    const html = renderSectionsHtml(sectionRows([...runs, runOf('<b>', 9, ['@rfc9112-7'], 'fail', { why: 'expected <x> & "y"' })]), meta);
    assert.ok(html.includes('empty lines before &lt;the&gt; request'));
    assert.ok(!html.includes('<the>'));
    assert.ok(html.includes('the response matches x.yaml: expected &lt;x&gt; &amp; &quot;y&quot;'));
    assert.ok(!html.includes('<b>'));
    assert.ok(html.includes(`href="${reportLink('conformance.html', '@features/f.feature:4')}"`));
    assert.ok(html.includes('(passed on attempt 2)'));
    assert.match(html, /<tr class="fail"><td><a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc9112#section-6\.3">RFC 9112 §6\.3<\/a>/);
    assert.match(html, /<tr class="error"><td><a href="[^"]*#section-9\.5">RFC 9112 §9\.5<\/a><\/td><td><details open>/);
    assert.match(html, /<tr class="pass"><td><a href="[^"]*#section-6\.6\.1">/);
    assert.match(html, /<li class="v-na">– <a href="conformance\.html\?query=%40features%2Ff\.feature%3A6">needs a dedicated server<\/a> <code>features\/f\.feature:6<\/code> — the target cannot be configured<\/li>/);
    assert.match(html, /<th>pass<\/th><th>fail<\/th><th>warn<\/th><th>n\/a<\/th><th>error<\/th><th>retried<\/th>/);
  });

  test('a row of passes and n/a only stays folded', () => {
    const html = renderSectionsHtml(sectionRows([runOf('x', 1, ['@rfc9112-7'], 'n/a')]), meta);
    assert.match(html, /<tr class="na"><td>.*<details><summary>/);
  });
});
