import { formatVersion, type RequestHead } from '../http1/index.js';

/** A request head as it was sent, one line each, as the assignment's server printed it. */
export function formatRequestHead(head: RequestHead): string {
  let text = `${head.method} ${head.target} ${formatVersion(head.version)}\n`;
  for (const [name, value] of head.headers) text += `${name}: ${value}\n`;
  return text;
}
