import type { Socket } from 'node:net';

/** Up to this size, the buffers of one write are copied into one; past it, they go out as they are (writev). */
const MAX_COALESCED_BYTES = 64 * 1024;
/**
 * A buffer larger than this is a body the writer did not copy (one many connections share, such
 * as the listing): the write it is in is never coalesced, so no connection holds a copy of it.
 */
const MAX_COPIED_BUFFER = 16 * 1024;

/**
 * The responses to one chunk of input, gathered to go out in one write. The common case, one
 * response of one buffer, needs no array: one is made only for a second buffer (pipelined
 * requests, or a large body beside its head).
 */
export class ResponseBatch {
  private first: Buffer | undefined;
  private rest: Buffer[] | undefined;
  /** Bytes gathered since the last write. */
  bytes = 0;
  /** Whether a buffer gathered since the last write is too large to copy. */
  private hasLarge = false;

  push(buffer: Buffer, second?: Buffer): void {
    this.add(buffer);
    if (second !== undefined) this.add(second);
  }

  /**
   * Writes what was gathered, if anything, and empties the batch: small buffers copied into
   * one, large ones (or many) handed over as they are, corked so they still go out in one writev.
   */
  writeTo(socket: Socket): void {
    const { first, rest, bytes, hasLarge } = this;
    if (first === undefined) return;
    this.first = undefined;
    this.rest = undefined;
    this.bytes = 0;
    this.hasLarge = false;
    if (rest === undefined) {
      socket.write(first);
      return;
    }
    rest.unshift(first);
    if (bytes <= MAX_COALESCED_BYTES && !hasLarge) {
      socket.write(Buffer.concat(rest, bytes));
      return;
    }
    socket.cork();
    for (const buffer of rest) socket.write(buffer);
    socket.uncork();
  }

  private add(buffer: Buffer): void {
    this.bytes += buffer.length;
    if (buffer.length > MAX_COPIED_BUFFER) this.hasLarge = true;
    if (this.first === undefined) this.first = buffer;
    else (this.rest ??= []).push(buffer);
  }
}
