/** What every attack shares: its name, the plan the attackers' process is given, and what it reports back. */
import type { Target } from '../stress/storm.js';
import type { Outcome } from './attack-socket.js';

export const ATTACKS = ['tiny-chunks', 'one-byte-segments', 'non-reading'] as const;
export type AttackName = (typeof ATTACKS)[number];

export interface AttackPlan {
  readonly attack: AttackName;
  readonly target: Target;
  readonly attackers: number;
  /** Every attacker is done (answered, closed or given up on) by then. */
  readonly durationMs: number;
}

/** What the attackers saw: how many ended with each outcome, and the bytes they sent. */
export interface AttackTally {
  readonly outcomes: Record<string, number>;
  readonly sentBytes: number;
}

/**
 * Runs one attack from this process: `started` once every connection is open and the attack
 * under way (the normal client's timing starts then). Resolves with the tally.
 */
export type Attack = (plan: AttackPlan, started: () => void) => Promise<AttackTally>;

export function tally(outcomes: readonly Outcome[], sentBytes: number): AttackTally {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[String(outcome)] = (counts[String(outcome)] ?? 0) + 1;
  return { outcomes: counts, sentBytes };
}
