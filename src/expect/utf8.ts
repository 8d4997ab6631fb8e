/** A piece of a byte string: a well-formed UTF-8 character, or a byte that is not part of one. */
export type Utf8Unit =
  | { readonly kind: 'char'; readonly char: string; readonly bytes: Buffer }
  | { readonly kind: 'invalid'; readonly byte: number };

/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The second byte's allowed range, which rules out overlongs, surrogates and code points past U+10FFFF. */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function isWellFormedAt(buf: Buffer, start: number, length: number): boolean {
  if (start + length > buf.length) return false;
  const [low, high] = secondByteRange(buf[start]!);
  for (let i = 1; i < length; i++) {
    const byte = buf[start + i]!;
    const [min, max] = i === 1 ? [low, high] : [0x80, 0xbf];
    if (byte < min || byte > max) return false;
  }
  return true;
}

/** Splits `buf` into characters and stray bytes (RFC 3629 well-formedness). */
export function* utf8Units(buf: Buffer): Generator<Utf8Unit> {
  let i = 0;
  while (i < buf.length) {
    const length = sequenceLength(buf[i]!);
    if (length > 0 && isWellFormedAt(buf, i, length)) {
      const bytes = buf.subarray(i, i + length);
      yield { kind: 'char', char: bytes.toString('utf8'), bytes };
      i += length;
    } else {
      yield { kind: 'invalid', byte: buf[i]! };
      i += 1;
    }
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text `buf` encodes, or undefined when it is not well-formed UTF-8. */
export function maybeUtf8Text(buf: Buffer): string | undefined {
  try {
    return strictDecoder.decode(buf);
  } catch {
    return undefined;
  }
}

export function hexBytes(buf: Buffer): string {
  return [...buf].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
