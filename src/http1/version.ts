import type { HttpVersion } from './messages.js';

const VERSION_PATTERN_LENGTH = 8; // "HTTP/d.d"

/** Parses `HTTP/<digit>.<digit>` (RFC 9112 §2.3); undefined for anything else. */
export function maybeVersion(text: string): HttpVersion | undefined {
  if (text.length !== VERSION_PATTERN_LENGTH || !text.startsWith('HTTP/') || text[6] !== '.') return undefined;
  const major = text.charCodeAt(5) - 0x30;
  const minor = text.charCodeAt(7) - 0x30;
  if (major < 0 || major > 9 || minor < 0 || minor > 9) return undefined;
  return { major, minor };
}

export function formatVersion(version: HttpVersion): string {
  return `HTTP/${version.major}.${version.minor}`;
}

/** True for HTTP/1.1 and any later 1.x, which a server treats as 1.1 (RFC 9110 §2.5). */
export function isHttp11OrLater(version: HttpVersion): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= 1);
}

export const HTTP_1_1: HttpVersion = { major: 1, minor: 1 };
export const HTTP_1_0: HttpVersion = { major: 1, minor: 0 };
