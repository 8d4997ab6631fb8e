import type { ServerConnection } from './connection.js';

/**
 * The open connections, for the deadline sweep and shutdown. An array with swap-remove: adding
 * and removing allocate nothing, where a Set's table is rebuilt as thousands of short-lived
 * connections come and go. Each connection holds its own index.
 */
export class ConnectionList implements Iterable<ServerConnection> {
  private readonly items: ServerConnection[] = [];

  add(connection: ServerConnection): void {
    connection.listIndex = this.items.length;
    this.items.push(connection);
  }

  remove(connection: ServerConnection): void {
    const index = connection.listIndex;
    if (this.items[index] !== connection) return;
    const last = this.items.pop()!;
    if (last !== connection) {
      this.items[index] = last;
      last.listIndex = index;
    }
    connection.listIndex = -1;
  }

  /** A copy: a connection may close, and leave the list, while the caller goes through it. */
  [Symbol.iterator](): Iterator<ServerConnection> {
    return [...this.items][Symbol.iterator]();
  }
}
