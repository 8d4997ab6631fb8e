import { JournalError, type Journal } from './journal.js';

export interface StoreLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

const EMPTY = Buffer.alloc(0);
const LF = 0x0a;
/** The least room the listing is given: a few small messages need no growth. */
const MIN_LISTING_CAPACITY = 4096;

/**
 * The assignment's in-memory message list. Messages are kept as the exact bytes posted, in one
 * buffer that is also the listing: the messages joined by `\n`, after a lead (the `GET /` body's
 * first line). Each version's listing is a view of that buffer's start, so versions share their
 * bytes: a client that does not read a 15 MiB listing holds a view, not a copy, even when every
 * such client saw another version. An append copies only the message into the room after the
 * listing; the buffer doubles when that room runs out. Bytes a view covers are never written
 * again: growing copies into a new buffer, and a clear starts one.
 *
 * With a journal (`--data FILE`) every change is first written and synced to it, and memory
 * changes only once that has succeeded: what the store holds is always what a restart replays.
 */
export class MessageStore {
  /** Views of `listingBytes`, one per message. */
  private messages: Buffer[] = [];
  private bytes = 0;
  /** `lead`, then the messages joined by `\n`, in [0, listingEnd); the room after it is the next appends'. */
  private listingBytes: Buffer = EMPTY;
  private listingEnd = 0;
  private lead: Buffer = EMPTY;
  /** The listing's view for the current version, made once; undefined after a change. */
  private listingView: Buffer | undefined;
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
    this.relayout(this.lead, this.lead.length);
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
    return this.listingBytes.subarray(this.lead.length, this.listingEnd);
  }

  /**
   * `lead` followed by the stored messages joined by `\n`, as one buffer: the same object until
   * the store changes, and a view that shares its bytes with every other version's. A lead other
   * than the last one asked for lays the messages out again (a server asks with one lead only).
   */
  listing(lead: Buffer): Buffer {
    if (!lead.equals(this.lead)) this.relayout(Buffer.from(lead), this.listingEnd - this.lead.length + lead.length);
    return (this.listingView ??= this.listingBytes.subarray(0, this.listingEnd));
  }

  all(): readonly Buffer[] {
    return this.messages;
  }

  private fits(message: Buffer): boolean {
    return this.messages.length < this.limits.maxMessages && this.bytes + message.length <= this.limits.maxBytes;
  }

  private keep(message: Buffer): void {
    // Copied: the message may be a view into a larger socket buffer that must not be kept alive.
    const separator = this.messages.length > 0 ? 1 : 0;
    const needed = this.listingEnd + separator + message.length;
    if (needed > this.listingBytes.length) this.relayout(this.lead, needed);
    const listing = this.listingBytes;
    if (separator === 1) listing[this.listingEnd] = LF;
    const start = this.listingEnd + separator;
    message.copy(listing, start);
    this.messages.push(listing.subarray(start, needed));
    this.listingEnd = needed;
    this.bytes += message.length;
    this.changed();
  }

  /**
   * Copies `lead` and the messages into a new buffer with room for `needed` bytes (twice that,
   * up to the most the listing can reach), and points the messages at their new place. Views
   * of the old buffer stay as they were.
   */
  private relayout(lead: Buffer, needed: number): void {
    const { maxMessages, maxBytes } = this.limits;
    const largest = lead.length + maxBytes + Math.max(0, maxMessages - 1);
    const listing = Buffer.allocUnsafe(Math.max(needed, Math.min(largest, Math.max(MIN_LISTING_CAPACITY, 2 * needed))));
    lead.copy(listing);
    let end = lead.length;
    this.messages = this.messages.map((message, index) => {
      if (index > 0) listing[end++] = LF;
      message.copy(listing, end);
      end += message.length;
      return listing.subarray(end - message.length, end);
    });
    this.lead = lead;
    this.listingBytes = listing;
    this.listingEnd = end;
    this.listingView = undefined;
  }

  private changed(): void {
    this.changes++;
    this.changedAtMs = Date.now();
    this.listingView = undefined;
  }
}
