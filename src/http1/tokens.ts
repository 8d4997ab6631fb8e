/**
 * Byte classes of RFC 9110 §5.6.2 and §5.5, as lookup tables: the parser's hot loops test
 * one byte at a time and a table lookup is the cheapest test there is.
 */
function table(predicate: (byte: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = predicate(b) ? 1 : 0;
  return t;
}

const TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

/** tchar: the bytes of a token (method names, field names, transfer codings). */
export const TCHAR = table(
  (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || TCHAR_SYMBOLS.includes(String.fromCharCode(b)),
);

/** Bytes allowed inside a field value: VCHAR, obs-text, SP and HTAB. */
export const FIELD_VALUE_BYTE = table((b) => (b >= 0x21 && b <= 0x7e) || b >= 0x80 || b === 0x20 || b === 0x09);

/** qdtext: a quoted-string's bytes other than DQUOTE and backslash (RFC 9110 §5.6.4). */
export const QDTEXT = table((b) => b === 0x09 || b === 0x20 || b === 0x21 || (b >= 0x23 && b <= 0x5b) || (b >= 0x5d && b <= 0x7e) || b >= 0x80);

const isAlphanumeric = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
/** The symbols of RFC 3986's unreserved (§2.3) and sub-delims (§2.2): taken as they are in every part of a URI. */
const URI_SYMBOLS = "-._~!$&'()*+,;=";
const isUriSymbolIn = (symbols: string, b: number): boolean => symbols.includes(String.fromCharCode(b));

/**
 * Bytes a request-target may hold (RFC 9112 §3.2, built of RFC 3986 parts): unreserved,
 * sub-delims, the `:@/?` of paths and queries, the `%` of a percent-encoding and the brackets
 * of an IP literal. Not `#` (a fragment is never sent), `\`, `"`, `<`, `>`, `^`, `` ` ``, `{`,
 * `|`, `}`, a space, a control byte or raw non-ASCII.
 */
export const TARGET_BYTE = table((b) => isAlphanumeric(b) || isUriSymbolIn(`${URI_SYMBOLS}:@/?%[]`, b));

/** Bytes of a reg-name in a Host value: unreserved, sub-delims, and `%` of a percent-encoding (RFC 3986 §3.2.2). */
export const REG_NAME_BYTE = table((b) => isAlphanumeric(b) || isUriSymbolIn(`${URI_SYMBOLS}%`, b));

/** Bytes inside an IP literal's brackets: hex digits, `:` and `.` (RFC 3986 §3.2.2). */
export const IP_LITERAL_BYTE = table((b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) || b === 0x3a || b === 0x2e);

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;
export const COLON = 0x3a;
export const SEMICOLON = 0x3b;
export const EQUALS = 0x3d;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;

/** The value of a hex digit (RFC 5234 HEXDIG, either case), or -1 for any other char code. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (TCHAR[text.charCodeAt(i)] !== 1) return false;
  return true;
}
