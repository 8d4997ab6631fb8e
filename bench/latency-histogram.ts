/**
 * A latency histogram of fixed size: exact to the microsecond below 2,048 µs, then 1,024
 * buckets per power of two (within 0.1 %), up to about four minutes. Memory does not grow with
 * the number of samples, so a long or fast run cannot exhaust it.
 */
const EXACT_LIMIT = 2048;
const SUB_BUCKETS = 1024;
const MAX_SHIFT = 17; // values up to 2^28 µs, about 4.5 minutes
const BUCKETS = EXACT_LIMIT + MAX_SHIFT * SUB_BUCKETS;
const MAX_MICROS = (2 * SUB_BUCKETS) << MAX_SHIFT;

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sumMicros = 0;
  private maxMicros = 0;

  /** Records one latency given in milliseconds (fractions kept to the microsecond). */
  recordMs(ms: number): void {
    const micros = Math.min(MAX_MICROS - 1, Math.max(0, Math.round(ms * 1000)));
    this.counts[bucketOf(micros)]! += 1;
    this.total += 1;
    this.sumMicros += micros;
    if (micros > this.maxMicros) this.maxMicros = micros;
  }

  get count(): number {
    return this.total;
  }

  /** The smallest recorded value (bucket's upper edge) at or below which `fraction` of samples lie. */
  quantileMs(fraction: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperEdgeOf(i), this.maxMicros) / 1000;
    }
    return this.maxMicros / 1000;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      meanMs: this.total === 0 ? 0 : this.sumMicros / this.total / 1000,
      p50Ms: this.quantileMs(0.5),
      p90Ms: this.quantileMs(0.9),
      p99Ms: this.quantileMs(0.99),
      p999Ms: this.quantileMs(0.999),
      maxMs: this.maxMicros / 1000,
    };
  }
}

function bucketOf(micros: number): number {
  if (micros < EXACT_LIMIT) return micros;
  const shift = 31 - Math.clz32(micros) - 10; // ≥ 1 here
  return EXACT_LIMIT + (shift - 1) * SUB_BUCKETS + ((micros >>> shift) - SUB_BUCKETS);
}

function upperEdgeOf(bucket: number): number {
  if (bucket < EXACT_LIMIT) return bucket;
  const shift = Math.floor((bucket - EXACT_LIMIT) / SUB_BUCKETS) + 1;
  const mantissa = ((bucket - EXACT_LIMIT) % SUB_BUCKETS) + SUB_BUCKETS;
  return ((mantissa + 1) << shift) - 1;
}
