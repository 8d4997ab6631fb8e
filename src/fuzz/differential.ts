import { DEFAULT_LIMITS, type Limits } from '../http1/index.js';
import { visibleBytes } from '../expect/visible.js';
import { FRAMING_CLASSES, classify, type FramingClass } from './framing-classes.js';
import { compareFraming, describeOutcome, differenceKey, type FramingDifference } from './framing-diff.js';
import { bundledFraming } from './framing.js';
import { generateCase, type FuzzCase, type FuzzProfile } from './fuzz-case.js';
import { LlhttpFramer } from './llhttp-framing.js';
import { minimizeCase } from './minimize.js';
import { FUZZ_SERVER_OPTIONS } from './runner.js';

/**
 * The differential mode of the fuzzer: every generated stream is framed by the bundled server's
 * parser and by llhttp (node's), and where they part the difference is put in its documented
 * class (framing-classes.ts) or counted as undocumented. Streams are the fuzzer's own cases,
 * made for the fuzz profile; the bundled parser reads them with the server's default limits, so
 * that the profile's small limits do not stand between the two parsers.
 */

/** The cases are those `npm run fuzz` makes: aimed at the fuzz profile's limits. */
const PROFILE: FuzzProfile = { limits: FUZZ_SERVER_OPTIONS.limits, mayWaitForTimeout: false };
const MINIMIZE_BUDGET = { maxAttempts: 300, maxMs: 3_000 };

export interface DifferentialOptions {
  readonly seed: number;
  /** The number of the first case (default 0). */
  readonly firstCase?: number;
  /** Stop after this long… */
  readonly seconds: number;
  /** …or after this many streams, whichever comes first. */
  readonly maxCases: number;
  /** The bundled parser's limits (default: the server's defaults). */
  readonly limits?: Limits;
  /** Shrink each class's example (bounded: 300 attempts, 3 s a class). Default true. */
  readonly minimize?: boolean;
}

/** The streams that parted the same way: one documented class, or one undocumented key. */
export interface DifferenceGroup {
  /** The class's id, or the difference's key (framing-diff.ts) when it has no class. */
  readonly key: string;
  readonly documented: FramingClass | undefined;
  count: number;
  /** The smallest stream seen, minimized when the run asked for it, and its difference. */
  example: FuzzCase;
  difference: FramingDifference;
}

export interface DifferentialRun {
  readonly streams: number;
  readonly agreed: number;
  /** Request heads the bundled parser read in all the streams. */
  readonly requests: number;
  /** Largest group first. */
  readonly groups: DifferenceGroup[];
  /** Spent framing the streams, and in all (minimizing the examples too). */
  readonly framingMs: number;
  readonly elapsedMs: number;
}

/** How the two parsers frame one stream, and where they part; undefined when they agree. */
export async function frameBoth(framer: LlhttpFramer, bytes: Buffer, limits: Limits): Promise<{ difference: FramingDifference | undefined; requests: number }> {
  const bundled = bundledFraming(bytes, limits);
  const difference = compareFraming(bundled, await framer.frame(bytes));
  return { difference, requests: bundled.requests.length };
}

/** The group a difference falls in: its documented class, or its key when it has none. */
function groupOf(difference: FramingDifference, bytes: Buffer): { readonly key: string; readonly documented: FramingClass | undefined } {
  const documented = classify(difference, bytes);
  return { key: documented?.id ?? differenceKey(difference), documented };
}

/** A difference in one line, as the minimizer's failure: its group's key first (failureSignature reads up to the colon). */
function failureLine(difference: FramingDifference, bytes: Buffer): string {
  return `${groupOf(difference, bytes).key}: ${describeDifference(difference)}`;
}

/** Where the two parsers part and how, in words. */
export function describeDifference(difference: FramingDifference): string {
  const where = `request ${difference.request + 1}`;
  if (difference.field !== undefined) return `${where}: ${difference.field} differs`;
  const side = (name: string, outcome: FramingDifference['bundled']): string => {
    const at = outcome.kind === 'error' && outcome.offset !== undefined ? ` at byte ${outcome.offset}` : '';
    const reason = outcome.kind === 'error' ? ` "${outcome.reason}"${outcome.status === undefined ? '' : `, ${outcome.status}`}` : '';
    return `${name} ${describeOutcome(outcome)}${reason}${at}`;
  };
  return `${where}: ${side('bundled', difference.bundled)}; ${side('llhttp', difference.llhttp)}`;
}

