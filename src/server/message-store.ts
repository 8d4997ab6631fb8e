import { JournalError, type Journal } from './journal.js';

export interface StoreLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

const LISTING_SEPARATOR = Buffer.from('\n');

/**
 * The assignment's in-memory message list. Messages are kept as the exact bytes posted, and
 * the joined listing is built once per change rather than once per GET.
 *
 * With a journal (`--data FILE`) every change is first written and synced to it, and memory
 * changes only once that has succeeded: what the store holds is always what a restart replays.
 */
export class MessageStore {
  private messages: Buffer[] = [];
  private bytes = 0;
  private listing: Buffer | undefined;
  private changes = 0;
  private changedAtMs = Date.now();

  /**
   * `replayed` are the messages read back from `journal` when it was opened; they are loaded
   * without being written again. Throws JournalError('OVER_LIMITS') when they do not fit.
   */
  constructor(
    private readonly limits: StoreLimits,
    private readonly journal?: Journal,
    replayed: readonly Buffer[] = [],
  ) {
    for (const message of replayed) {
      if (!this.fits(message)) {
        throw new JournalError(
          'OVER_LIMITS',
          `${journal?.path ?? 'the journal'} holds ${replayed.length} messages (${replayed.reduce((n, m) => n + m.length, 0)} bytes), ` +
            `more than the store's limits (${limits.maxMessages} messages, ${limits.maxBytes} bytes)`,
        );
      }
      this.keep(message);
    }
  }

  get size(): number {
    return this.messages.length;
  }

  /**
   * Counts the changes: an append, or a clear that emptied something (clearing an empty store
   * changes nothing). The replayed messages count too; the count starts again at each start.
   */
  get version(): number {
    return this.changes;
  }

  /** Epoch milliseconds of the last change, or of the store's creation when it has had none. */
  get changedAt(): number {
    return this.changedAtMs;
  }

  /**
   * Appends a message, or returns false (storing nothing) when the store is full or when the
   * journal could not record it.
   */
  append(message: Buffer): boolean {
    if (!this.fits(message)) return false;
    if (this.journal !== undefined && !this.journal.append(message)) return false;
    this.keep(message);
    return true;
  }

  /** Empties the store; with a journal that could not record the clear, nothing changes (see `journalFailure`). */
  clear(): void {
    if (this.journal !== undefined && !this.journal.clear()) return;
    if (this.messages.length === 0) return;
    this.messages = [];
    this.bytes = 0;
    this.listing = undefined;
    this.changed();
  }

  /**
   * The error that stopped the journal, if one did. From then on `append` returns false and
   * `clear` changes nothing, so the store never holds what a restart would not replay: after
   * `clear()`, a set `journalFailure` means the store was not cleared.
   */
  get journalFailure(): Error | undefined {
    return this.journal?.failure;
  }

  /** The stored messages joined by `\n`, as the GET / body lists them. */
  joined(): Buffer {
    if (this.listing === undefined) {
      const parts: Buffer[] = [];
      for (const message of this.messages) {
        if (parts.length > 0) parts.push(LISTING_SEPARATOR);
        parts.push(message);
      }
      this.listing = Buffer.concat(parts);
    }
    return this.listing;
  }

  all(): readonly Buffer[] {
    return this.messages;
  }

  private fits(message: Buffer): boolean {
    return this.messages.length < this.limits.maxMessages && this.bytes + message.length <= this.limits.maxBytes;
  }

  private keep(message: Buffer): void {
    // Copy: the message may be a view into a larger socket buffer that must not be kept alive.
    this.messages.push(Buffer.from(message));
    this.bytes += message.length;
    this.listing = undefined;
    this.changed();
  }

  private changed(): void {
    this.changes++;
    this.changedAtMs = Date.now();
  }
}
