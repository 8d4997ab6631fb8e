/**
 * The load generator, run as its own process so that its CPU is not the benchmark's (nor the
 * server's): `node --import tsx bench/load-worker.ts '<LoadSpec as JSON>'` prints one LoadResult
 * as JSON on stdout and exits 0, or prints the error on stderr and exits 1.
 */
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { LatencyHistogram } from './latency-histogram.js';
import { textBody, type LoadResult, type LoadSpec } from './load-spec.js';
import { runKeepAliveLoad } from './keepalive-load.js';
import { runNewConnectionLoad } from './new-connection-load.js';

/** Past the run's duration, how long the worker may take to finish before it gives up. */
const GRACE_MS = 20_000;

type AutocannonSpec = Extract<LoadSpec, { kind: 'autocannon' }>;

function runAutocannon(spec: AutocannonSpec): Promise<Omit<LoadResult, 'generatorCpuMs' | 'processCpuMs'>> {
  const requests: AutocannonRequest[] = spec.cycle.map((request) =>
    request.bodyBytes === undefined
      ? { method: request.method, path: request.path }
      : { method: request.method, path: request.path, headers: { 'content-type': 'text/plain' }, body: textBody(request.bodyBytes) },
  );
  // autocannon's own histogram has 1 ms steps; its per-response event has the fractions.
  const histogram = new LatencyHistogram();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://${spec.host}:${spec.port}/`,
        connections: spec.connections,
        pipelining: spec.pipelining,
        duration: spec.durationS,
        // A run ends at the first sample after its duration: sample often, so it ends on time.
        sampleInt: 100,
        timeout: 5,
        requests,
      },
      (error: Error | null, result: AutocannonResult) => {
        if (error !== null) return reject(error);
        resolve({
          generator: 'autocannon',
          requests: result.requests.total,
          durationS: result.duration,
          requestsPerSecond: result.requests.total / result.duration,
          latency: histogram.summary(),
          errors: result.errors - result.timeouts,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => histogram.recordMs(responseTime));
  });
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? 'null') as LoadSpec | null;
  if (spec === null || typeof spec !== 'object') throw new Error('usage: load-worker.ts <LoadSpec JSON>');
  setTimeout(() => {
    process.stderr.write(`load-worker: still running ${GRACE_MS} ms past its duration; giving up\n`);
    process.exit(2);
  }, spec.durationS * 1000 + GRACE_MS).unref();

  if (spec.kind === 'wrk') throw new Error('wrk runs are started by the benchmark itself, not by the load worker');
  const cpuBefore = process.cpuUsage();
  const result =
    spec.kind === 'autocannon'
      ? await runAutocannon(spec)
      : spec.kind === 'keep-alive'
        ? await runKeepAliveLoad({ host: spec.host, port: spec.port, connections: spec.connections, durationS: spec.durationS })
        : await runNewConnectionLoad({ host: spec.host, port: spec.port, concurrency: spec.concurrency, durationS: spec.durationS });
  const cpu = process.cpuUsage(cpuBefore);
  const total = process.cpuUsage();
  const output: LoadResult = { ...result, generatorCpuMs: (cpu.user + cpu.system) / 1000, processCpuMs: (total.user + total.system) / 1000 };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`load-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
