import { VERDICTS } from '../findings/verdict.js';
import type { CellCounts, Matrix, MatrixCell, MatrixTarget } from './matrix.js';
import { scenarioTag } from './cucumber-messages.js';
import { reportLink } from './sections.js';
import { CELL_TEXT, countedWord, VERDICT_MARK } from './verdict-view.js';

/**
 * The matrix as Markdown (`reports/matrix.md`), the twin of `matrix.html`: totals per target,
 * counts per section, then one row per scenario with a cell per target that links to the
 * scenario in that target's own Cucumber report.
 */

export function renderMatrixMarkdown(matrix: Matrix): string {
  const names = matrix.targets.map((target) => target.name);
  const lines = [`# Conformance matrix`, '', describeRun(matrix), ''];
  if (matrix.targets.length > 0) {
    lines.push('## Totals', '', tableHead(['', ...names.map(cell)]), ...totalsRows(matrix), '');
    lines.push('## By section', '', tableHead(['section', 'title', 'scenarios', ...names.map(cell)]));
    for (const section of matrix.sections) {
      const label = section.url === undefined ? cell(section.label) : `[${cell(section.label)}](${section.url})`;
      lines.push(`| ${label} | ${cell(section.title ?? '')} | ${section.rows.length} | ${section.counts.map(countsText).join(' | ')} |`);
    }
    lines.push('', '## Scenarios', '', tableHead(['section', 'scenario', 'level', ...names.map(cell)]));
    for (const section of matrix.sections) {
      for (const row of section.rows) {
        const cells = row.cells.map((c, i) => cellText(c, scenarioTag(row), matrix.targets[i]!));
        lines.push(`| ${cell(section.label)} | ${cell(row.name)} \`${row.key}\` | ${row.level} | ${cells.join(' | ')} |`);
      }
    }
  }
  return `${lines.join('\n')}\n\n_Generated ${matrix.generatedAt.toISOString()}. Each cell links to the scenario in that target's Cucumber report._\n`;
}

/** The line under the title: the targets, the tags, how warnings count, and what was not run. */
export function describeRun(matrix: Matrix): string {
  const targets = matrix.targets.map((t) => `**${t.name}** (${t.address})`).join(', ');
  const tags = matrix.tags === undefined || matrix.tags === '' ? 'every scenario of the default run' : `tags \`${matrix.tags}\``;
  const level = matrix.strict ? 'Strict mode: warnings fail a target.' : 'Warnings (SHOULD-level) do not fail a target (STRICT=1 makes them).';
  const notRun = matrix.notRun.map((t) => `**${t.name}**: ${t.reason}`).join('; ');
  return [`Targets: ${targets === '' ? 'none' : targets}; ${tags}.`, level, notRun === '' ? '' : `Not run: ${notRun}.`].filter((s) => s !== '').join(' ');
}

function totalsRows(matrix: Matrix): string[] {
  const row = (label: string, values: readonly string[]): string => `| ${label} | ${values.join(' | ')} |`;
  const of = (pick: (c: CellCounts) => number, symbol: string): string[] => matrix.totals.map((c) => mark(pick(c), symbol));
  return [
    row('scenarios', matrix.totals.map((c) => String(scenarioCount(c)))),
    ...VERDICTS.map((verdict) => row(countedWord(verdict), of((c) => c[verdict], VERDICT_MARK[verdict]))),
    row('passed only on retry', of((c) => c.retried, '↻')),
    row('wall time', matrix.targets.map((t) => `${(t.wallMs / 1000).toFixed(1)} s`)),
    row('reports', matrix.targets.map((t) => `[Cucumber](${t.reportHref}) · [sections](${t.sectionsHref.replace(/\.html$/, '.md')})`)),
  ];
}

/** Headings, then the alignment row: a `scenarios` count right-aligned, the rest left. */
function tableHead(headings: readonly string[]): string {
  const aligns = headings.map((heading) => (heading === 'scenarios' ? '---:' : '---'));
  return `| ${headings.join(' | ')} |\n|${aligns.join('|')}|`;
}

/** The scenarios a target ran: every verdict counted, the absent ones not. */
export function scenarioCount(counts: CellCounts): number {
  return VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
}

/** `9 ✓ 1 ✗ 1 !`: the non-zero counts of a section for one target. */
export function countsText(counts: CellCounts): string {
  const parts = [...VERDICTS.map((verdict) => (counts[verdict] > 0 ? `${counts[verdict]} ${VERDICT_MARK[verdict]}` : '')), counts.absent > 0 ? `${counts.absent} ·` : ''];
  const text = parts.filter((p) => p !== '').join(' ');
  return counts.retried > 0 ? `${text} (${counts.retried} ↻)` : text === '' ? '0' : text;
}

/** `query`: the scenario's own tag, which opens it alone in the target's report. */
function cellText(c: MatrixCell, query: string, target: MatrixTarget): string {
  if (c.verdict === 'absent') return CELL_TEXT.absent;
  const text = c.passedOnRetry ? '↻ pass on retry' : CELL_TEXT[c.verdict];
  const link = `[${text}](${markdownUrl(reportLink(target.reportHref, query))})`;
  return c.difference === undefined ? link : `${link} ${code(c.difference)}`;
}

/** Parentheses close a Markdown link early: one in a query is percent-encoded. */
function markdownUrl(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function mark(count: number, symbol: string): string {
  return count === 0 ? '0' : `${count} ${symbol}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A code span, so that `<absent>` and `*` show as written; pipes escaped for the table. */
function code(text: string): string {
  return `\`${cell(text.replace(/`/g, "'"))}\``;
}
