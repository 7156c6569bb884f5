import { describe, expect, it } from 'vitest';
import { inPool } from '../../../../local/runtime/pool.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('inPool', () => {
  it('keeps the results in the order of the items', async () => {
    // Act
    const results = await inPool([30, 10, 20], 3, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms * 2;
    });
    // Assess
    expect(results).toEqual([60, 20, 40]);
  });

  it.each([1, 3, 8])('never runs more than %i at once', async (concurrency) => {
    // Prepare
    let running = 0;
    let peak = 0;
    // Act
    await inPool(
      Array.from({ length: 20 }, (_, i) => i),
      concurrency,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
      },
    );
    // Assess
    expect(peak).toBe(concurrency);
  });

  it('rejects with the first failure and starts no further items', async () => {
    // Prepare
    const started: number[] = [];
    // Act
    const run = inPool([0, 1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('upload failed');
      await tick();
    });
    // Assess
    await expect(run).rejects.toThrow('upload failed');
    expect(started).toEqual([0, 1, 2]);
  });

  it('returns an empty list for no items', async () => {
    // Act / Assess
    expect(await inPool([], 4, async () => 1)).toEqual([]);
  });
});
