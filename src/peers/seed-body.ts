/**
 * The uniform body rule of SPEC §1, shared by the peer and the test doubles because it is the
 * one thing they all say the same way: `HTTP {METHOD} Method ({Success|Failed})\n\n{payload}`.
 */
export type Outcome = 'Success' | 'Failed';

const LF = Buffer.from('\n');

/**
 * The body for `method` with the given outcome; `messages` (the stored ones for GET, the posted
 * one for POST) are joined by LF. Messages are bytes, not strings, so that they come back
 * exactly as they were sent, whatever their encoding.
 */
export function seedBody(method: string, outcome: Outcome, messages: readonly Uint8Array[] = []): Buffer {
  // latin1 keeps a method token's bytes as they were read, one char per byte.
  const parts: Uint8Array[] = [Buffer.from(`HTTP ${method} Method (${outcome})\n\n`, 'latin1')];
  messages.forEach((message, index) => {
    if (index > 0) parts.push(LF);
    parts.push(message);
  });
  return Buffer.concat(parts);
}
