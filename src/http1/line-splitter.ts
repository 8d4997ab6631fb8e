import { CR, LF } from './tokens.js';

/** One line cut out of a buffer: its text bytes are [start, end), `next` is past its line end. */
export interface Line {
  readonly start: number;
  readonly end: number;
  readonly next: number;
  /** True when the line ended with LF alone rather than CRLF. */
  readonly bareLf: boolean;
}

/**
 * Finds the line starting at `start`. Returns undefined when no LF has arrived yet.
 * CR is only part of the line end when it stands right before LF; a CR elsewhere stays in the
 * line for the caller to reject.
 */
export function maybeLine(buf: Buffer, start: number): Line | undefined {
  const lf = buf.indexOf(LF, start);
  if (lf === -1) return undefined;
  const crlf = lf > start && buf[lf - 1] === CR;
  return { start, end: crlf ? lf - 1 : lf, next: lf + 1, bareLf: !crlf };
}
