import { describe, expect, it } from 'vitest';
import { percentiles, perMinute, perSecond, spread } from '../../../../bin/bench/stats.ts';

describe('bench stats', () => {
  it.each<[number[], { count: number; min: number; median: number; max: number }]>([
    [[], { count: 0, min: 0, median: 0, max: 0 }],
    [[7], { count: 1, min: 7, median: 7, max: 7 }],
    [[11, 9, 10], { count: 3, min: 9, median: 10, max: 11 }],
    // Nearest rank: the median of an even count is the lower middle value, one that was observed.
    [[6, 5, 8, 7], { count: 4, min: 5, median: 6, max: 8 }],
  ])('spread(%j) is %j', (values, expected) => {
    // Act / Assess
    expect(spread(values)).toEqual(expected);
  });

  it('takes nearest-rank percentiles of 1..100 regardless of input order', () => {
    // Prepare
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    // Act
    const p = percentiles(values);
    // Assess
    expect(p).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('puts a single slow outlier in p99 of 200 samples but not in p95', () => {
    // Prepare
    const values = [...Array.from({ length: 199 }, () => 10), 5000];
    // Act
    const p = percentiles(values);
    // Assess
    expect(p.p95).toBe(10);
    expect(p.p99).toBe(10);
    expect(p.max).toBe(5000);
    expect(percentiles([...values, 5000]).p99).toBe(10);
    expect(percentiles([...values, 5000, 5000]).p99).toBe(5000);
  });

  it.each([
    [200, 60_000, 200],
    [100, 30_000, 200],
    [5, 0, 0],
  ])('perMinute(%i, %i ms) is %d', (count, ms, expected) => {
    // Act / Assess
    expect(perMinute(count, ms)).toBeCloseTo(expected);
  });

  it('reports per-second rates and zero for an empty span', () => {
    // Act / Assess
    expect(perSecond(500, 2000)).toBe(250);
    expect(perSecond(500, 0)).toBe(0);
  });
});
