import { isPlaceholderName, type PlaceholderName } from './placeholders.js';
import { utf8Units, type Utf8Unit } from './utf8.js';
import { byteEscape, isInvisible } from './visible.js';

/**
 * The one convention for writing request bytes as fixture text (`raw:`), decoded here and
 * nowhere else:
 *
 * - A line break in the text is CRLF on the wire, unless the line ends with an explicit `\r`
 *   or `\n` escape: then the escape is the line's whole ending.
 * - Line breaks at the very end of the text are dropped (YAML adds one to block scalars), so a
 *   request that ends in CRLF spells its last one as `\r\n`.
 * - Escapes: `\r` CR, `\n` LF, `\t` tab, `\0` NUL, `\\` backslash, `\xNN` the byte NN.
 * - `{host}`, `{port}`, `{authority}` are filled from the server; write `\x7b` for a literal `{`
 *   in front of one of those names.
 * - Everything else is UTF-8 text, sent as is.
 */
export type RawTextToken =
  | { readonly kind: 'text'; readonly index: number; readonly text: string }
  | { readonly kind: 'escape'; readonly index: number; readonly byte: number }
  | { readonly kind: 'line-break'; readonly index: number }
  | { readonly kind: 'placeholder'; readonly index: number; readonly name: PlaceholderName }
  | { readonly kind: 'bad-escape'; readonly index: number; readonly text: string };

const SIMPLE_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['r', 0x0d],
  ['n', 0x0a],
  ['t', 0x09],
  ['0', 0x00],
  ['\\', 0x5c],
]);

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');
const HEX_PAIR = /^[0-9a-fA-F]{2}$/;
const PLACEHOLDER_AT = /^\{([a-z-]+)\}/;

interface Scanned {
  readonly token: RawTextToken;
  /** How many characters of the text the token covers. */
  readonly length: number;
}

function scanEscape(text: string, index: number): Scanned {
  const letter = text[index + 1] ?? '';
  const simple = SIMPLE_ESCAPES.get(letter);
  if (simple !== undefined) return { token: { kind: 'escape', index, byte: simple }, length: 2 };
  const hex = text.slice(index + 2, index + 4);
  if (letter === 'x' && HEX_PAIR.test(hex)) return { token: { kind: 'escape', index, byte: parseInt(hex, 16) }, length: 4 };
  const bad = text.slice(index, index + 2);
  return { token: { kind: 'bad-escape', index, text: bad }, length: bad.length };
}

function maybePlaceholder(text: string, index: number): Scanned | undefined {
  const name = PLACEHOLDER_AT.exec(text.slice(index, index + 16))?.[1];
  if (name === undefined || !isPlaceholderName(name)) return undefined;
  return { token: { kind: 'placeholder', index, name }, length: name.length + 2 };
}

function maybeSpecial(text: string, index: number): Scanned | undefined {
  switch (text[index]) {
    case '\\':
      return scanEscape(text, index);
    case '\n':
      return { token: { kind: 'line-break', index }, length: 1 };
    case '{':
      return maybePlaceholder(text, index);
    default:
      return undefined;
  }
}

/** Splits raw text into the pieces its convention gives meaning to; indexes point into `rawText`. */
export function tokenizeRawText(rawText: string): RawTextToken[] {
  const text = rawText.replace(/\n+$/, '');
  const tokens: RawTextToken[] = [];
  let textStart = 0;
  let i = 0;
  while (i < text.length) {
    const special = maybeSpecial(text, i);
    if (special === undefined) {
      i += 1;
      continue;
    }
    if (i > textStart) tokens.push({ kind: 'text', index: textStart, text: text.slice(textStart, i) });
    tokens.push(special.token);
    i += special.length;
    textStart = i;
  }
  if (text.length > textStart) tokens.push({ kind: 'text', index: textStart, text: text.slice(textStart) });
  return tokens;
}

/**
 * The bytes raw text stands for. Placeholders without a value and malformed escapes are kept
 * as the text they are written as: validation is the loader's job, not this function's.
 */
export function rawTextBytes(rawText: string, values: ReadonlyMap<PlaceholderName, string>): Buffer {
  const parts: Buffer[] = [];
  let lineEndWritten = false;
  for (const token of tokenizeRawText(rawText)) {
    switch (token.kind) {
      case 'escape':
        parts.push(Buffer.of(token.byte));
        lineEndWritten = token.byte === CR || token.byte === LF;
        continue;
      case 'line-break':
        if (!lineEndWritten) parts.push(CRLF);
        break;
      case 'placeholder':
        parts.push(Buffer.from(values.get(token.name) ?? `{${token.name}}`, 'utf8'));
        break;
      case 'text':
      case 'bad-escape':
        parts.push(Buffer.from(token.text, 'utf8'));
        break;
    }
    lineEndWritten = false;
  }
  return Buffer.concat(parts);
}

const ESCAPED_CHARS: ReadonlyMap<string, string> = new Map([
  ['\t', '\\t'],
  ['\0', '\\0'],
  ['\\', '\\\\'],
]);

const LITERAL_PLACEHOLDER_BRACE = /\{(?=(?:host|port|authority|body-length)\})/g;

/** Spaces at a line's end written as escapes, so editors that trim lines cannot change the bytes. */
function withVisibleTrailingSpaces(line: string): string {
  return line.replace(/ +$/, (spaces) => '\\x20'.repeat(spaces.length));
}

function charAt(units: readonly Utf8Unit[], index: number): string | undefined {
  const unit = units[index];
  return unit?.kind === 'char' ? unit.char : undefined;
}

function escapedUnit(unit: Utf8Unit): string {
  if (unit.kind === 'invalid') return byteEscape(unit.byte);
  const named = ESCAPED_CHARS.get(unit.char);
  if (named !== undefined) return named;
  return isInvisible(unit.char) ? [...unit.bytes].map(byteEscape).join('') : unit.char;
}

/**
 * Raw text, in the convention above, for exactly these bytes: CRLF becomes a line break, a
 * bare LF `\n` plus a line break, everything else that is not printable UTF-8 an escape.
 * The inverse of `rawTextBytes`.
 */
export function rawTextFromBytes(bytes: Buffer): string {
  const units = [...utf8Units(bytes)];
  const last = units.length - 1;
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const char = charAt(units, i);
    if (char === '\r' && charAt(units, i + 1) === '\n') {
      out += i + 1 === last ? '\\r\\n' : '\n';
      i += 1;
    } else if (char === '\n') {
      out += i === last ? '\\n' : '\\n\n';
    } else if (char === '\r') {
      out += '\\r';
    } else {
      out += escapedUnit(units[i]!);
    }
  }
  return out.replace(LITERAL_PLACEHOLDER_BRACE, '\\x7b').split('\n').map(withVisibleTrailingSpaces).join('\n');
}
