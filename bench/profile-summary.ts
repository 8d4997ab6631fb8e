/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`, e.g. from `npm run bench -- --cpu-prof DIR`):
 * where the time went by area, and the functions with the most self time and the most total
 * time. Usage: `tsx bench/profile-summary.ts FILE.cpuprofile|DIR [--top N]`; prints Markdown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { transpile } from './compile-servers.js';
import { isMainModule } from '../src/peers/cli.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based, in the code that ran. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
  /** Samples taken in this node's own code, by line (1-based, in the code that ran). */
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  readonly name: string;
  readonly location: string;
  readonly area: string;
  selfUs: number;
  totalUs: number;
}

export interface HotLine {
  /** `path:line` in the source. */
  readonly place: string;
  readonly text: string;
  readonly samples: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, in µs. */
  readonly busyUs: number;
  readonly idleUs: number;
  readonly busySamples: number;
  readonly areas: ReadonlyMap<string, number>;
  readonly functions: readonly FunctionTime[];
  /** The project's own lines (src/) by self samples. */
  readonly hotLines: readonly HotLine[];
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_DIR = /^node_modules\/\.cache\/wirecheck-bench\/build-[^/]+\//;

/** Where a function lives: the project's own directories, node's internals, packages, or V8's pseudo-frames. */
function areaOf(frame: CallFrame, path: string): string {
  if (frame.url === '') {
    if (frame.functionName === '(garbage collector)') return 'GC';
    if (frame.functionName.startsWith('(')) return frame.functionName; // (program), (idle), (root)
    return 'native';
  }
  if (frame.url.startsWith('node:')) return 'node internals';
  for (const dir of ['src/server', 'src/http1', 'src/', 'bench/']) if (path.startsWith(dir)) return dir.replace(/\/$/, '');
  if (path.includes('node_modules/')) return 'packages';
  return 'other';
}

interface Place {
  /** From the repository root; a compiled copy (npm run bench's default) counts as its .ts source. */
  readonly path: string;
  /** 1-based, in the source when it could be mapped back. */
  readonly line: number;
}

interface CompiledSource {
  readonly map: SourceMap;
  readonly codeLines: readonly string[];
  readonly sourceLines: readonly string[];
}

const compiledSources = new Map<string, CompiledSource | undefined>();

/**
 * The compiled module and its source map, made again from the .ts source (transpiling is
 * deterministic): right as long as the source has not changed since the profile was taken.
 */
function maybeCompiledSource(path: string): CompiledSource | undefined {
  if (!compiledSources.has(path)) {
    let compiled: CompiledSource | undefined;
    try {
      const text = readFileSync(join(REPO_ROOT, path), 'utf8');
      const { code, sourceMap } = transpile(text, path);
      compiled = { map: new SourceMap(sourceMap as SourceMapPayload), codeLines: code.split('\n'), sourceLines: text.split('\n') };
    } catch {
      compiled = undefined;
    }
    compiledSources.set(path, compiled);
  }
  return compiledSources.get(path);
}

/** The source line (0-based) of a compiled line and column, both 0-based; the column defaults to the line's first code. */
function originalLine(compiled: CompiledSource | undefined, line: number, column?: number): number | undefined {
  if (compiled === undefined) return undefined;
  const at = column ?? Math.max(0, (compiled.codeLines[line] ?? '').search(/\S/));
  return (compiled.map.findEntry(line, at) as { originalLine?: number }).originalLine;
}

/** The .ts path of a file URL inside a compiled tree, or undefined for any other URL. */
function maybeCompiledPath(url: string): string | undefined {
  if (!url.startsWith('file://')) return undefined;
  const built = relative(REPO_ROOT, fileURLToPath(url));
  return BUILD_DIR.test(built) ? built.replace(BUILD_DIR, '').replace(/\.js$/, '.ts') : undefined;
}

function placeOf(frame: CallFrame): Place {
  const compiledPath = maybeCompiledPath(frame.url);
  if (compiledPath === undefined) {
    const path = frame.url.startsWith('file://') ? relative(REPO_ROOT, fileURLToPath(frame.url)) : frame.url;
    return { path, line: frame.lineNumber + 1 };
  }
  const line = originalLine(maybeCompiledSource(compiledPath), frame.lineNumber, frame.columnNumber);
  return { path: compiledPath, line: (line ?? frame.lineNumber) + 1 };
}

export function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const functions = new Map<string, FunctionTime>();
  const functionOf = new Map<number, FunctionTime>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const { path, line } = placeOf(frame);
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    const location = frame.url === '' ? '' : `${path}:${line}`;
    const key = `${name} ${location}`;
    let entry = functions.get(key);
    if (entry === undefined) {
      entry = { name, location, area: areaOf(frame, path), selfUs: 0, totalUs: 0 };
      functions.set(key, entry);
    }
    functionOf.set(node.id, entry);
  }

  const areas = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  let busySamples = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const us = timeDeltas[i + 1] ?? 0;
    const leaf = functionOf.get(samples[i]!)!;
    if (leaf.area === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    busySamples++;
    leaf.selfUs += us;
    areas.set(leaf.area, (areas.get(leaf.area) ?? 0) + us);
    const seen = new Set<FunctionTime>();
    for (let id: number | undefined = samples[i]; id !== undefined && byId.has(id); id = parentOf.get(id)) {
      const entry = functionOf.get(id)!;
      if (!seen.has(entry)) {
        seen.add(entry);
        entry.totalUs += us;
      }
    }
  }
  return { busyUs, idleUs, busySamples, areas, functions: [...functions.values()], hotLines: hotLinesOf(profile.nodes) };
}

function hotLinesOf(nodes: readonly ProfileNode[]): HotLine[] {
  const lines = new Map<string, { text: string; samples: number }>();
  for (const node of nodes) {
    const compiledPath = maybeCompiledPath(node.callFrame.url);
    const path = compiledPath ?? (node.callFrame.url.startsWith('file://') ? relative(REPO_ROOT, fileURLToPath(node.callFrame.url)) : '');
    if (!path.startsWith('src/')) continue;
    const compiled = compiledPath === undefined ? undefined : maybeCompiledSource(compiledPath);
    for (const { line, ticks } of node.positionTicks ?? []) {
      const source = compiledPath === undefined ? line - 1 : (originalLine(compiled, line - 1) ?? line - 1);
      const place = `${path}:${source + 1}`;
      const entry = lines.get(place) ?? { text: (compiled?.sourceLines[source] ?? '').trim(), samples: 0 };
      entry.samples += ticks;
      lines.set(place, entry);
    }
  }
  return [...lines].map(([place, { text, samples }]) => ({ place, text, samples })).sort((a, b) => b.samples - a.samples);
}

function percent(us: number, of: number): string {
  return of === 0 ? 'n/a' : `${((us / of) * 100).toFixed(1)} %`;
}

function isUserFunction(entry: FunctionTime): boolean {
  return entry.area !== '(root)' && entry.area !== '(program)';
}

export function renderSummary(title: string, summary: ProfileSummary, top: number): string {
  const { busyUs } = summary;
  const lines = [`## ${title}`, '', `Busy ${(busyUs / 1e6).toFixed(2)} s, idle ${(summary.idleUs / 1e6).toFixed(2)} s; percentages are of busy time.`, ''];
  lines.push('| area | self time |', '|---|--:|');
  for (const [area, us] of [...summary.areas].sort((a, b) => b[1] - a[1])) lines.push(`| ${area} | ${percent(us, busyUs)} |`);

  lines.push('', `Top ${top} by self time:`, '', '| self | total | function | where |', '|--:|--:|---|---|');
  for (const entry of [...summary.functions].sort((a, b) => b.selfUs - a.selfUs).slice(0, top)) {
    lines.push(`| ${percent(entry.selfUs, busyUs)} | ${percent(entry.totalUs, busyUs)} | \`${entry.name}\` | ${entry.location || entry.area} |`);
  }

  const ours = summary.functions.filter((entry) => entry.area.startsWith('src') && isUserFunction(entry));
  lines.push('', `Top ${top} functions of src/ by total time (self + callees):`, '', '| total | self | function | where |', '|--:|--:|---|---|');
  for (const entry of ours.sort((a, b) => b.totalUs - a.totalUs).slice(0, top)) {
    lines.push(`| ${percent(entry.totalUs, busyUs)} | ${percent(entry.selfUs, busyUs)} | \`${entry.name}\` | ${entry.location} |`);
  }

  lines.push('', `Hottest lines of src/ by self samples (of ${summary.busySamples} busy samples):`, '', '| self | line | code |', '|--:|---|---|');
  for (const line of summary.hotLines.slice(0, Math.min(top, 15))) {
    const code = line.text.length > 90 ? `${line.text.slice(0, 87)}...` : line.text;
    lines.push(`| ${percent(line.samples, summary.busySamples)} | ${line.place} | \`${code.replace(/\|/g, '\\|')}\` |`);
  }
  return lines.join('\n');
}

function profilesIn(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.cpuprofile'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string' } }, allowPositionals: true, strict: true });
  const top = Number(values.top ?? 25);
  const files = profilesIn(positionals);
  if (files.length === 0 || !Number.isInteger(top) || top < 1) {
    process.stderr.write('usage: tsx bench/profile-summary.ts FILE.cpuprofile|DIR... [--top N]\n');
    process.exitCode = 1;
    return;
  }
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    process.stdout.write(`${renderSummary(file, summarize(profile), top)}\n\n`);
  }
}

if (isMainModule(import.meta.url)) main();
