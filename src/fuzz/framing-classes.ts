import { METHODS } from 'node:http';
import { headerTokens, headerValues, isProtocolError, maybeRequestTarget } from '../http1/index.js';
import { parseRequestLine, type RequestLine } from '../http1/request-line.js';
import { hexValue } from '../http1/tokens.js';
import type { FramedRequest } from './framing.js';
import type { FramingDifference, Outcome } from './framing-diff.js';

/**
 * The documented ways the bundled server frames a stream differently from llhttp: the
 * differential fuzzer's allow-list. Each class is an entry of docs/behaviour.md's "Where it
 * frames differently from llhttp", under its id, with the RFC sentence that allows the bundled
 * server's choice; a difference that matches none of them fails the run.
 *
 * A class is recognised by its cause, not only by the two outcomes: the code of the refusal and
 * the bytes where it was made (`offset`), so that another cause with the same codes is not let
 * through. The same cause can show as "llhttp refuses, the bundled parser accepts" or, in a cut
 * stream, "…waits for more": where one parser refused, the other did not, however it went on.
 */
export interface FramingClass {
  /** Its entry's id in docs/behaviour.md. */
  readonly id: string;
  /** What each parser does, in one line. */
  readonly summary: string;
  matches(difference: FramingDifference, bytes: Buffer): boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const isBlank = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x09;

type Refusal = Extract<Outcome, { kind: 'error' }>;
const refusal = (outcome: Outcome): Refusal | undefined => (outcome.kind === 'error' ? outcome : undefined);

/** The bundled parser refused with one of `codes`. */
const bundledRefuses = (d: FramingDifference, ...codes: string[]): boolean => codes.includes(refusal(d.bundled)?.code ?? '');

/** llhttp refused with `code` (and `reason`, when given), at the offset it returns. */
function llhttpRefusal(d: FramingDifference, code: string, reason?: string): number | undefined {
  const error = refusal(d.llhttp);
  if (error === undefined || error.code !== code || (reason !== undefined && error.reason !== reason)) return undefined;
  return error.offset;
}

/** LF alone at `offset` or just before it: llhttp reports the byte after it for some lines. */
const bareLfNear = (bytes: Buffer, offset: number): boolean =>
  (bytes[offset] === LF && bytes[offset - 1] !== CR) || (bytes[offset - 1] === LF && bytes[offset - 2] !== CR);

/**
 * An LF ends the line `offset` is in: the bundled parser had all of it. Without one, only
 * llhttp, which refuses byte by byte, could have judged it (judged-when-whole).
 */
const lineIsWhole = (bytes: Buffer, offset: number): boolean => bytes.indexOf(LF, offset) !== -1;

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Whitespace at `offset` or just before it (llhttp reports either) after a chunk size, a ";"
 * or an "=": BWS, not a line that starts with whitespace.
 */
function bwsAt(bytes: Buffer, offset: number): boolean {
  let i = isBlank(bytes[offset]) ? offset : isBlank(bytes[offset - 1]) ? offset - 1 : -1;
  if (i === -1) return false;
  while (isBlank(bytes[i - 1])) i--;
  const before = bytes[i - 1];
  return (before !== undefined && hexValue(before) !== -1) || before === SEMICOLON || before === EQUALS;
}

/**
 * The request line llhttp refused with `code` (and `reason`), as the bundled parser reads it:
 * undefined when that parser refuses it too, or when the line is not whole.
 */
function requestLineRefused(d: FramingDifference, bytes: Buffer, code: string, reason?: string): RequestLine | undefined {
  const offset = llhttpRefusal(d, code, reason);
  if (offset === undefined || d.start === undefined) return undefined;
  // Empty lines before a request line are skipped (RFC 9112 §2.2).
  let start = d.start;
  while (bytes[start] === LF || (bytes[start] === CR && bytes[start + 1] === LF)) start += bytes[start] === LF ? 1 : 2;
  const lf = bytes.indexOf(LF, start);
  if (lf === -1 || offset < start || offset > lf) return undefined;
  try {
    return parseRequestLine(bytes, start, bytes[lf - 1] === CR ? lf - 1 : lf, start);
  } catch (error) {
    if (isProtocolError(error)) return undefined;
    throw error;
  }
}

/** The head the two parsers were reading where they parted, as whichever of them read it. */
const headOf = (d: FramingDifference): FramedRequest | undefined => d.bundledRequest ?? d.llhttpRequest;

/** A Transfer-Encoding field is there, and names no coding. */
const namesNoCoding = (request: FramedRequest | undefined): boolean =>
  request !== undefined && headerValues(request.headers, 'transfer-encoding').length > 0 && headerTokens(request.headers, 'transfer-encoding').length === 0;

/** A Transfer-Encoding or Connection field line whose value is followed by whitespace. */
const FRAMING_VALUE_THEN_BLANK = /\n(?:transfer-encoding|connection):[^\r\n]*[^ \t\r\n][ \t]+\r?\n/i;

/** More digits than the bundled parser reads as a Content-Length (15: an exact integer). */
const LONG_LENGTH = /^\d{16,}$/;

/** llhttp's refusals of a line end that is not CRLF. */
const AT_LINE_END = ['HPE_CR_EXPECTED', 'HPE_LF_EXPECTED', 'HPE_INVALID_VERSION', 'HPE_INVALID_HEADER_TOKEN', 'HPE_STRICT'];
/** llhttp's refusals of a Content-Length or Transfer-Encoding field, made as it is read. */
const FRAMING_FIELD_REFUSALS = ['HPE_INVALID_CONTENT_LENGTH', 'HPE_UNEXPECTED_CONTENT_LENGTH', 'HPE_INVALID_TRANSFER_ENCODING'];

const LIMIT_CODES = ['REQUEST_LINE_TOO_LONG', 'HEADERS_TOO_LARGE', 'TOO_MANY_HEADERS', 'BODY_TOO_LARGE'];

export const FRAMING_CLASSES: readonly FramingClass[] = [
  {
    id: 'host-field',
    summary: 'the bundled server refuses a request without Host (HTTP/1.1), with two, or with a value that is not a host and port; llhttp does not judge Host',
    matches: (d) => bundledRefuses(d, 'MISSING_HOST', 'DUPLICATE_HOST', 'INVALID_HOST'),
  },
  {
    id: 'version-major',
    summary: 'the bundled server answers HTTP/0.x, 2.x and 3.x request lines with 505; llhttp reads them',
    matches: (d) => bundledRefuses(d, 'UNSUPPORTED_VERSION'),
  },
  {
    id: 'version-minor',
    summary: 'the bundled server reads HTTP/1.2 to HTTP/1.9 as HTTP/1.1; llhttp refuses them',
    matches: (d, bytes) => {
      const line = requestLineRefused(d, bytes, 'HPE_INVALID_VERSION', 'Invalid HTTP version');
      return line !== undefined && line.version.major === 1 && line.version.minor >= 2;
    },
  },
  {
    id: 'method-token',
    summary: 'the bundled parser reads any token as a method; llhttp refuses methods it does not know',
    matches: (d, bytes) => {
      const line = requestLineRefused(d, bytes, 'HPE_INVALID_METHOD');
      return line !== undefined && !METHODS.includes(line.method);
    },
  },
  {
    id: 'method-too-long',
    summary: 'the bundled server answers a method longer than OPTIONS with 501 as soon as it is; llhttp reads the methods it knows (M-SEARCH)',
    matches: (d) => bundledRefuses(d, 'METHOD_TOO_LONG'),
  },
  {
    id: 'request-line-spaces',
    summary: 'the bundled parser takes exactly one SP between method, target and version and no line without a version; llhttp takes more SP, and a line without version as HTTP/0.9',
    matches: (d) => bundledRefuses(d, 'INVALID_REQUEST_LINE'),
  },
  {
    id: 'request-target',
    summary: 'the bundled parser refuses a target outside RFC 3986 and the four forms (CONNECT to a host without port); llhttp reads some of them',
    matches: (d) => bundledRefuses(d, 'INVALID_TARGET'),
  },
  {
    id: 'authority-form',
    summary: 'the bundled parser reads authority-form with any method (the route answers 400); llhttp refuses it but with CONNECT',
    matches: (d, bytes) => {
      const line = requestLineRefused(d, bytes, 'HPE_INVALID_URL');
      return line !== undefined && line.method !== 'CONNECT' && maybeRequestTarget(line.target)?.form === 'authority';
    },
  },
  {
    id: 'bare-lf',
    summary: 'the bundled parser takes LF alone as the end of a line of the head; llhttp refuses it',
    matches: (d, bytes) => {
      const error = refusal(d.llhttp);
      return error?.offset !== undefined && AT_LINE_END.includes(error.code) && bareLfNear(bytes, error.offset);
    },
  },
  {
    id: 'bare-cr',
    summary: 'the bundled parser refuses a CR that does not end a line, before a request line too; llhttp skips it there',
    matches: (d, bytes) => {
      const offset = refusal(d.bundled)?.offset;
      return offset !== undefined && bytes[offset] === CR && bytes[offset + 1] !== LF;
    },
  },
  {
    id: 'chunk-extension-bws',
    summary: 'the bundled parser takes whitespace (BWS) around the ";" and "=" of a chunk extension; llhttp refuses it',
    matches: (d, bytes) => {
      const error = refusal(d.llhttp);
      const inChunkLine = error?.code === 'HPE_INVALID_CHUNK_SIZE' || (error?.code === 'HPE_STRICT' && /chunk extension/i.test(error.reason));
      // llhttp reports the whitespace, or the byte after it.
      return inChunkLine && error.offset !== undefined && lineIsWhole(bytes, error.offset) && bwsAt(bytes, error.offset);
    },
  },
  {
    id: 'field-value-ows',
    summary: 'the bundled parser trims spaces and tabs around every field value, framing fields included; llhttp refuses them after the digits of a Content-Length, and does not see chunked or keep-alive with a tab after it',
    matches: (d, bytes) => {
      const offset = llhttpRefusal(d, 'HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
      if (offset !== undefined) return lineIsWhole(bytes, offset) && isBlank(bytes[offset]) && isDigit(bytes[offset - 1]);
      const seen = llhttpRefusal(d, 'HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`') !== undefined || (d.field === 'keep-alive' && d.bundledRequest?.keepAlive === true);
      return seen && FRAMING_VALUE_THEN_BLANK.test(bytes.toString('latin1'));
    },
  },
  {
    id: 'transfer-encoding-empty-element',
    summary: 'the bundled parser ignores empty elements of the Transfer-Encoding list (`chunked` then `,`); llhttp refuses them',
    matches: (d, bytes) => {
      const offset = llhttpRefusal(d, 'HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
      return offset !== undefined && lineIsWhole(bytes, offset) && (bytes[offset] === COMMA || bytes[offset - 1] === COMMA);
    },
  },
  {
    id: 'transfer-encoding-empty',
    summary: 'the bundled server refuses (400) a Transfer-Encoding field that names no coding, alone or with Content-Length; llhttp ignores it',
    matches: (d) => bundledRefuses(d, 'INVALID_TRANSFER_ENCODING', 'CONTENT_LENGTH_WITH_TRANSFER_ENCODING', 'CHUNKED_NOT_FINAL') && namesNoCoding(headOf(d)),
  },
  {
    id: 'transfer-coding-unimplemented',
    summary: 'the bundled server answers 501 to a transfer coding before chunked that it does not implement (`gzip, chunked`); llhttp frames the chunked body',
    matches: (d) => bundledRefuses(d, 'UNSUPPORTED_TRANSFER_CODING'),
  },
  {
    id: 'transfer-encoding-http10',
    summary: 'the bundled server refuses Transfer-Encoding in an HTTP/1.0 request; llhttp frames it',
    matches: (d) => bundledRefuses(d, 'TRANSFER_ENCODING_IN_HTTP10'),
  },
  {
    id: 'connection-close-wins',
    summary: 'the bundled parser closes after a request whose Connection lists close, keep-alive listed too; llhttp keeps an HTTP/1.0 connection alive when keep-alive comes last',
    matches: (d) => d.field === 'keep-alive' && d.bundledRequest?.keepAlive === false && headerTokens(d.bundledRequest.headers, 'connection').includes('close'),
  },
  {
    id: 'no-protocol-switch',
    summary: 'the bundled server never switches protocols and frames what follows CONNECT or Upgrade as HTTP/1.1; llhttp hands the connection over after the head',
    matches: (d) => d.llhttp.kind === 'handover',
  },
  {
    id: 'limits',
    summary: "a size limit of one parser and not the other: the bundled server's (413, 414, 431, and 400 for a Content-Length of more than 15 digits) or node's 16 KiB head",
    matches: (d) =>
      bundledRefuses(d, ...LIMIT_CODES) ||
      (bundledRefuses(d, 'INVALID_CONTENT_LENGTH') && headerValues(headOf(d)?.headers ?? [], 'content-length').some((value) => LONG_LENGTH.test(value))) ||
      llhttpRefusal(d, 'HPE_HEADER_OVERFLOW') !== undefined,
  },
  {
    id: 'judged-when-whole',
    summary: 'the bundled parser judges a line, and a head, once it has all of it; llhttp refuses at the first byte it cannot take, so in a stream that ends there only llhttp has refused',
    matches: (d, bytes) => {
      if (d.bundled.kind !== 'partial') return false;
      const error = refusal(d.llhttp);
      // A trailing CR, which llhttp drops and the bundled parser keeps for the LF that may follow.
      if (error === undefined) return d.llhttp.kind === 'idle' && d.start !== undefined && bytes.subarray(d.start).every((byte) => byte === CR || byte === LF);
      if (error.offset !== undefined && !lineIsWhole(bytes, error.offset)) return true;
      // The framing fields are judged once the head is whole.
      return d.bundledRequest === undefined && FRAMING_FIELD_REFUSALS.includes(error.code);
    },
  },
];

/** The documented class of a difference, the first that matches; undefined for one not documented. */
export function classify(difference: FramingDifference, bytes: Buffer): FramingClass | undefined {
  return FRAMING_CLASSES.find((c) => c.matches(difference, bytes));
}