/** Shrinks a group's example while it still parts the same way. */
async function minimizeExample(framer: LlhttpFramer, group: DifferenceGroup, limits: Limits): Promise<void> {
  const attempt = async (candidate: FuzzCase): Promise<string[]> => {
    const { difference } = await frameBoth(framer, candidate.bytes, limits);
    return difference === undefined ? [] : [failureLine(difference, candidate.bytes)];
  };
  const start = { ...group.example, splits: [] };
  const smallest = await minimizeCase(start, await attempt(start), attempt, MINIMIZE_BUDGET);
  const { difference } = await frameBoth(framer, smallest.fuzzCase.bytes, limits);
  group.example = smallest.fuzzCase;
  group.difference = difference!;
}

/** The differential loop: cases from `seed` until the time or case budget is spent. */
export async function runDifferential(options: DifferentialOptions): Promise<DifferentialRun> {
  const started = Date.now();
  const stopAt = started + options.seconds * 1000;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const framer = new LlhttpFramer();
  const groups = new Map<string, DifferenceGroup>();
  let streams = 0;
  let agreed = 0;
  let requests = 0;
  const first = options.firstCase ?? 0;
  for (let index = first; index - first < options.maxCases && Date.now() < stopAt; index++) {
    const fuzzCase = generateCase(options.seed, index, PROFILE);
    const framed = await frameBoth(framer, fuzzCase.bytes, limits);
    streams++;
    requests += framed.requests;
    const { difference } = framed;
    if (difference === undefined) {
      agreed++;
      continue;
    }
    const { key, documented } = groupOf(difference, fuzzCase.bytes);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { key, documented, count: 1, example: fuzzCase, difference });
    else {
      group.count++;
      if (fuzzCase.bytes.length < group.example.bytes.length) {
        group.example = fuzzCase;
        group.difference = difference;
      }
    }
  }
  const framingMs = Date.now() - started;
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  if (options.minimize !== false) for (const group of sorted) await minimizeExample(framer, group, limits);
  return { streams, agreed, requests, groups: sorted, framingMs, elapsedMs: Date.now() - started };
}

export const undocumentedGroups = (run: DifferentialRun): DifferenceGroup[] => run.groups.filter((group) => group.documented === undefined);

const count = (n: number): string => n.toLocaleString('en-US');
const oneLine = (bytes: Buffer): string => visibleBytes(bytes).replaceAll('\n', '');

function formatGroup(group: DifferenceGroup): string[] {
  const { example } = group;
  return [
    `    ${group.key.padEnd(32)} ${count(group.count).padStart(7)}  ${group.documented?.summary ?? 'not documented'}`,
    `      e.g. case ${example.index}${example.description.some((line) => line.startsWith('(minimized')) ? ', minimized' : ''}: ${describeDifference(group.difference)}`,
    `      "${oneLine(example.bytes)}"`,
  ];
}

/** The run's figures and every group with its example, as the CLI prints them and docs/reliability.md quotes them. */
export function formatDifferentialSummary(run: DifferentialRun, seed: number, limits: Limits = DEFAULT_LIMITS): string {
  const seconds = run.elapsedMs / 1000;
  const documented = run.groups.filter((group) => group.documented !== undefined);
  const undocumented = undocumentedGroups(run);
  const differing = run.streams - run.agreed;
  const lines = [
    `wirecheck fuzz --differential — seed ${seed}, ${seconds.toFixed(1)} s: the bundled RequestParser against llhttp ${process.versions.llhttp} (node ${process.version})`,
    `  bundled       bare LF in the head, request line ${limits.maxStartLineBytes} B, header section ${limits.maxHeaderBytes} B / ${limits.maxHeaderCount} fields, body ${limits.maxBodyBytes} B`,
    `  streams       ${count(run.streams)} (${count(Math.round(run.streams / Math.max(run.framingMs / 1000, 0.001)))}/s), ${count(run.requests)} request heads read by the bundled parser`,
    `  agree         ${count(run.agreed)}`,
    `  differ        ${count(differing)}: ${documented.length} documented classes (of ${FRAMING_CLASSES.length}), ${undocumented.length} undocumented`,
  ];
  if (documented.length > 0) lines.push(`  documented in docs/behaviour.md, "Where it frames differently from llhttp":`, ...documented.flatMap(formatGroup));
  if (undocumented.length > 0) lines.push('  UNDOCUMENTED: fix the bundled parser, or document the class and add it to src/fuzz/framing-classes.ts:', ...undocumented.flatMap(formatGroup));
  return lines.join('\n');
}
