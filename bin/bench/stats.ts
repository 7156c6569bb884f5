import { percentile } from '../console/data.ts';

/** Smallest, middle and largest of a set of counts (nearest-rank median, so it is always an observed value). */
export interface Spread {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Latency percentiles in milliseconds (nearest rank, as the console computes them). */
export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** @example spread([9, 11, 10]) // { count: 3, min: 9, median: 10, max: 11 } */
export function spread(values: readonly number[]): Spread {
  const sorted = ascending(values);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    median: percentile(sorted, 50),
    max: sorted.at(-1) ?? 0,
  };
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = ascending(values);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Events per minute over a wall-clock span; zero when nothing was measured. */
export function perMinute(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 60_000) / elapsedMs : 0;
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
}
