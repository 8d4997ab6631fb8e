import { VERDICTS, type Verdict, type VerdictCounts } from '../findings/verdict.js';

// How a verdict reads in every report: one mark, one word, one CSS class.

export const VERDICT_MARK: Readonly<Record<Verdict, string>> = { pass: '✓', fail: '✗', warn: '!', 'n/a': '–', error: '⚠' };

/** The counted form: `3 passed, 1 failed, …`. */
const COUNTED: Readonly<Record<Verdict, string>> = { pass: 'passed', fail: 'failed', warn: 'warned', 'n/a': 'not applicable', error: 'harness errors' };

/** `n/a` is no CSS class name. */
export function verdictClass(verdict: Verdict): string {
  return verdict === 'n/a' ? 'na' : verdict;
}

/** Every verdict with its count, always in the same order: `160 passed, 1 failed, 2 warned, 0 not applicable, 1 harness errors`. */
export function countsLine(counts: VerdictCounts): string {
  return VERDICTS.map((verdict) => `${counts[verdict]} ${COUNTED[verdict]}`).join(', ');
}

export function countedWord(verdict: Verdict): string {
  return COUNTED[verdict];
}

/** A matrix cell: a verdict, or `absent` when the scenario did not run against that target. */
export const CELL_TEXT: Readonly<Record<Verdict | 'absent', string>> = { pass: '✓ pass', fail: '✗ fail', warn: '! warn', 'n/a': '– n/a', error: '⚠ error', absent: '· not run' };
