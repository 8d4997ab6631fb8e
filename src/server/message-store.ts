export interface StoreLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

const LISTING_SEPARATOR = Buffer.from('\n');

/**
 * The assignment's in-memory message list. Messages are kept as the exact bytes posted, and
 * the joined listing is built once per change rather than once per GET.
 */
export class MessageStore {
  private messages: Buffer[] = [];
  private bytes = 0;
  private listing: Buffer | undefined;

  constructor(private readonly limits: StoreLimits) {}

  get size(): number {
    return this.messages.length;
  }

  /** Appends a message, or returns false (storing nothing) when the store is full. */
  append(message: Buffer): boolean {
    if (this.messages.length >= this.limits.maxMessages || this.bytes + message.length > this.limits.maxBytes) return false;
    // Copy: the message may be a view into a larger socket buffer that must not be kept alive.
    this.messages.push(Buffer.from(message));
    this.bytes += message.length;
    this.listing = undefined;
    return true;
  }

  clear(): void {
    this.messages = [];
    this.bytes = 0;
    this.listing = undefined;
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
}
