import type { ServerConnection } from './connection.js';

/**
 * The open connections, for the deadline sweep, shutdown and the connection limits. An array with
 * swap-remove: adding and removing allocate nothing, where a Set's table is rebuilt as thousands
 * of short-lived connections come and go. Each connection holds its own index; its client's
 * address sits at the same index of a parallel array.
 *
 * A connection holds a slot, counted against the global and the per-client limits, from `add`
 * until it is removed or `release`d (evicted: it lingers while it closes, but no longer counts).
 */
export class ConnectionList implements Iterable<ServerConnection> {
  private readonly items: ServerConnection[] = [];
  private readonly addresses: string[] = [];
  /** Whether the connection at each index still holds a slot. */
  private readonly holding: boolean[] = [];
  private readonly perAddress = new Map<string, number>();
  private slots = 0;

  /** Connections that hold a slot. */
  get size(): number {
    return this.slots;
  }

  /** Connections of this client address that hold a slot. */
  countFrom(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  add(connection: ServerConnection, address: string): void {
    connection.listIndex = this.items.length;
    this.items.push(connection);
    this.addresses.push(address);
    this.holding.push(true);
    this.take(address, 1);
  }

  remove(connection: ServerConnection): void {
    const index = connection.listIndex;
    if (this.items[index] !== connection) return;
    this.release(connection);
    const last = this.items.pop()!;
    const lastAddress = this.addresses.pop()!;
    const lastHolding = this.holding.pop()!;
    if (last !== connection) {
      this.items[index] = last;
      this.addresses[index] = lastAddress;
      this.holding[index] = lastHolding;
      last.listIndex = index;
    }
    connection.listIndex = -1;
  }

  /** The connection stays listed (the sweep and shutdown still reach it) but frees its slot. */
  release(connection: ServerConnection): void {
    const index = connection.listIndex;
    if (this.items[index] !== connection || !this.holding[index]) return;
    this.holding[index] = false;
    this.take(this.addresses[index]!, -1);
  }

  /** Of the connections holding a slot, the one idle the longest whose client is not `address`. */
  longestIdleNotFrom(address: string): ServerConnection | undefined {
    let found: ServerConnection | undefined;
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i]!;
      // An idle connection's deadline is when it went idle plus the idle timeout: the earliest went idle first.
      if (this.holding[i] && item.isIdle && this.addresses[i] !== address && (found === undefined || item.deadline < found.deadline)) found = item;
    }
    return found;
  }

  /** A copy: a connection may close, and leave the list, while the caller goes through it. */
  [Symbol.iterator](): Iterator<ServerConnection> {
    return [...this.items][Symbol.iterator]();
  }

  private take(address: string, delta: 1 | -1): void {
    this.slots += delta;
    const count = (this.perAddress.get(address) ?? 0) + delta;
    if (count === 0) this.perAddress.delete(address);
    else this.perAddress.set(address, count);
  }
}
