import { describe, expect, it } from 'vitest';
import { InputRejectedError, PermanentError } from '../../../../../lambdas/platform/shared/errors.ts';
import type { ExtractionJob } from '../../../../../lambdas/platform/textract/jobs.ts';
import {
  type CompleteDeps,
  completeJob,
  jobFailure,
} from '../../../../../lambdas/processes/invoice/complete-extraction/complete.ts';
import { parseNotification } from '../../../../../lambdas/processes/invoice/complete-extraction/notification.ts';
import type { JobStatus } from '../../../../../lambdas/processes/invoice/extract/expense-job.ts';
import { recordedResponse } from '../extract/expense-builders.ts';

const job: ExtractionJob = {
  jobId: 'job-1',
  taskToken: 'token-1',
  document: {
    documentId: 'b'.repeat(64),
    process: 'invoice',
    bucket: 'data',
    key: 'invoices/two.pdf',
    size: 10,
    receivedAt: '2025-01-01T00:00:00.000Z',
  },
  workflowVersion: 'invoice@1',
  executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-b',
  leaseKey: 'lease#job#1',
  startedAt: '2025-01-01T00:00:00.000Z',
};

function fakes(status: JobStatus, stored: ExtractionJob | null = job) {
  const calls = {
    succeeded: [] as unknown[],
    failed: [] as string[],
    released: [] as string[],
    completed: 0,
  };
  let handled = false;
  const deps: CompleteDeps = {
    jobs: {
      byJob: async () => stored ?? undefined,
      complete: async () => {
        if (handled) return false;
        handled = true;
        calls.completed += 1;
        return true;
      },
    },
    leases: { release: async (key) => void calls.released.push(key) },
    readJob: async () => status,
    readArtifact: async () => undefined,
    writeArtifact: async () => undefined,
    audit: { append: async () => true },
    recordQuality: () => undefined,
    succeed: async (_token, output) => {
      calls.succeeded.push(output);
      return 'delivered';
    },
    fail: async (_token, error) => {
      calls.failed.push(error.name);
      return 'delivered';
    },
    now: () => new Date('2025-01-01T00:01:00.000Z'),
  };
  return { deps, calls };
}

describe('completeJob', () => {
  it('merges every page of a finished job, resumes the workflow and frees the slot, once', async () => {
    // Prepare
    const pages = [recordedResponse('multipage.get-expense-analysis.json')];
    const f = fakes({ status: 'SUCCEEDED', pages });

    // Act
    const first = await completeJob(f.deps, {
      jobId: 'job-1',
      status: 'SUCCEEDED',
      api: 'StartExpenseAnalysis',
    });
    const again = await completeJob(f.deps, {
      jobId: 'job-1',
      status: 'SUCCEEDED',
      api: 'StartExpenseAnalysis',
    });

    // Assess
    expect(first).toBe('delivered');
    expect(again).toBe('already-handled');
    expect(f.calls.succeeded).toHaveLength(1);
    expect(f.calls.released).toEqual(['lease#job#1']);
    expect((f.calls.succeeded[0] as { invoice: { pageCount: number } }).invoice.pageCount).toBe(2);
  });

  it('fails the workflow with a classified error when the job failed', async () => {
    const f = fakes({ status: 'FAILED', message: 'UnsupportedDocumentException: encrypted' });
    expect(await completeJob(f.deps, { jobId: 'job-1', status: 'FAILED', api: 'StartExpenseAnalysis' })).toBe(
      'failed',
    );
    expect(f.calls.failed).toEqual(['Tower.InputRejected']);
    expect(f.calls.released).toEqual(['lease#job#1']);
  });

  it('leaves a running job alone and ignores unknown jobs', async () => {
    expect(
      await completeJob(fakes({ status: 'IN_PROGRESS' }).deps, {
        jobId: 'job-1',
        status: 'SUCCEEDED',
        api: '',
      }),
    ).toBe('still-running');
    expect(
      await completeJob(fakes({ status: 'IN_PROGRESS' }, null).deps, {
        jobId: 'x',
        status: 'SUCCEEDED',
        api: '',
      }),
    ).toBe('unknown-job');
  });

  it('hands the notification back, marking nothing, when no page read could be admitted', async () => {
    // Prepare: the first read finds no GetExpenseAnalysis capacity, the redelivered one does.
    const f = fakes({ status: 'NO_CAPACITY' });
    const notification = { jobId: 'job-1', status: 'SUCCEEDED', api: 'StartExpenseAnalysis' };

    // Act
    const first = await completeJob(f.deps, notification);
    const later = await completeJob(
      {
        ...f.deps,
        readJob: async () => ({
          status: 'SUCCEEDED',
          pages: [recordedResponse('multipage.get-expense-analysis.json')],
        }),
      },
      notification,
    );

    // Assess: the document was not failed, and the slot and the job were settled only once it was read.
    expect(first).toBe('no-capacity');
    expect(later).toBe('delivered');
    expect(f.calls.failed).toEqual([]);
    expect(f.calls.completed).toBe(1);
    expect(f.calls.released).toEqual(['lease#job#1']);
  });

  it.each([
    ['UnsupportedDocumentException: bad format', InputRejectedError],
    ['Password protected document', InputRejectedError],
    ['INTERNAL_ERROR', PermanentError],
  ])('classifies a job failure "%s"', (message, kind) => {
    expect(jobFailure(message)).toBeInstanceOf(kind);
  });
});

describe('parseNotification', () => {
  const raw = JSON.stringify({ JobId: 'j', Status: 'SUCCEEDED', API: 'StartExpenseAnalysis' });
  it.each([
    ['a raw Textract message', raw],
    ['an SNS envelope', JSON.stringify({ Type: 'Notification', Message: raw })],
  ])('reads %s', (_name, body) => {
    expect(parseNotification(body)).toEqual({ jobId: 'j', status: 'SUCCEEDED', api: 'StartExpenseAnalysis' });
  });
  it.each([['not json'], ['{}'], ['{"JobId":3}']])('ignores %s', (body) => {
    expect(parseNotification(body)).toBeUndefined();
  });
});
