import { performance } from 'node:perf_hooks';

/** How a connection's turn at its input ended. */
export type WorkState =
  /** Everything read so far is parsed and answered: reading goes on. */
  | 'done'
  /** Input is left and the time is up: the connection queues for another turn. */
  | 'more'
  /** Input is left but the connection waits for something else (its client to read, room for its body). */
  | 'waiting';

/** What the scheduler runs: a connection that works through the input it has read. */
export interface InputWorker {
  /** Parses and answers input, one slice at least, until it has none left, must wait, or `until` (performance.now() ms) has passed. */
  work(until: number): WorkState;
  /** Stops reading and parses nothing: `more` when input is left for a turn (else what `work` would say, having nothing to do). */
  hold(): WorkState;
}

/**
 * How long one connection works at its input before others get a turn. A request of a few
 * hundred bytes takes a few µs; a 64 KiB read of one-byte chunks takes over a millisecond, so
 * a client sending those cannot keep the others waiting for more than this at a time.
 */
const QUANTUM_MS = 0.5;
/** How long queued connections work, all together, per turn of the event loop, before it polls again. */
const TURN_MS = 2;
/**
 * How long a connection that used up its time counts as heavy: even its small reads then wait
 * for its turn, after the other connections', so that a hundred clients streaming one-byte
 * chunks cost the poll that reads them nothing.
 */
const HEAVY_MS = 100;
/**
 * Body memory of requests in progress, in all, beyond what each may hold without asking: eight
 * bodies of the default 1 MiB limit (the default store holds 16 MiB in all). Past it, a request
 * whose body grows waits (its connection is not read from) until another's is complete; one
 * body larger than this is let through alone.
 */
export const BODY_MEMORY_BYTES = 8 * 1024 * 1024;
/** What a body may hold without a share of BODY_MEMORY_BYTES: most bodies never ask. */
export const FREE_BODY_BYTES = 16 * 1024;

/**
 * Shares the server's one thread between its connections' input, and its memory between their
 * bodies (docs/behaviour.md "Connections and timeouts"). A connection parses what one small read
 * brings itself, at once; anything more waits in a queue that is worked through, QUANTUM_MS a
 * connection at a time, TURN_MS per turn of the event loop, connections that used up their time
 * lately (heavy ones) after the others. So a request that costs little is answered in the poll
 * that reads it, whatever heavy input a hundred other connections read in the same poll, and
 * those still get all the time left.
 */
export class InputScheduler {
  /** Workers with input left that are not heavy, worked first in each turn (Sets: each queued once however often asked). */
  private readonly light = new Set<InputWorker>();
  /** Heavy workers with input left, in the order they get their turn. */
  private readonly heavy = new Set<InputWorker>();
  private turnScheduled = false;
  private reservedBytes = 0;
  private readonly holders = new Map<InputWorker, number>();
  private readonly waitingForMemory: InputWorker[] = [];
  /** When each worker that last used up its time stops counting as heavy (performance.now() ms). */
  private readonly heavyUntil = new WeakMap<InputWorker, number>();

  /** Queues `worker`'s input for the next turn; until then it reads no more. */
  run(worker: InputWorker): void {
    // A queued worker waits for its turn: answering in arrival order is kept per connection, and fairness across them.
    if (this.light.has(worker) || this.heavy.has(worker)) return;
    if (worker.hold() === 'more') this.enqueue(worker);
  }

  /** Whether `worker` used up its time within the last HEAVY_MS: even a small read of its waits for its turn. */
  isHeavy(worker: InputWorker): boolean {
    return (this.heavyUntil.get(worker) ?? 0) > performance.now();
  }

  /** Queues `worker` for a turn, as one that has input left (e.g. after it stopped waiting). */
  enqueue(worker: InputWorker): void {
    (this.isHeavy(worker) ? this.heavy : this.light).add(worker);
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(this.turn);
  }

  /**
   * Reserves `bytes` of body memory for `worker`'s request, or returns false: the worker waits,
   * and is queued again once memory is released. Granted whenever nothing else is reserved.
   */
  reserve(worker: InputWorker, bytes: number): boolean {
    if (this.reservedBytes > 0 && this.reservedBytes + bytes > BODY_MEMORY_BYTES) {
      if (!this.waitingForMemory.includes(worker)) this.waitingForMemory.push(worker);
      return false;
    }
    this.reservedBytes += bytes;
    this.holders.set(worker, (this.holders.get(worker) ?? 0) + bytes);
    return true;
  }

  /** Gives back what `worker` reserved (its body is complete, or it closed), and wakes those waiting. */
  release(worker: InputWorker): void {
    const waiting = this.waitingForMemory.indexOf(worker);
    if (waiting !== -1) this.waitingForMemory.splice(waiting, 1);
    const held = this.holders.get(worker);
    if (held === undefined) return;
    this.holders.delete(worker);
    this.reservedBytes -= held;
    for (const next of this.waitingForMemory.splice(0)) this.enqueue(next);
  }

  private readonly turn = (): void => {
    this.turnScheduled = false;
    const end = performance.now() + TURN_MS;
    this.workThrough(this.light, end);
    this.workThrough(this.heavy, end);
    if (this.light.size + this.heavy.size > 0 && !this.turnScheduled) {
      this.turnScheduled = true;
      setImmediate(this.turn);
    }
  };

  /** Works `queue`'s workers in order until `end`; one whose time runs out is heavy, and goes to the back of the heavy queue. */
  private workThrough(queue: Set<InputWorker>, end: number): void {
    // A heavy worker put back comes round again while the turn lasts.
    for (const worker of queue) {
      const now = performance.now();
      if (now >= end) return;
      queue.delete(worker);
      if (worker.work(Math.min(now + QUANTUM_MS, end)) === 'more') {
        this.heavyUntil.set(worker, performance.now() + HEAVY_MS);
        this.heavy.add(worker);
      }
    }
  }
}
