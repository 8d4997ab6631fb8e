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

/** Bytes allowed in a request-target: visible ASCII (RFC 3986 characters and then some). */
export const TARGET_BYTE = table((b) => b >= 0x21 && b <= 0x7e);

const isAlphanumeric = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const REG_NAME_SYMBOLS = "-._~!$&'()*+,;=%";

/** Bytes of a reg-name in a Host value: unreserved, sub-delims, and `%` of a percent-encoding (RFC 3986 §3.2.2). */
export const REG_NAME_BYTE = table((b) => isAlphanumeric(b) || REG_NAME_SYMBOLS.includes(String.fromCharCode(b)));

/** Bytes inside an IP literal's brackets: hex digits, `:` and `.` (RFC 3986 §3.2.2). */
export const IP_LITERAL_BYTE = table((b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) || b === 0x3a || b === 0x2e);

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;
export const COLON = 0x3a;

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (TCHAR[text.charCodeAt(i)] !== 1) return false;
  return true;
}
