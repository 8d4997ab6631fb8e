import { isAbsolute, relative } from 'node:path';
import type { ClientError, CloseObservation } from '../client/index.js';
import { visibleBytes } from '../expect/visible.js';

// How a session's exchanges read in the report and in failure messages.

/** How much of a long request or response the report shows: its start and its end. */
const REPORT_BYTES_HEAD = 4 * 1024;
const REPORT_BYTES_TAIL = 512;

/**
 * Bytes for the report, CR and LF made visible; a long run (a padded 1 MiB body) is cut in the
 * middle, so the report stays readable and small.
 */
export function reportBytes(bytes: Buffer): string {
  if (bytes.length <= REPORT_BYTES_HEAD + REPORT_BYTES_TAIL) return visibleBytes(bytes);
  const cut = bytes.length - REPORT_BYTES_HEAD - REPORT_BYTES_TAIL;
  return `${visibleBytes(bytes.subarray(0, REPORT_BYTES_HEAD))}\n… ${cut} bytes not shown …\n${visibleBytes(bytes.subarray(bytes.length - REPORT_BYTES_TAIL))}`;
}

/** A path relative to the working folder when it lies inside it: `fixtures/seed/get-root.yaml` reads better in a diff. */
export function shortPath(path: string): string {
  const short = relative(process.cwd(), path);
  return short.startsWith('..') || isAbsolute(short) ? path : short;
}

/** The server ended the connection before sending a byte: closed before the response, or cut while the request was sent. */
export function isCloseWithoutResponse(error: ClientError): boolean {
  return (error.code === 'CLOSED_BEFORE_RESPONSE' || error.code === 'SEND_FAILED') && error.received.length === 0;
}

export function describeClientError(error: ClientError): string {
  return `${error.code}: ${error.message}`;
}

export function describeClose(observation: CloseObservation, timeoutMs: number): string {
  if (!observation.closed) return `still open after ${timeoutMs} ms`;
  const after = observation.afterResponseMs === undefined ? '' : `, ${observation.afterResponseMs.toFixed(0)} ms after the last response was complete`;
  return `closed by the ${observation.by}${observation.reset ? ' (reset)' : ''} at ${observation.atMs.toFixed(0)} ms${after}`;
}
