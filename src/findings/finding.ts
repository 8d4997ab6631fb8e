import { isLevel, isVerdict, type Level, type Verdict } from './verdict.js';

/**
 * One expectation a scenario checked against the target: what it was, at which level, whether
 * it held, and, when it did not, what differed first (`status: expected 400, got 200`).
 */
export interface Check {
  readonly label: string;
  readonly level: Level;
  readonly passed: boolean;
  readonly difference?: string;
}

/**
 * A scenario's finding: the one record every report reads. Made once, when the scenario ends
 * (src/findings/judge.ts), and attached to it in Cucumber's message stream as JSON of its own
 * media type.
 */
export interface Finding {
  readonly verdict: Verdict;
  /** The scenario's level: the keyword of the sentence it quotes. */
  readonly level: Level;
  /** `RFC 9112 §6.3`, or the profile (`@seed`) for a scenario that cites no section. */
  readonly rule: string;
  /** One line: the check that did not hold and its first difference (fail, warn), or why (n/a, error). Absent on pass. */
  readonly summary?: string;
  /** The first differing field alone (`status: expected 400, got 200`), for a cell of a table. */
  readonly difference?: string;
  /** Every check made, in order. */
  readonly checks: readonly Check[];
  /** What the harness saw of the target: the exchanges, one line each, and the connection's fate. */
  readonly evidence: readonly string[];
}

export const FINDING_MEDIA_TYPE = 'application/vnd.wirecheck.finding+json';

/** The finding in `text` (an attachment's body), or undefined when it is not one. */
export function maybeFinding(text: string): Finding | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const f = value as Record<string, unknown>;
  const valid = isVerdict(f.verdict) && isLevel(f.level) && typeof f.rule === 'string' && Array.isArray(f.checks) && Array.isArray(f.evidence);
  return valid ? (value as Finding) : undefined;
}
