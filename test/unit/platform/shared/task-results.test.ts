import { describe, expect, it } from 'vitest';
import { failTask, succeedTask } from '../../../../lambdas/platform/workflows/task-results.ts';
import { fakeSfn } from './support/fakes.ts';

describe('succeedTask', () => {
  it('sends the output as JSON', async () => {
    // Prepare
    const sfn = fakeSfn();

    // Act
    const delivery = await succeedTask(sfn.client, 'token-1', { invoice: { total: '1.00' } });

    // Assess
    expect(delivery).toBe('delivered');
    expect(sfn.results).toEqual([
      { kind: 'success', taskToken: 'token-1', output: { invoice: { total: '1.00' } } },
    ]);
  });
});

describe('failTask', () => {
  it("fails the task with the error's name and Lambda's error shape as cause", async () => {
    // Prepare
    const sfn = fakeSfn();

    // Act
    const delivery = await failTask(sfn.client, 'token-1', {
      name: 'Tower.InputRejected',
      message: '[empty] 0 bytes',
    });

    // Assess
    expect(delivery).toBe('delivered');
    expect(sfn.results).toEqual([
      {
        kind: 'failure',
        taskToken: 'token-1',
        error: 'Tower.InputRejected',
        cause: { errorType: 'Tower.InputRejected', errorMessage: '[empty] 0 bytes' },
      },
    ]);
  });
});

describe('a wait that has ended', () => {
  it.each([
    ['TaskTimedOut', 'timed-out'],
    ['TaskDoesNotExist', 'task-gone'],
    ['InvalidToken', 'task-gone'],
  ])('answering %s is reported as %s by both calls', async (error, expected) => {
    const sfn = fakeSfn(() => error);
    expect(await succeedTask(sfn.client, 't', {})).toBe(expected);
    expect(await failTask(sfn.client, 't', { name: 'Tower.Permanent', message: 'x' })).toBe(expected);
  });

  it('other failures are thrown', async () => {
    const sfn = fakeSfn(() => 'ServiceUnavailable');
    await expect(succeedTask(sfn.client, 't', {})).rejects.toThrow();
    await expect(failTask(sfn.client, 't', { name: 'Tower.Permanent', message: 'x' })).rejects.toThrow();
  });
});
