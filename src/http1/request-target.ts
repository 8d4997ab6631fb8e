import { hexValue, IP_LITERAL_BYTE, REG_NAME_BYTE, TARGET_BYTE } from './tokens.js';

/** The four forms of request-target (RFC 9112 §3.2), reduced to what routing needs. */
export type RequestTarget =
  | { readonly form: 'origin'; readonly path: string; readonly query: string }
  | { readonly form: 'absolute'; readonly authority: string; readonly path: string; readonly query: string }
  | { readonly form: 'authority' }
  | { readonly form: 'asterisk' };

/** Why a string is not a request-target, and the index of the character that shows it. */
export interface TargetFault {
  readonly at: number;
  readonly reason: string;
}

const ASTERISK: RequestTarget = { form: 'asterisk' };
const AUTHORITY: RequestTarget = { form: 'authority' };
const ABSOLUTE_PREFIX = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const HASH = 0x23;
const PERCENT = 0x25;

/** The reason a byte cannot stand in a request-target (it is not a TARGET_BYTE). */
export function targetByteFault(byte: number): string {
  if (byte === HASH) return "Request-target holds '#': a fragment is never part of a request-target (RFC 9112 §3.2)";
  const shown = byte > 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
  return `Request-target holds ${shown}, which RFC 3986 does not allow in a URI`;
}

/** The request-target's form and parts; undefined when it is none of the four forms. */
export function maybeRequestTarget(target: string): RequestTarget | undefined {
  const read = readRequestTarget(target);
  return 'form' in read ? read : undefined;
}

/**
 * request-target = origin-form / absolute-form / authority-form / asterisk-form (RFC 9112 §3.2).
 * Only the characters RFC 3986 allows, and every `%` starts a percent-encoding (`%` and two hex
 * digits, RFC 3986 §2.1): a stray `%` is not guessed at, as two readers could decode it two ways.
 * Percent-encodings are kept, not decoded. Which method a form may go with is the caller's to judge.
 */
export function readRequestTarget(target: string): RequestTarget | TargetFault {
  const fault = characterFault(target);
  if (fault !== undefined) return fault;
  if (target === '*') return ASTERISK;
  if (target.charCodeAt(0) === 0x2f /* / */) {
    const parts = pathAndQuery(target, 0);
    return 'at' in parts ? parts : { form: 'origin', ...parts };
  }
  const scheme = ABSOLUTE_PREFIX.exec(target);
  if (scheme !== null) return absoluteForm(target, scheme[0].length);
  const hostPort = splitHostAndPort(target);
  // authority-form = uri-host ":" port (RFC 9112 §3.2.3); CONNECT needs the port (RFC 9110 §9.3.6).
  if (hostPort !== undefined && hostPort.host !== '' && hostPort.port !== undefined && hostPort.port !== '') return AUTHORITY;
  return { at: 0, reason: 'Request-target is none of origin-form, absolute-form, authority-form and asterisk-form (RFC 9112 §3.2)' };
}

function characterFault(target: string): TargetFault | undefined {
  if (target === '') return { at: 0, reason: 'Request-target is empty' };
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c > 0xff || TARGET_BYTE[c] !== 1) return { at: i, reason: targetByteFault(c) };
    if (c === PERCENT && (hexValue(target.charCodeAt(i + 1)) === -1 || hexValue(target.charCodeAt(i + 2)) === -1)) {
      return { at: i, reason: "Request-target holds a '%' that is not followed by two hex digits (RFC 3986 §2.1)" };
    }
  }
  return undefined;
}

/** scheme "://" authority path-abempty [ "?" query ] (RFC 3986 §3); `http://host` addresses `/`. */
function absoluteForm(target: string, authorityStart: number): RequestTarget | TargetFault {
  let authorityEnd = authorityStart;
  while (authorityEnd < target.length && target[authorityEnd] !== '/' && target[authorityEnd] !== '?') authorityEnd++;
  const authority = target.slice(authorityStart, authorityEnd);
  const hostPort = splitHostAndPort(authority);
  // RFC 9110 §4.2.1: an http URI with an empty host is invalid; §4.2.4: userinfo is an error.
  if (hostPort === undefined || hostPort.host === '') {
    return { at: authorityStart, reason: 'Absolute-form authority is not a host and optional port (RFC 9110 §4.2)' };
  }
  const parts = pathAndQuery(target, authorityEnd);
  if ('at' in parts) return parts;
  return { form: 'absolute', authority, path: parts.path === '' ? '/' : parts.path, query: parts.query };
}

/** target[from..] split at its first `?`; brackets belong to an authority only (RFC 3986 §3.2.2). */
function pathAndQuery(target: string, from: number): { readonly path: string; readonly query: string } | TargetFault {
  const bracket = target.slice(from).search(/[[\]]/);
  if (bracket !== -1) return { at: from + bracket, reason: 'Request-target has a bracket outside an IP literal (RFC 3986 §3.2.2)' };
  const q = target.indexOf('?', from);
  return q === -1 ? { path: target.slice(from), query: '' } : { path: target.slice(from, q), query: target.slice(q + 1) };
}

/**
 * uri-host [ ":" port ] (RFC 9112 §3.2, RFC 3986 §3.2.2): an IP literal in brackets or a
 * reg-name (percent-encoded octets are not decoded, so `%` passes as a character), and the port's
 * digits, undefined without a colon. Both may be empty, as in a URI without authority.
 * Undefined when the value is neither, e.g. with userinfo (`user@host`) or a path.
 */
export function splitHostAndPort(value: string): { readonly host: string; readonly port: string | undefined } | undefined {
  const n = value.length;
  let i = 0;
  if (n > 0 && value.charCodeAt(0) === 0x5b /* [ */) {
    i = 1;
    while (i < n && isByteIn(IP_LITERAL_BYTE, value.charCodeAt(i))) i++;
    if (i === 1 || i === n || value.charCodeAt(i) !== 0x5d /* ] */) return undefined;
    i++;
  } else {
    while (i < n && isByteIn(REG_NAME_BYTE, value.charCodeAt(i))) i++;
  }
  const host = value.slice(0, i);
  if (i === n) return { host, port: undefined };
  if (value.charCodeAt(i) !== 0x3a /* : */) return undefined;
  for (let j = i + 1; j < n; j++) {
    const c = value.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return { host, port: value.slice(i + 1) };
}

/** `c` is a char code of a latin1 string: one byte. */
const isByteIn = (table: Uint8Array, c: number): boolean => c < 256 && table[c] === 1;
