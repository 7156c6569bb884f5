import { describe, expect, it } from 'vitest';
import { InputRejectedError, TransientError } from '../../../../../lambdas/platform/shared/errors.ts';
import type { StepEvent } from '../../../../../lambdas/platform/shared/workflow.ts';
import type { JobStatus } from '../../../../../lambdas/processes/invoice/extract/expense-job.ts';
import {
  type RecoverDeps,
  recoverExtraction,
} from '../../../../../lambdas/processes/invoice/recover-extraction/recover.ts';
import { recordedResponse } from '../extract/expense-builders.ts';

const event: StepEvent = {
  document: {
    documentId: 'c'.repeat(64),
    process: 'invoice',
    bucket: 'data',
    key: 'invoices/x.pdf',
    size: 10,
    receivedAt: '2025-01-01T00:00:00.000Z',
  },
  workflowVersion: 'invoice@1',
  executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-c',
};

function fakes(options: { stored?: string; rejected?: string; jobId?: string; status?: JobStatus }) {
  const audited: string[] = [];
  const deps: RecoverDeps = {
    readArtifact: async (key) => (key.endsWith('.rejected.json') ? options.rejected : options.stored),
    writeArtifact: async () => undefined,
    audit: { append: async (e) => Boolean(audited.push(e.type)) },
    recordQuality: () => undefined,
    jobs: { jobIdOf: async () => options.jobId, byJob: async () => undefined },
    readJob: async () => options.status ?? { status: 'IN_PROGRESS' },
  };
  return { deps, audited };
}

describe('recoverExtraction', () => {
  it('reads a finished job directly when its notification was lost', async () => {
    // Prepare
    const f = fakes({
      jobId: 'job-9',
      status: { status: 'SUCCEEDED', pages: [recordedResponse('multipage.get-expense-analysis.json')] },
    });

    // Act
    const result = await recoverExtraction(f.deps, event);

    // Assess
    expect(result.invoice.pageCount).toBe(2);
    expect(f.audited).toEqual(['EXTRACTION_RECOVERED', 'EXTRACTED']);
  });

  it.each([
    [
      'the job still runs',
      { jobId: 'job-9', status: { status: 'IN_PROGRESS' } as JobStatus },
      TransientError,
    ],
    ['the request was never admitted', {}, TransientError],
    [
      'no GetExpenseAnalysis rate slot came in time (the state machine retries later)',
      { jobId: 'job-9', status: { status: 'NO_CAPACITY' } as JobStatus },
      TransientError,
    ],
    [
      'the job failed on the document',
      { jobId: 'job-9', status: { status: 'FAILED', message: 'UnsupportedDocumentException' } as JobStatus },
      InputRejectedError,
    ],
  ])('throws a classified error when %s', async (_name, options, kind) => {
    await expect(recoverExtraction(fakes(options).deps, event)).rejects.toBeInstanceOf(kind);
  });

  it('rejects the input with its recorded reason when it was refused after the wait timed out', async () => {
    // Prepare
    const f = fakes({ rejected: JSON.stringify({ reason: 'too-large', message: 'The document is 11 MB' }) });

    // Act
    const recovered = recoverExtraction(f.deps, event);

    // Assess
    await expect(recovered).rejects.toBeInstanceOf(InputRejectedError);
    await expect(recovered).rejects.toThrow('[too-large] The document is 11 MB');
  });

  it('ignores an unreadable refusal record and looks for the request as usual', async () => {
    const f = fakes({ rejected: '{not json' });
    await expect(recoverExtraction(f.deps, event)).rejects.toBeInstanceOf(TransientError);
  });
});
