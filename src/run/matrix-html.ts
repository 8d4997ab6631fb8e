import { rowDiffers, type CellCounts, type Matrix, type MatrixCell, type MatrixRow, type MatrixSection, type MatrixTarget } from './matrix.js';
import { VERDICTS } from '../findings/verdict.js';
import { countsText, describeRun, scenarioCount } from './matrix-markdown.js';
import { CELL_TEXT, countedWord, verdictClass } from './verdict-view.js';
import { reportLink } from './sections.js';
import { scenarioTag } from './cucumber-messages.js';
import { escapeHtml, htmlPage } from './html.js';

/**
 * The matrix as one self-contained HTML page (`reports/matrix.html`): totals per target, then
 * one table with a header row per section (its counts per target) and a row per scenario, each
 * cell linking to the scenario alone in that target's Cucumber report. A checkbox hides the rows
 * where every target agrees.
 */

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
h1 { font-size: 1.4rem; margin-bottom: .25rem; }
h2 { font-size: 1.1rem; margin-top: 1.6rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; }
table.matrix { width: 100%; }
th, td { padding: .3rem .55rem; border-bottom: 1px solid #e3e6ec; text-align: left; vertical-align: top; }
th { background: #f4f6fa; }
table.matrix thead th { position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.section td { background: #eef1f7; font-weight: 600; }
tr.section td.counts { font-weight: 400; white-space: nowrap; }
td.cell { white-space: nowrap; }
td.cell a { text-decoration: none; }
td.v-pass { background: #eaf6ec; } td.v-pass a { color: #2e7d32; }
td.v-fail, td.v-error { background: #fdecec; } td.v-fail a, td.v-error a { color: #c62828; font-weight: 600; }
td.v-warn { background: #fff6e0; } td.v-warn a { color: #a66f00; font-weight: 600; }
td.v-na, td.v-absent { color: #777; }
td.cell code { display: block; white-space: normal; font-size: 12px; color: #333; max-width: 28rem; }
code.where { font-size: 12px; color: #666; }
body.only-differences tr.same { display: none; }
label { user-select: none; }
`;


export function renderMatrixHtml(matrix: Matrix): string {
  const heads = matrix.targets.map((t) => `<th>${escapeHtml(t.name)}<br><small>${escapeHtml(t.address)}</small></th>`).join('');
  const body = matrix.sections.map((section) => sectionRows(section, matrix.targets)).join('\n');
  return htmlPage('wirecheck — conformance matrix', STYLE, `<h1>Conformance matrix</h1>
<p class="meta">${escapeHtml(stripMarkdown(describeRun(matrix)))} Generated ${escapeHtml(matrix.generatedAt.toISOString())}.</p>
<h2>Totals</h2>
${totalsTable(matrix)}
<h2>Scenarios</h2>
<p><label><input type="checkbox" onchange="document.body.classList.toggle('only-differences', this.checked)"> only the scenarios where the targets differ</label></p>
<table class="matrix">
<thead><tr><th>scenario</th><th>level</th>${heads}</tr></thead>
<tbody>
${body}
</tbody>
</table>`);
}

function totalsTable(matrix: Matrix): string {
  const row = (label: string, values: readonly string[], numeric = true): string => `<tr><th>${label}</th>${values.map((v) => `<td${numeric ? ' class="n"' : ''}>${v}</td>`).join('')}</tr>`;
  const of = (pick: (c: CellCounts) => number): string[] => matrix.totals.map((c) => String(pick(c)));
  const rows = [
    `<tr><th></th>${matrix.targets.map((t) => `<th>${escapeHtml(t.name)}</th>`).join('')}</tr>`,
    row('scenarios', of(scenarioCount)),
    ...VERDICTS.map((verdict) => row(countedWord(verdict), of((c) => c[verdict]))),
    row('passed only on retry', of((c) => c.retried)),
    row('wall time', matrix.targets.map((t) => `${(t.wallMs / 1000).toFixed(1)} s`)),
    row('reports', matrix.targets.map((t) => `<a href="${escapeHtml(t.reportHref)}">Cucumber</a> · <a href="${escapeHtml(t.sectionsHref)}">sections</a>`), false),
  ];
  const problems = matrix.targets.flatMap((t) => t.runProblems.map((p) => `<li>${escapeHtml(t.name)}: ${escapeHtml(p)}</li>`));
  return `<table>\n${rows.join('\n')}\n</table>${problems.length > 0 ? `\n<p>Problems outside any scenario (those runs are not to be trusted):</p><ul>${problems.join('')}</ul>` : ''}`;
}

function sectionRows(section: MatrixSection, targets: readonly MatrixTarget[]): string {
  const label = section.url === undefined ? escapeHtml(section.label) : `<a href="${escapeHtml(section.url)}">${escapeHtml(section.label)}</a>`;
  const title = section.title === undefined ? '' : ` ${escapeHtml(section.title)}`;
  const counts = section.counts.map((c) => `<td class="counts">${escapeHtml(countsText(c))}</td>`).join('');
  const differs = section.rows.some(rowDiffers) ? '' : ' same';
  const head = `<tr class="section${differs}"><td colspan="2">${label}${title} <small>(${section.rows.length})</small></td>${counts}</tr>`;
  return [head, ...section.rows.map((row) => scenarioRow(row, targets))].join('\n');
}

function scenarioRow(row: MatrixRow, targets: readonly MatrixTarget[]): string {
  const cells = row.cells.map((c, i) => cellHtml(c, scenarioTag(row), targets[i]!)).join('');
  return `<tr class="${rowDiffers(row) ? 'differs' : 'same'}"><td>${escapeHtml(row.name)} <code class="where">${escapeHtml(row.key)}</code></td><td>${row.level}</td>${cells}</tr>`;
}

/** `query`: the scenario's own tag, which opens it alone in the target's report. */
function cellHtml(c: MatrixCell, query: string, target: MatrixTarget): string {
  if (c.verdict === 'absent') return `<td class="cell v-absent">${CELL_TEXT.absent}</td>`;
  const text = c.passedOnRetry ? '↻ pass on retry' : CELL_TEXT[c.verdict];
  const difference = c.difference === undefined ? '' : `<code>${escapeHtml(c.difference)}</code>`;
  return `<td class="cell v-${verdictClass(c.verdict)}"><a href="${escapeHtml(reportLink(target.reportHref, query))}">${text}</a>${difference}</td>`;
}

/** The run's description is written for Markdown; on the page its emphasis and code marks go. */
function stripMarkdown(text: string): string {
  return text.replace(/\*\*|`/g, '');
}
