import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../../../local/stepfunctions/integrations.ts';

const resolveIn = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withTimeout', () => {
  it('fails work slower than the timeout with States.Timeout', async () => {
    await expect(withTimeout(resolveIn(200, 'late'), 30)).rejects.toMatchObject({ name: 'States.Timeout' });
  });

  it('returns work that finishes in time', async () => {
    await expect(withTimeout(resolveIn(5, 'ok'), 500)).resolves.toBe('ok');
  });

  it('starts the clock only when the work begins, so a wait for an environment does not count', async () => {
    // Waits 150 ms for an environment, then runs 20 ms: within a 60 ms timeout counted from the start.
    const begins = resolveIn(150, undefined);
    const work = begins.then(() => resolveIn(20, 'ran'));
    await expect(withTimeout(work, 60, begins)).resolves.toBe('ran');
  });

  it('still times out work that runs too long once it began', async () => {
    const begins = resolveIn(20, undefined);
    const work = begins.then(() => resolveIn(300, 'late'));
    await expect(withTimeout(work, 40, begins)).rejects.toMatchObject({ name: 'States.Timeout' });
  });
});
