/** The line the memory probe prints on stderr, and how the stress tool reads it back. */
export const PROBE_PREFIX = 'wirecheck-memory-probe ';

export interface ProbedMemory {
  /** All in bytes, read right after a full garbage collection (when `collected`). */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** Memory outside the V8 heap held by JavaScript objects: Buffers, mostly. */
  readonly external: number;
  readonly collected: boolean;
}

export function formatProbeLine(memory: ProbedMemory): string {
  return `${PROBE_PREFIX}${JSON.stringify(memory)}\n`;
}

export function maybeProbeLine(line: string): ProbedMemory | undefined {
  if (!line.startsWith(PROBE_PREFIX)) return undefined;
  try {
    return JSON.parse(line.slice(PROBE_PREFIX.length)) as ProbedMemory;
  } catch {
    return undefined;
  }
}
