import type { GetExpenseAnalysisCommandOutput } from '@aws-sdk/client-textract';
import { describe, expect, it } from 'vitest';
import type { RateKind } from '../../../../../lambdas/platform/textract/rate-slots.ts';
import { slotGate } from '../../../../../lambdas/platform/textract/rate-slots.ts';
import {
  type JobReader,
  readExpenseJob,
} from '../../../../../lambdas/processes/invoice/extract/expense-job.ts';
import { sdkError } from '../../../platform/shared/support/fakes.ts';

/**
 * GetExpenseAnalysis has a transactions-per-second quota of its own, beside AnalyzeExpense's and
 * StartExpenseAnalysis's ("Amazon Textract endpoints and quotas", one TPS quota per operation:
 * https://docs.aws.amazon.com/general/latest/gr/textract.html); a call above it is throttled with
 * ProvisionedThroughputExceededException (https://docs.aws.amazon.com/textract/latest/dg/handling-errors.html).
 * So every page read, retries included, takes a `get` rate slot first, and no capacity defers the read.
 */

const page = (n: number, of: number): GetExpenseAnalysisCommandOutput => ({
  $metadata: {},
  JobStatus: 'SUCCEEDED',
  ExpenseDocuments: [{ ExpenseIndex: n }],
  NextToken: n < of ? `t${n + 1}` : undefined,
});

/** A job of `pages` result pages; `throttle` lists the 0-based calls answered with a throttle. */
function reader(options: { pages: number; slots?: readonly boolean[]; throttle?: readonly number[] }) {
  const log: string[] = [];
  let calls = 0;
  let slots = 0;
  const r: JobReader = {
    takeSlot: async () => {
      const granted = options.slots?.[slots] ?? true;
      slots += 1;
      log.push(granted ? 'slot' : 'no-slot');
      return granted;
    },
    getPage: async (_jobId, token) => {
      const call = calls++;
      log.push(`get:${token ?? 't1'}`);
      if (options.throttle?.includes(call)) throw sdkError('ProvisionedThroughputExceededException');
      return page(Number((token ?? 't1').slice(1)), options.pages);
    },
  };
  return { reader: r, log };
}

describe('readExpenseJob under the GetExpenseAnalysis rate', () => {
  it('takes a slot before every call, the retry after a throttle included, and reads every page', async () => {
    // Prepare
    const f = reader({ pages: 3, throttle: [1] });

    // Act
    const status = await readExpenseJob(f.reader, 'job-1');

    // Assess
    expect(status.status).toBe('SUCCEEDED');
    expect(
      status.status === 'SUCCEEDED' && status.pages.map((p) => p.ExpenseDocuments?.[0]?.ExpenseIndex),
    ).toEqual([1, 2, 3]);
    expect(f.log).toEqual(['slot', 'get:t1', 'slot', 'get:t2', 'slot', 'get:t2', 'slot', 'get:t3']);
  });

  it('is NO_CAPACITY, with no call made, when no slot comes in time', async () => {
    // Prepare: the first page was read, the second finds no slot.
    const f = reader({ pages: 3, slots: [true, false] });

    // Act
    const status = await readExpenseJob(f.reader, 'job-1');

    // Assess
    expect(status).toEqual({ status: 'NO_CAPACITY' });
    expect(f.log).toEqual(['slot', 'get:t1', 'no-slot']);
  });

  it('is NO_CAPACITY, not a failed job, when throttling outlasts the retries', async () => {
    const f = reader({ pages: 1, throttle: [0, 1, 2, 3] });
    expect(await readExpenseJob(f.reader, 'job-1')).toEqual({ status: 'NO_CAPACITY' });
    expect(f.log.filter((e) => e === 'slot')).toHaveLength(4);
  });

  it('passes any other Textract error on, classified', async () => {
    const r: JobReader = {
      takeSlot: async () => true,
      getPage: async () => Promise.reject(sdkError('InvalidJobIdException')),
    };
    await expect(readExpenseJob(r, 'job-1')).rejects.toMatchObject({ errorClass: 'permanent' });
  });
});

describe('slotGate', () => {
  it("takes the 'get' kind at the configured rate, waiting up to the given time", async () => {
    // Prepare
    const taken: [RateKind, number, number][] = [];
    const gate = slotGate(
      { take: async (kind, perSecond, deadline) => Boolean(taken.push([kind, perSecond, deadline])) },
      'get',
      4,
      5000,
      () => 1_000,
    );

    // Act
    const granted = await gate();

    // Assess
    expect(granted).toBe(true);
    expect(taken).toEqual([['get', 4, 6_000]]);
  });
});
