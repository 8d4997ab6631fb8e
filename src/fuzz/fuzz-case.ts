import type { Limits } from '../http1/index.js';
import { readStream, type Finish } from './expected-exchange.js';
import { mutateBytes, REQUEST_MUTATORS, splitPoints } from './mutators.js';
import { caseSeed, Random } from './prng.js';
import { encodeRequest, generateRequest } from './request-draft.js';

/** One fuzz case: exactly what goes on the wire and how, so it replays without the generator. */
export interface FuzzCase {
  /** The run's seed and the case's number in it: `--seed S` regenerates it. */
  readonly seed: number;
  readonly index: number;
  readonly bytes: Buffer;
  /** Offsets where the bytes are cut into separate writes. */
  readonly splits: readonly number[];
  /** Milliseconds between writes (0: one event-loop turn). */
  readonly gapMs: number;
  readonly finish: Finish;
  /** What the generator did, for a human reading a failure. */
  readonly description: readonly string[];
}

/** What the generator needs to know about the server under test. */
export interface FuzzProfile {
  /** The server's limits: mutations aim at them, and the oracle reads the stream with them. */
  readonly limits: Limits;
  /** Whether a case may wait for the server's request timeout (408); only when it is short. */
  readonly mayWaitForTimeout: boolean;
}

/**
 * Case `index` of the run seeded `seed`: one to four requests (mostly what the server serves),
 * some structural mutations of each, some byte mutations of the whole stream, cut into writes.
 * About one case in twenty is random bytes, and about one in three is sent unmutated.
 */
export function generateCase(seed: number, index: number, profile: FuzzProfile): FuzzCase {
  const random = new Random(caseSeed(seed, index));
  const description: string[] = [];
  let bytes: Buffer;
  if (random.chance(0.05)) {
    bytes = random.bytes(random.between(1, 300));
    description.push(`${bytes.length} random bytes`);
  } else {
    const count = random.weighted([[1, 50], [2, 25], [3, 15], [4, 10]]);
    const mutate = random.chance(0.65);
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const draft = generateRequest(random, profile.limits);
      const applied: string[] = [];
      const mutations = mutate ? random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]]) : 0;
      for (let m = 0; m < mutations; m++) applied.push(random.weighted(REQUEST_MUTATORS)(random, draft, profile.limits));
      description.push(`${draft.method} ${draft.target.slice(0, 40)} ${draft.version} ${draft.body.kind}${applied.length > 0 ? ` [${applied.join('; ')}]` : ''}`);
      parts.push(encodeRequest(draft));
    }
    bytes = Buffer.concat(parts);
    const byteMutations = mutate ? random.weighted([[0, 5], [1, 3], [2, 1], [3, 1]]) : 0;
    for (let m = 0; m < byteMutations; m++) {
      let name: string;
      [bytes, name] = mutateBytes(random, bytes);
      description.push(`bytes: ${name}`);
    }
  }
  const splits = splitPoints(random, bytes);
  // Timed gaps only for a few writes: the whole request must arrive well within the request timeout.
  const gapMs = splits.length <= 20 && random.chance(0.1) ? random.between(1, 3) : 0;
  const ending = readStream(bytes, profile.limits).ending.kind;
  // Waiting for 408 costs the server's whole request timeout: do it for a few unfinished streams only.
  const finish: Finish = ending === 'partial' ? (profile.mayWaitForTimeout && random.chance(0.05) ? 'hold' : 'fin') : random.chance(0.65) ? 'hold' : 'fin';
  return { seed, index, bytes, splits, gapMs, finish, description };
}
