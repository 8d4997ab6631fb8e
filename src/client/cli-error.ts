import { UsageError } from '../cli/arguments.js';
import { isClientError } from './errors.js';

/** The name every line the CLI writes to stderr starts with. */
export const PROGRAM_NAME = 'wirecheck-client';

/** `wirecheck-client: cannot connect to 127.0.0.1:9: connection refused`: one line, never a stack. */
export function errorLine(error: unknown): string {
  const known = isClientError(error) || error instanceof UsageError;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s*\n\s*/g, ' ');
  return `${PROGRAM_NAME}: ${known ? line : `unexpected error: ${line}`}\n`;
}
