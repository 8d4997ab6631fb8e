const EMPTY = Buffer.alloc(0);
/** The first copy's room: small bodies in pieces stay small. */
const MIN_CAPACITY = 1024;
/** Pieces up to this size are copied byte by byte: cheaper than a call into Buffer.copy. */
const BYTEWISE_COPY = 16;

/**
 * A body gathered from the pieces it arrived in. A body that comes in one piece is that piece's
 * view, not copied; from the second piece on, the bytes are copied into one buffer that doubles
 * as it fills, up to `capacityLimit`. So a body costs its length (twice at most, while it grows)
 * however many pieces it came in, and keeps none of the input buffers alive.
 */
export class BodyBuffer {
  /** Holds the body in [0, length): the first piece's view, or storage of its own. */
  private bytes: Buffer = EMPTY;
  private owned = false;
  length = 0;

  /** `capacityLimit`: the most the body can reach (the body limit, or the Content-Length). */
  constructor(private readonly capacityLimit: number) {}

  /** Appends source[start, end). */
  append(source: Buffer, start: number, end: number): void {
    const count = end - start;
    if (count <= 0) return;
    if (this.length === 0) {
      this.bytes = source.subarray(start, end);
      this.length = count;
      return;
    }
    const length = this.length + count;
    if (!this.owned || length > this.bytes.length) this.grow(length);
    const bytes = this.bytes;
    if (count <= BYTEWISE_COPY) for (let i = 0; i < count; i++) bytes[this.length + i] = source[start + i]!;
    else source.copy(bytes, this.length, start, end);
    this.length = length;
  }

  /** The body, whole; the buffer is empty again. */
  take(): Buffer {
    const body = this.owned ? this.bytes.subarray(0, this.length) : this.bytes;
    this.bytes = EMPTY;
    this.owned = false;
    this.length = 0;
    return body;
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, Math.min(this.capacityLimit, Math.max(MIN_CAPACITY, 2 * needed)));
    const grown = Buffer.allocUnsafe(capacity);
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
    this.owned = true;
  }
}
