import type { FuzzCase } from './fuzz-case.js';

/** Runs a case against a store that agrees with the server's; returns its failures. */
export type CaseRunner = (fuzzCase: FuzzCase) => Promise<string[]>;

/** What makes two failures the same: the first one's wording up to its first colon, numbers and quotes blanked. */
export function failureSignature(failures: readonly string[]): string {
  const first = failures[0] ?? '';
  return first.split(':')[0]!.replace(/\d+/g, '#').replace(/"[^"]*"/g, '"…"');
}

export interface MinimizeBudget {
  readonly maxAttempts: number;
  readonly maxMs: number;
}

/**
 * Shrinks a failing case while it still fails the same way: first without its split points,
 * then by deleting ever smaller runs of bytes (halves, quarters, … single bytes), the way delta
 * debugging does. Bounded by attempts and by time; returns the smallest failing case found.
 */
export async function minimizeCase(fuzzCase: FuzzCase, failures: readonly string[], run: CaseRunner, budget: MinimizeBudget): Promise<{ fuzzCase: FuzzCase; failures: readonly string[]; attempts: number }> {
  const signature = failureSignature(failures);
  const stopAt = Date.now() + budget.maxMs;
  let best = fuzzCase;
  let bestFailures = failures;
  let attempts = 0;
  const tryCase = async (candidate: FuzzCase): Promise<boolean> => {
    if (attempts >= budget.maxAttempts || Date.now() >= stopAt) return false;
    attempts++;
    const got = await run(candidate);
    if (got.length === 0 || failureSignature(got) !== signature) return false;
    best = candidate;
    bestFailures = got;
    return true;
  };
  if (best.splits.length > 0) await tryCase({ ...best, splits: [] });
  for (let size = Math.max(1, Math.floor(best.bytes.length / 2)); size >= 1 && attempts < budget.maxAttempts && Date.now() < stopAt; size = Math.floor(size / 2)) {
    for (let at = 0; at + size <= best.bytes.length && attempts < budget.maxAttempts && Date.now() < stopAt; ) {
      const bytes = Buffer.concat([best.bytes.subarray(0, at), best.bytes.subarray(at + size)]);
      // Split points past a deletion move back with the bytes they followed.
      const splits = best.splits.flatMap((p) => (p <= at ? [p] : p >= at + size ? [p - size] : [])).filter((p) => p > 0 && p < bytes.length);
      if (!(await tryCase({ ...best, bytes, splits, description: [...fuzzCase.description, `(minimized from ${fuzzCase.bytes.length} bytes)`] }))) at += size;
    }
  }
  return { fuzzCase: best, failures: bestFailures, attempts };
}
