/** One `data` event of the socket: the bytes exactly as they arrived, and when. */
export interface ReceivedChunk {
  /** Milliseconds since the connection attempt began. */
  readonly atMs: number;
  /** Position of the first byte in the connection's incoming stream. */
  readonly offset: number;
  readonly bytes: Buffer;
}

/**
 * Everything a connection has received, kept as the chunks it came in, so that any stretch of
 * the stream can be given back exactly and each byte's arrival time is known.
 */
export class ReceivedStream {
  private readonly list: ReceivedChunk[] = [];
  private total = 0;

  get chunks(): readonly ReceivedChunk[] {
    return this.list;
  }

  /** Bytes received so far: the stream offset the next byte will have. */
  get length(): number {
    return this.total;
  }

  append(bytes: Buffer, atMs: number): void {
    this.list.push({ atMs, offset: this.total, bytes });
    this.total += bytes.length;
  }

  /** A copy of the stream from `start` up to (not including) `end`. */
  slice(start: number, end: number = this.total): Buffer {
    const parts: Buffer[] = [];
    for (const chunk of this.list) {
      const from = Math.max(start, chunk.offset);
      const to = Math.min(end, chunk.offset + chunk.bytes.length);
      if (from < to) parts.push(chunk.bytes.subarray(from - chunk.offset, to - chunk.offset));
    }
    return Buffer.concat(parts);
  }

  /** When the byte at `offset` arrived; it must have. */
  arrivalAtMs(offset: number): number {
    const chunk = this.list.find((c) => offset >= c.offset && offset < c.offset + c.bytes.length);
    if (chunk === undefined) throw new RangeError(`Byte ${offset} has not been received`);
    return chunk.atMs;
  }
}
