/**
 * Writing text from features and fixtures into GitHub-flavoured Markdown so that it reads as
 * written: nothing in it turns into markup, a table or a fence it did not mean.
 */
import type { FeatureEntry, ScenarioEntry } from './glossary.js';

/** Text with the characters Markdown would read as markup escaped; line breaks are kept. */
export function text(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Text as one table cell: escaped, on one line. */
export function cell(value: string): string {
  return text(value).replace(/\s*\n\s*/g, ' ');
}

/** An inline code span that shows `value` exactly, whatever backticks it holds. */
export function code(value: string): string {
  const ticks = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A code span in a table cell, where a `|` would end the cell. */
export function cellCode(value: string): string {
  return code(value).replace(/\|/g, '\\|');
}

/** A fenced block holding `value` exactly: its fence is longer than any run of backticks inside. */
export function fenced(value: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(value, '`') + 1));
  return `${fence}${info}\n${value.endsWith('\n') ? value : `${value}\n`}${fence}`;
}

function longestRun(value: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A table: a header row, its rule, the rows; cells are given ready (escaped with `cell` or `code`). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`,
 * and `-1`, `-2` after a repeated one. Call `anchor` once per heading, in the page's order.
 */
export class Anchors {
  private readonly seen = new Map<string, number>();

  anchor(heading: string): string {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  }
}

/** Each scenario's anchor on its feature's page (the page's title takes the first). */
export function scenarioAnchors(feature: FeatureEntry): Map<ScenarioEntry, string> {
  const anchors = new Anchors();
  anchors.anchor(feature.name);
  return new Map(feature.scenarios.map((scenario) => [scenario, anchors.anchor(scenario.name)]));
}
