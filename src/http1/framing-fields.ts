import { listTokens } from './headers.js';

/**
 * The fields that decide how a message is framed and what its connection does next: Host
 * (RFC 9112 §3.2), Expect (RFC 9110 §10.1.1), Connection (RFC 9112 §9.3), Transfer-Encoding and
 * Content-Length (RFC 9112 §6). The parser notes them as it reads each field line, so that the
 * head is walked once: names are compared case-insensitively without making lower-case copies,
 * and a Connection value that is one token is read without splitting it. The head's ordered
 * list of raw fields stays the record of what was sent; this is only an index into it.
 */
export class FramingFields {
  /** How many Host fields, and the first one's value. */
  hostCount = 0;
  host = '';
  /** The first Expect value. */
  expect: string | undefined = undefined;
  /** Some Connection field lists `close` / `keep-alive` (case-insensitive). */
  close = false;
  keepAlive = false;
  /** The values of every Transfer-Encoding / Content-Length field, in order; undefined when none. */
  transferEncoding: string[] | undefined = undefined;
  contentLength: string[] | undefined = undefined;

  /** Notes one field line, `name` as sent. */
  note(name: string, value: string): void {
    switch (name.length) {
      case 4:
        if (!isNamed(name, 'host')) return;
        if (this.hostCount++ === 0) this.host = value;
        return;
      case 6:
        if (this.expect === undefined && isNamed(name, 'expect')) this.expect = value;
        return;
      case 10:
        if (isNamed(name, 'connection')) this.noteConnection(value);
        return;
      case 14:
        if (isNamed(name, 'content-length')) (this.contentLength ??= []).push(value);
        return;
      case 17:
        if (isNamed(name, 'transfer-encoding')) (this.transferEncoding ??= []).push(value);
        return;
    }
  }

  /** The Transfer-Encoding codings, lower-cased, in order (RFC 9112 §6.1). */
  get codings(): string[] {
    return this.transferEncoding === undefined ? [] : listTokens(this.transferEncoding);
  }

  private noteConnection(value: string): void {
    // Nearly always a single token: compare it whole; otherwise read the list (RFC 9110 §5.6.1).
    if (isNamed(value, 'close')) this.close = true;
    else if (isNamed(value, 'keep-alive')) this.keepAlive = true;
    else {
      for (const token of listTokens([value])) {
        if (token === 'close') this.close = true;
        else if (token === 'keep-alive') this.keepAlive = true;
      }
    }
  }
}

/** True when `text` is `lower` in any case. `lower` is lower-case letters and `-` only. */
function isNamed(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    // Setting bit 0x20 folds A–Z onto a–z; of the bytes a field name may hold, only the letters
    // themselves fold onto a lower-case letter, and only `-` onto `-`.
    if ((text.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}
