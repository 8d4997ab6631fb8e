/**
 * Preloaded into the bundled server's process by the stress tool
 * (`node --expose-gc --import tsx --import ./src/stress/memory-probe.ts src/server/cli.ts …`):
 * on SIGUSR2 it runs a full garbage collection and prints the process's memory as one line on
 * stderr. RSS alone cannot tell a leak from V8 keeping the pages it grew to; the heap after a
 * full collection can. It changes nothing else in the server.
 */
import { formatProbeLine } from './memory-probe-line.js';

const gc = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', () => {
  gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.stderr.write(formatProbeLine({ rss, heapUsed, heapTotal, external, collected: gc !== undefined }));
});
