/**
 * The attackers' process, apart from the tool's (whose normal client is timed, and must not wait
 * behind the attackers' writes): `fork`ed by run-attack.ts with an AttackPlan as its one
 * argument; it sends `{ started: true }` once the attack is under way, then `{ tally }`, and exits.
 */
import type { Attack, AttackName, AttackPlan } from './attack.js';
import { nonReading } from './non-reading.js';
import { oneByteSegments } from './one-byte-segments.js';
import { tinyChunks } from './tiny-chunks.js';

const ATTACK_BY_NAME: Record<AttackName, Attack> = {
  'tiny-chunks': tinyChunks,
  'one-byte-segments': oneByteSegments,
  'non-reading': nonReading,
};

const plan = JSON.parse(process.argv[2]!) as AttackPlan;
const tallied = await ATTACK_BY_NAME[plan.attack](plan, () => process.send!({ started: true }));
process.send!({ tally: tallied }, () => process.exit(0));
