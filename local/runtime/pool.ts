/**
 * Runs `work` for every item with at most `concurrency` in flight, started in the items' order, and
 * returns the results in that order. The first failure rejects the run and starts no further items.
 *
 * @example await inPool([1, 2, 3], 2, async (n) => n * 2) // [2, 4, 6]
 */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
