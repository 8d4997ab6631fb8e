import type { ScenarioRun } from './cucumber-messages.js';
import { compareSections, maybeSectionRef, maybeSectionTitle, sectionLabel, sectionUrl, type SectionRef } from './rfc-sections.js';
import { MUST_TAG, SHOULD_TAG, verdictOf, type Verdict, type VerdictOptions } from './verdict.js';
import { escapeHtml } from './html-escape.js';

/**
 * The per-section view of a run: one row per RFC section the scenarios cite, with how many of
 * its scenarios passed, failed, warned (SHOULD-level) or passed only on retry against the
 * target, each linking to its scenarios in the Cucumber report. Scenarios that cite no section
 * (the @seed profile) get one row per profile tag.
 */

export interface SectionScenario {
  readonly run: ScenarioRun;
  readonly verdict: Verdict;
}

export interface SectionRow {
  /** The tag that selects the row's scenarios: `@rfc9112-6.3`, or a profile tag like `@seed`. */
  readonly tag: string;
  /** `RFC 9112 §6.3`, or the profile tag. */
  readonly label: string;
  readonly title: string | undefined;
  /** The RFC text, for section rows. */
  readonly url: string | undefined;
  /** `must`, `should`, both, or none, from the scenarios' level tags. */
  readonly levels: readonly string[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly retried: number;
  readonly scenarios: readonly SectionScenario[];
}

export interface SectionsMeta {
  /** `the bundled server` or `host:port`. */
  readonly target: string;
  readonly strict: boolean;
  readonly generatedAt: Date;
  /** The Cucumber HTML report, relative to the sections view (they sit side by side). */
  readonly reportHref: string;
}

const UNSECTIONED = '(no section tag)';

/** Groups scenarios into rows, sections in RFC order first, then profile rows. */
export function sectionRows(runs: readonly ScenarioRun[], options: VerdictOptions): SectionRow[] {
  const sections = new Map<string, { ref: SectionRef; scenarios: SectionScenario[] }>();
  const profiles = new Map<string, SectionScenario[]>();
  for (const run of runs) {
    const scenario = { run, verdict: verdictOf(run, options) };
    const refs = run.tags.map(maybeSectionRef).filter((ref) => ref !== undefined);
    for (const ref of refs) {
      const entry = sections.get(ref.tag) ?? { ref, scenarios: [] };
      entry.scenarios.push(scenario);
      sections.set(ref.tag, entry);
    }
    if (refs.length === 0) {
      const profile = run.tags[0] ?? UNSECTIONED;
      profiles.set(profile, [...(profiles.get(profile) ?? []), scenario]);
    }
  }
  const sectionList = [...sections.values()].sort((a, b) => compareSections(a.ref, b.ref));
  return [
    ...sectionList.map(({ ref, scenarios }) => row(ref.tag, sectionLabel(ref), maybeSectionTitle(ref), sectionUrl(ref), scenarios)),
    ...[...profiles.entries()].map(([tag, scenarios]) => row(tag, tag, tag === '@seed' ? "The assignment's documented cases (SPEC §1)" : undefined, undefined, scenarios)),
  ];
}

function row(tag: string, label: string, title: string | undefined, url: string | undefined, scenarios: SectionScenario[]): SectionRow {
  const counts: Record<Verdict, number> = { passed: 0, failed: 0, warned: 0, skipped: 0 };
  for (const { verdict } of scenarios) counts[verdict]++;
  const levels = [MUST_TAG, SHOULD_TAG].filter((level) => scenarios.some(({ run }) => run.tags.includes(level))).map((level) => level.slice(1));
  const retried = scenarios.filter(({ run }) => run.attempts > 1 && run.status === 'PASSED').length;
  return { tag, label, title, url, levels, counts, retried, scenarios };
}

/** The worst verdict of a row, which colours it. */
export function rowVerdict(row: SectionRow): Verdict {
  if (row.counts.failed > 0) return 'failed';
  if (row.counts.warned > 0) return 'warned';
  if (row.counts.passed > 0) return 'passed';
  return 'skipped';
}

/** A link into Cucumber's HTML report, which filters on its `query` parameter (a tag expression or text). */
export function reportLink(reportHref: string, query: string): string {
  return `${reportHref}?query=${encodeURIComponent(query)}`;
}

function totals(rows: readonly SectionRow[]): string {
  const runs = new Map<ScenarioRun, Verdict>();
  for (const r of rows) for (const s of r.scenarios) runs.set(s.run, s.verdict);
  const count = (v: Verdict): number => [...runs.values()].filter((x) => x === v).length;
  const retried = [...runs.keys()].filter((run) => run.attempts > 1 && run.status === 'PASSED').length;
  return `${runs.size} scenarios: ${count('passed')} passed, ${count('failed')} failed, ${count('warned')} warned, ${retried} passed only on retry, ${count('skipped')} skipped`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The view as a Markdown table, for terminals and CI logs; scenarios that did not pass are listed under it. */
export function renderSectionsMarkdown(rows: readonly SectionRow[], meta: SectionsMeta): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    `# Conformance by RFC section`,
    '',
    `Target: ${meta.target}. ${meta.strict ? 'Strict mode: SHOULD-level failures fail the run.' : 'SHOULD-level failures are warnings (STRICT=1 fails them).'} ${totals(rows)}.`,
    '',
    '| section | title | level | scenarios | passed | failed | warned | retried |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const label = r.url === undefined ? r.label : `[${r.label}](${r.url})`;
    lines.push(
      `| ${label} | ${cell(r.title ?? '')} | ${r.levels.join(', ')} | [${r.scenarios.length}](${reportLink(meta.reportHref, r.tag)}) | ${r.counts.passed} | ${mark(r.counts.failed, '✗')} | ${mark(r.counts.warned, '!')} | ${mark(r.retried, '↻')} |`,
    );
  }
  const notPassing = rows.flatMap((r) => r.scenarios.filter((s) => s.verdict === 'failed' || s.verdict === 'warned').map((s) => ({ row: r, ...s })));
  if (notPassing.length > 0) {
    lines.push('', '## Not passing', '');
    for (const { row: r, run, verdict } of notPassing) {
      lines.push(`- ${verdict === 'failed' ? '✗ failed' : '! warned'} · ${r.label} · ${run.uri}:${run.line} ${cell(run.name)}${run.message === undefined ? '' : ` — ${run.message}`}`);
    }
  }
  return `${lines.join('\n')}\n\n_Generated ${meta.generatedAt.toISOString()}; the links open the scenarios in ${meta.reportHref}._\n`;
}

