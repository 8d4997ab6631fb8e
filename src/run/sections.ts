import { compareSections, maybeSectionRef, maybeSectionTitle, sectionLabel, sectionUrl, type SectionRef } from '../findings/rfc-sections.js';
import { countVerdicts, VERDICTS, type Verdict, type VerdictCounts } from '../findings/verdict.js';
import { scenarioTag, type ScenarioRun } from './cucumber-messages.js';
import { escapeHtml, htmlPage } from './html.js';
import { countsLine, verdictClass, VERDICT_MARK } from './verdict-view.js';

/**
 * The per-section view of a run: one row per RFC section the scenarios cite, with how many of
 * its scenarios got each verdict (their findings') or passed only on retry against the target,
 * each linking to its scenarios in the Cucumber report, and each scenario to itself there. Scenarios that cite no section
 * (the @seed profile) get one row per profile tag.
 */

export interface SectionRow {
  /** The tag that selects the row's scenarios: `@rfc9112-6.3`, or a profile tag like `@seed`. */
  readonly tag: string;
  /** `RFC 9112 §6.3`, or the profile tag. */
  readonly label: string;
  readonly title: string | undefined;
  /** The RFC text, for section rows. */
  readonly url: string | undefined;
  /** The levels of its scenarios' findings: `must`, `should`, both. */
  readonly levels: readonly string[];
  readonly counts: VerdictCounts;
  readonly retried: number;
  readonly scenarios: readonly ScenarioRun[];
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
export function sectionRows(runs: readonly ScenarioRun[]): SectionRow[] {
  const sections = new Map<string, { ref: SectionRef; scenarios: ScenarioRun[] }>();
  const profiles = new Map<string, ScenarioRun[]>();
  for (const run of runs) {
        const refs = run.tags.map(maybeSectionRef).filter((ref) => ref !== undefined);
    for (const ref of refs) {
      const entry = sections.get(ref.tag) ?? { ref, scenarios: [] };
      entry.scenarios.push(run);
      sections.set(ref.tag, entry);
    }
    if (refs.length === 0) {
      const profile = run.tags[0] ?? UNSECTIONED;
      profiles.set(profile, [...(profiles.get(profile) ?? []), run]);
    }
  }
  const sectionList = [...sections.values()].sort((a, b) => compareSections(a.ref, b.ref));
  return [
    ...sectionList.map(({ ref, scenarios }) => row(ref.tag, sectionLabel(ref), maybeSectionTitle(ref), sectionUrl(ref), scenarios)),
    ...[...profiles.entries()].map(([tag, scenarios]) => row(tag, tag, tag === '@seed' ? "The assignment's documented cases (SPEC §1)" : undefined, undefined, scenarios)),
  ];
}

function row(tag: string, label: string, title: string | undefined, url: string | undefined, scenarios: ScenarioRun[]): SectionRow {
  const counts = countVerdicts(scenarios.map((run) => run.finding.verdict));
  const levels = [...new Set(scenarios.map((run) => run.finding.level))].sort();
  const retried = scenarios.filter((run) => run.attempts > 1 && run.finding.verdict === 'pass').length;
  return { tag, label, title, url, levels, counts, retried, scenarios };
}

/** The worst verdict of a row, which colours it. */
export function rowVerdict(row: SectionRow): Verdict {
  return WORST_FIRST.find((verdict) => row.counts[verdict] > 0) ?? 'n/a';
}

const WORST_FIRST: readonly Verdict[] = ['error', 'fail', 'warn', 'pass', 'n/a'];

/**
 * A link into Cucumber's HTML report, which filters on its `query` parameter: a tag expression
 * exactly, text loosely. A section's tag selects its scenarios, `scenarioTag` one scenario.
 */
export function reportLink(reportHref: string, query: string): string {
  return `${reportHref}?query=${encodeURIComponent(query)}`;
}

function totals(rows: readonly SectionRow[]): string {
  const runs = new Set(rows.flatMap((r) => r.scenarios));
  const retried = [...runs].filter((run) => run.attempts > 1 && run.finding.verdict === 'pass').length;
  return `${runs.size} scenarios: ${countsLine(countVerdicts([...runs].map((run) => run.finding.verdict)))}; ${retried} passed only on retry`;
}

function strictnessNote(strict: boolean): string {
  return strict ? 'Strict mode: warnings fail the run.' : 'Warnings (SHOULD-level) do not fail the run (STRICT=1 fails them).';
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The view as a Markdown table, for terminals and CI logs; scenarios that did not pass are listed under it. */
export function renderSectionsMarkdown(rows: readonly SectionRow[], meta: SectionsMeta): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    `# Conformance by RFC section`,
    '',
    `Target: ${meta.target}. ${strictnessNote(meta.strict)} ${totals(rows)}.`,
    '',
    `| section | title | level | scenarios | ${VERDICTS.join(' | ')} | retried |`,
    `|---|---|---|---:|${VERDICTS.map(() => '---:|').join('')}---:|`,
  ];
  for (const r of rows) {
    const label = r.url === undefined ? r.label : `[${r.label}](${r.url})`;
    const counts = VERDICTS.map((verdict) => (verdict === 'pass' ? String(r.counts.pass) : mark(r.counts[verdict], VERDICT_MARK[verdict])));
    lines.push(`| ${label} | ${cell(r.title ?? '')} | ${r.levels.join(', ')} | [${r.scenarios.length}](${reportLink(meta.reportHref, r.tag)}) | ${counts.join(' | ')} | ${mark(r.retried, '↻')} |`);
  }
  const notPassing = rows.flatMap((r) => r.scenarios.filter((run) => run.finding.verdict !== 'pass').map((run) => ({ row: r, run })));
  if (notPassing.length > 0) {
    lines.push('', '## Not passing', '');
    for (const { row: r, run } of notPassing) {
      const { verdict, summary } = run.finding;
      lines.push(`- ${VERDICT_MARK[verdict]} ${verdict} · ${r.label} · ${run.uri}:${run.line} ${cell(run.name)}${summary === undefined ? '' : ` — ${cell(summary)}`}`);
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
tr.fail td:first-child, tr.error td:first-child { border-left: 4px solid #c62828; }
tr.warn td:first-child { border-left: 4px solid #e6a100; }
tr.pass td:first-child { border-left: 4px solid #2e7d32; }
tr.na td:first-child { border-left: 4px solid #9e9e9e; }
td.count-fail, td.count-error { color: #c62828; font-weight: 600; }
td.count-warn { color: #a66f00; font-weight: 600; }
details summary { cursor: pointer; }
ul.scenarios { margin: .3rem 0 0; padding-left: 1.1rem; }
ul.scenarios li { margin: .1rem 0; }
.v-pass { color: #2e7d32; } .v-fail, .v-error { color: #c62828; } .v-warn { color: #a66f00; } .v-na { color: #777; }
code { font-size: 12px; color: #555; }
`;

/** The view as one self-contained HTML page next to the Cucumber report. */
export function renderSectionsHtml(rows: readonly SectionRow[], meta: SectionsMeta): string {
  const body = rows.map((r) => htmlRow(r, meta.reportHref)).join('\n');
  return htmlPage('wirecheck — conformance by RFC section', STYLE, `<h1>Conformance by RFC section</h1>
<p class="meta">Target: ${escapeHtml(meta.target)} · ${escapeHtml(strictnessNote(meta.strict))} · ${escapeHtml(totals(rows))} · generated ${escapeHtml(meta.generatedAt.toISOString())} · <a href="${escapeHtml(meta.reportHref)}">the full Cucumber report</a></p>
<table>
<thead><tr><th>section</th><th>title and scenarios</th><th>level</th>${VERDICTS.map((verdict) => `<th>${verdict}</th>`).join('')}<th>retried</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`);
}

function htmlRow(r: SectionRow, reportHref: string): string {
  const label = r.url === undefined ? escapeHtml(r.label) : `<a href="${escapeHtml(r.url)}">${escapeHtml(r.label)}</a>`;
  const items = r.scenarios
    .map((run) => {
      const { verdict, summary } = run.finding;
      const retried = run.attempts > 1 && verdict === 'pass' ? ` (passed on attempt ${run.attempts})` : '';
      const why = summary === undefined ? '' : ` — ${escapeHtml(summary)}`;
      return `<li class="v-${verdictClass(verdict)}">${VERDICT_MARK[verdict]} <a href="${escapeHtml(reportLink(reportHref, scenarioTag(run)))}">${escapeHtml(run.name)}</a>${retried} <code>${escapeHtml(run.uri)}:${run.line}</code>${why}</li>`;
    })
    .join('');
  const worst = rowVerdict(r);
  const open = worst !== 'pass' && worst !== 'n/a' ? ' open' : '';
  const summary = `${escapeHtml(r.title ?? '')} <a href="${escapeHtml(reportLink(reportHref, r.tag))}">${r.scenarios.length} scenario${r.scenarios.length === 1 ? '' : 's'}</a>`;
  const counts = VERDICTS.map((verdict) => `<td class="n${verdict !== 'pass' && r.counts[verdict] > 0 ? ` count-${verdictClass(verdict)}` : ''}">${r.counts[verdict]}</td>`).join('');
  return `<tr class="${verdictClass(worst)}"><td>${label}</td><td><details${open}><summary>${summary}</summary><ul class="scenarios">${items}</ul></details></td><td>${r.levels.join(', ')}</td>${counts}<td class="n">${r.retried}</td></tr>`;
}
