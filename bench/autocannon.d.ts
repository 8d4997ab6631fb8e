/**
 * The part of autocannon v8's API the load worker uses; the package ships no types.
 * See node_modules/autocannon/README.md for the full option list.
 */
declare module 'autocannon' {
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    /** ms between samples; a run stops at the first sample after `duration` (default 1000). */
    sampleInt?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Cycled in order by each connection. */
    requests?: AutocannonRequest[];
  }

  /** Histogram summaries: only the fields read here. */
  export interface AutocannonStats {
    average: number;
    total: number;
    sent?: number;
  }

  export interface AutocannonResult {
    /** Seconds, to two decimals. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    requests: AutocannonStats;
    throughput: AutocannonStats;
    statusCodeStats: Record<string, { count: number }>;
  }

  export interface AutocannonInstance {
    /** After each response: its status, bytes and latency in milliseconds (with fractions). */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    on(event: 'done', listener: (result: AutocannonResult) => void): this;
    stop(): void;
  }

  function autocannon(options: AutocannonOptions, callback: (error: Error | null, result: AutocannonResult) => void): AutocannonInstance;
  export default autocannon;
}
