import { headerTokens, headerValues, type Response } from '../http1/index.js';
import { visibleBytes } from '../expect/visible.js';

// What a response says of its own length and of the responses around it (RFC 9110 §8.6,
// RFC 9112 §6): pure judgements on responses already read, each returning what is wrong, or
// undefined when nothing is.

const DIGITS = /^[0-9]+$/;
/** A status line anywhere in a stretch of bytes: `HTTP/1.1 200`. */
const STATUS_LINE = /(?:^|\n)HTTP\/\d\.\d (\d{3})/g;

/**
 * How the response marks where it ends, RFC 9112 §6.3: a valid Content-Length, chunked as the
 * final transfer coding, or the close (a response with neither, read until the server closed).
 * A response that had to be read until a close the server never made did not get this far: its
 * read ran out of time. What is wrong: both fields at once (§6.2: "A sender MUST NOT send a
 * Content-Length header field in any message that contains a Transfer-Encoding header field"),
 * or a Content-Length that is not one decimal length.
 */
export function framingProblem(response: Response): string | undefined {
  const lengths = headerValues(response.headers, 'content-length');
  const codings = headerTokens(response.headers, 'transfer-encoding');
  if (lengths.length > 0 && headerValues(response.headers, 'transfer-encoding').length > 0) {
    return `both Content-Length (${lengths.join(', ')}) and Transfer-Encoding (${codings.join(', ')})`;
  }
  const parts = lengths.flatMap((value) => value.split(',').map((part) => part.trim()));
  if (parts.some((part) => !DIGITS.test(part))) return `Content-Length ${JSON.stringify(lengths.join(', '))} is not a decimal length`;
  if (new Set(parts).size > 1) return `Content-Length has different values: ${lengths.join(', ')}`;
  return undefined;
}

/** How the response was framed, for the report. */
export function describeFraming(response: Response, method: string): string {
  const lengths = headerValues(response.headers, 'content-length');
  const codings = headerTokens(response.headers, 'transfer-encoding');
  if (method === 'HEAD' || response.status === 204 || response.status === 304) return `no content by its status or method (${response.status} to ${method})`;
  if (codings.length > 0) return codings.at(-1) === 'chunked' ? `chunked (Transfer-Encoding: ${codings.join(', ')})` : `the close (Transfer-Encoding: ${codings.join(', ')} does not end in chunked)`;
  if (lengths.length > 0) return `Content-Length: ${lengths.join(', ')}`;
  return 'the close (neither Content-Length nor Transfer-Encoding)';
}

/**
 * RFC 9110 §8.6: a Content-Length in a response to HEAD, or in a 304, is the length the content
 * of the GET's (the 200's) response would have had; `previous` is that response, read just before.
 */
export function lengthAgainstPrevious(response: Response, previous: Response): string | undefined {
  const lengths = headerValues(response.headers, 'content-length');
  if (lengths.length === 0) return undefined;
  const said = lengths.join(', ');
  return said === String(previous.body.length) ? undefined : `Content-Length: ${said}, where the previous response's content was ${previous.body.length} bytes`;
}

/**
 * RFC 9110 §9.3.7: "A server MUST generate a Content-Length field with a value of "0" if no
 * content is to be sent in the response" to OPTIONS; judged on a 2xx without content but a 204,
 * which MUST NOT carry Content-Length at all (§8.6).
 */
export function emptySuccessLengthProblem(response: Response): string | undefined {
  if (response.status < 200 || response.status > 299 || response.status === 204 || response.body.length > 0) return undefined;
  const lengths = headerValues(response.headers, 'content-length');
  return lengths.join(', ') === '0' ? undefined : `a ${response.status} without content has ${lengths.length === 0 ? 'no Content-Length' : `Content-Length: ${lengths.join(', ')}`}`;
}

/**
 * The first 2xx among responses that came after the one read: the sign that bytes the server
 * should have taken as a body (or as part of a chunk) were answered as a request of their own.
 * An error status after an early answer is the server refusing what it then read, not that.
 */
export function followingSuccess(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1');
  for (const found of text.matchAll(STATUS_LINE)) {
    if (found[1]!.startsWith('2')) return `a ${found[1]} response followed: ${visibleBytes(bytes.subarray(found.index!, found.index! + 80))}`;
  }
  return undefined;
}
