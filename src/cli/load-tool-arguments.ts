import { isIP } from 'node:net';

// Flags shared by the tools that send hostile or heavy traffic (fuzz, stress).

/** A bad flag or value: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** A whole-number flag within [min, max], or `fallback` when absent. */
export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/** Malformed input and heavy load go only to this machine. */
export function loopbackHost(host: string): string {
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (!loopback) throw new UsageError(`--host must be a loopback address (127.x.x.x, ::1 or localhost), got ${JSON.stringify(host)}`);
  return host;
}