function mark(count: number, symbol: string): string {
  return count === 0 ? '0' : `${count} ${symbol}`;
}

// ---------------------------------------------------------------------------------------------
// HTML

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
h1 { font-size: 1.4rem; margin-bottom: .25rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid #e3e6ec; text-align: left; vertical-align: top; }
th { background: #f4f6fa; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td:first-child { border-left: 4px solid #c62828; }
tr.warned td:first-child { border-left: 4px solid #e6a100; }
tr.passed td:first-child { border-left: 4px solid #2e7d32; }
tr.skipped td:first-child { border-left: 4px solid #9e9e9e; }
td.failed-count { color: #c62828; font-weight: 600; }
td.warned-count { color: #a66f00; font-weight: 600; }
details summary { cursor: pointer; }
ul.scenarios { margin: .3rem 0 0; padding-left: 1.1rem; }
ul.scenarios li { margin: .1rem 0; }
.v-passed { color: #2e7d32; } .v-failed { color: #c62828; } .v-warned { color: #a66f00; } .v-skipped { color: #777; }
code { font-size: 12px; color: #555; }
`;

const VERDICT_MARK: Readonly<Record<Verdict, string>> = { passed: '✓', failed: '✗', warned: '!', skipped: '–' };

/** The view as one self-contained HTML page next to the Cucumber report. */
export function renderSectionsHtml(rows: readonly SectionRow[], meta: SectionsMeta): string {
  const body = rows.map((r) => htmlRow(r, meta.reportHref)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wirecheck — conformance by RFC section</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Conformance by RFC section</h1>
<p class="meta">Target: ${escapeHtml(meta.target)} · ${meta.strict ? 'strict mode: SHOULD-level failures fail the run' : 'SHOULD-level failures are warnings (STRICT=1 fails them)'} · ${escapeHtml(totals(rows))} · generated ${escapeHtml(meta.generatedAt.toISOString())} · <a href="${escapeHtml(meta.reportHref)}">the full Cucumber report</a></p>
<table>
<thead><tr><th>section</th><th>title and scenarios</th><th>level</th><th>passed</th><th>failed</th><th>warned</th><th>retried</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}

function htmlRow(r: SectionRow, reportHref: string): string {
  const label = r.url === undefined ? escapeHtml(r.label) : `<a href="${escapeHtml(r.url)}">${escapeHtml(r.label)}</a>`;
  const items = r.scenarios
    .map(({ run, verdict }) => {
      const retried = run.attempts > 1 && run.status === 'PASSED' ? ` (passed on attempt ${run.attempts})` : '';
      const why = run.message === undefined || verdict === 'passed' ? '' : ` — ${escapeHtml(run.message)}`;
      return `<li class="v-${verdict}">${VERDICT_MARK[verdict]} <a href="${escapeHtml(reportLink(reportHref, run.name))}">${escapeHtml(run.name)}</a>${retried} <code>${escapeHtml(run.uri)}:${run.line}</code>${why}</li>`;
    })
    .join('');
  const open = rowVerdict(r) === 'failed' || rowVerdict(r) === 'warned' ? ' open' : '';
  const summary = `${escapeHtml(r.title ?? '')} <a href="${escapeHtml(reportLink(reportHref, r.tag))}">${r.scenarios.length} scenario${r.scenarios.length === 1 ? '' : 's'}</a>`;
  return `<tr class="${rowVerdict(r)}"><td>${label}</td><td><details${open}><summary>${summary}</summary><ul class="scenarios">${items}</ul></details></td><td>${r.levels.join(', ')}</td><td class="n">${r.counts.passed}</td><td class="n${r.counts.failed > 0 ? ' failed-count' : ''}">${r.counts.failed}</td><td class="n${r.counts.warned > 0 ? ' warned-count' : ''}">${r.counts.warned}</td><td class="n">${r.retried}</td></tr>`;
}
