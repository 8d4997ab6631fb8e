import { utf8Units } from './utf8.js';

/**
 * Characters that would hide or rearrange text in a report: C0 and C1 controls, DEL, line and
 * paragraph separators, the byte-order mark, zero-width and bidirectional formatting marks.
 */
const INVISIBLE = /[\p{Cc}\p{Zl}\p{Zp}\u{FEFF}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}]/u;

/** True for a character that must be shown as an escape rather than as itself. */
export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char);
}

export function byteEscape(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

const NAMED_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\r', '\\r'],
  ['\n', '\\n'],
  ['\t', '\\t'],
  ['\\', '\\\\'],
]);

function visible(buf: Buffer, newlineAfterLf: boolean): string {
  let out = '';
  for (const unit of utf8Units(buf)) {
    if (unit.kind === 'invalid') {
      out += byteEscape(unit.byte);
      continue;
    }
    const named = NAMED_ESCAPES.get(unit.char);
    if (named !== undefined) out += named + (newlineAfterLf && unit.char === '\n' ? '\n' : '');
    else if (isInvisible(unit.char)) out += [...unit.bytes].map(byteEscape).join('');
    else out += unit.char;
  }
  return out;
}

/**
 * Bytes as text a person can read exactly: CR as `\r`, LF as `\n` followed by a real line
 * break, tab as `\t`, a backslash as `\\`, other controls and bytes that are not UTF-8 as
 * `\xNN`. Printable UTF-8 (Korean included) is kept.
 */
export function visibleBytes(buf: Buffer): string {
  return visible(buf, true);
}

/** Like `visibleBytes`, for text that must stay on one line: LF is `\n` with no line break. */
export function visibleLine(text: string): string {
  return visible(Buffer.from(text, 'utf8'), false);
}
