import type { HeaderField } from './headers.js';
import { ProtocolError } from './protocol-error.js';
import { COLON, CR, FIELD_VALUE_BYTE, HTAB, SP, TCHAR } from './tokens.js';

/**
 * field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
 * Rejects what RFC 9112 says a server must reject rather than guess at: obs-fold (§5.2),
 * whitespace between name and colon (§5.1), and control bytes in the value (RFC 9110 §5.5).
 * Names and values are kept as latin1 strings: one character per byte, so nothing is lost.
 */
export function parseFieldLine(buf: Buffer, start: number, end: number, offset: number): HeaderField {
  const first = buf[start];
  if (first === SP || first === HTAB) throw new ProtocolError('OBS_FOLD', 'Field line starts with whitespace (obs-fold)', offset);

  let i = start;
  while (i < end && TCHAR[buf[i]!] === 1) i++;
  let j = i;
  while (j < end && (buf[j] === SP || buf[j] === HTAB)) j++;
  if (j > i && j < end && buf[j] === COLON) {
    throw new ProtocolError('WHITESPACE_BEFORE_COLON', 'Whitespace between field name and colon', offset + i - start);
  }
  if (i === start || i === end || buf[i] !== COLON) {
    throw new ProtocolError('INVALID_HEADER_NAME', 'Field name is not a token followed by a colon', offset + i - start);
  }
  const name = buf.toString('latin1', start, i);

  let valueStart = i + 1;
  let valueEnd = end;
  while (valueStart < valueEnd && (buf[valueStart] === SP || buf[valueStart] === HTAB)) valueStart++;
  while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HTAB)) valueEnd--;
  for (let j = valueStart; j < valueEnd; j++) {
    const byte = buf[j]!;
    if (FIELD_VALUE_BYTE[byte] !== 1) {
      const code = byte === CR ? 'BARE_CR' : 'INVALID_HEADER_VALUE';
      throw new ProtocolError(code, `Field ${name} has control byte 0x${byte.toString(16).padStart(2, '0')} in its value`, offset + j - start);
    }
  }
  return [name, buf.toString('latin1', valueStart, valueEnd)];
}
