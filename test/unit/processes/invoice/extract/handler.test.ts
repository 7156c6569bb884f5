import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../../../../lambdas/platform/shared/observability.ts';
import type { ExtractionRequest } from '../../../../../lambdas/platform/textract/request.ts';
import { createExtractHandler } from '../../../../../lambdas/processes/invoice/extract/handler.ts';
import type { AdmitDeps } from '../../../../../lambdas/processes/invoice/extract/ports.ts';
import { documentRef, executionArn, lambdaContext } from '../../../platform/shared/support/builders.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const request: ExtractionRequest = {
  taskToken: 'token-1',
  document: documentRef({ key: 'invoices/a.png', size: png.length }),
  workflowVersion: 'invoice@1',
  executionArn,
};

/** Ports of a single-page document while Textract's rate is used up: admission defers it. */
function noCapacity(): AdmitDeps {
  const unused = async (): Promise<never> => {
    throw new Error('not reached when the request is deferred');
  };
  return {
    headDocument: async () => ({ size: png.length }),
    readDocument: async () => png,
    readArtifact: async () => undefined,
    writeArtifact: unused,
    analyzeExpense: unused,
    startExpenseAnalysis: unused,
    rates: { take: async () => false },
    leases: { acquire: unused, release: unused },
    jobs: { record: unused },
    limits: { syncTps: 1, startTps: 1, maxConcurrentJobs: 1 },
    audit: { append: unused },
    recordQuality: () => undefined,
    succeed: unused,
    fail: unused,
    now: () => 1_700_000_000_000,
  };
}

const event: SQSEvent = {
  Records: [
    {
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: JSON.stringify(request),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:extraction',
      awsRegion: 'eu-west-1',
    },
  ],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the extract handler deferring a request', () => {
  it('shortens the message visibility, meters the deferral and reports the message as not done', async () => {
    // Prepare
    const defer = vi.fn(async () => undefined);
    const added = vi.spyOn(metrics, 'addMetric');
    // Act
    const result = await createExtractHandler(noCapacity, () => defer)(event, lambdaContext('extract'));
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(defer).toHaveBeenCalledWith(event.Records[0], expect.any(Number));
    expect(added).toHaveBeenCalledWith('ExtractionDeferred', 'Count', 1);
  });

  it('logs a deferral that failed with its cause and meters it, instead of swallowing it', async () => {
    // Prepare: the queue URL's host does not resolve, as the local runtime's once did
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND sqs.us-east-1.localhost'), {
      code: 'ENOTFOUND',
    });
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const added = vi.spyOn(metrics, 'addMetric');
    // Act
    const result = await createExtractHandler(noCapacity, () => async () => {
      throw cause;
    })(event, lambdaContext('extract'));
    // Assess: the message still comes back (a visibility timeout later), and someone can see why
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(added).toHaveBeenCalledWith('ExtractionDeferralFailed', 'Count', 1);
    expect(added).not.toHaveBeenCalledWith('ExtractionDeferred', 'Count', 1);
    expect(errors).toHaveBeenCalledWith(
      'Extraction deferral failed: the request returns after the visibility timeout',
      expect.objectContaining({ why: 'sync rate', errorName: 'Tower.Transient', error: cause }),
    );
  });
});
