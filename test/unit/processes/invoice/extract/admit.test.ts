import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import type { AppendOptions, AuditEvent } from '../../../../../lambdas/platform/stores/audit.ts';
import type { ExtractionJob } from '../../../../../lambdas/platform/textract/jobs.ts';
import type { ExtractionRequest } from '../../../../../lambdas/platform/textract/request.ts';
import type { ExtractionResult } from '../../../../../lambdas/processes/invoice/domain/workflow.ts';
import { type Admission, admit } from '../../../../../lambdas/processes/invoice/extract/admit.ts';
import type { ExpenseResponse } from '../../../../../lambdas/processes/invoice/extract/expense-fields.ts';
import type { AdmitDeps } from '../../../../../lambdas/processes/invoice/extract/ports.ts';
import { recordedResponse } from './expense-builders.ts';

const documentId = 'a'.repeat(64);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const request: ExtractionRequest = {
  taskToken: 'token-1',
  document: {
    documentId,
    process: 'invoice',
    bucket: 'data',
    key: 'invoices/a.png',
    size: png.length,
    receivedAt: '2025-01-01T00:00:00.000Z',
  },
  workflowVersion: 'invoice@1',
  executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-aaaa',
};

const awsError = (name: string) => Object.assign(new Error(name), { name });

async function pdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage().drawText(`Invoice page ${i + 1}`);
  return doc.save({ useObjectStreams: false });
}

/** In-memory ports with switches for capacity; records every task result and audit event. */
function fakes(
  options: {
    document?: Uint8Array;
    analyze?: () => Promise<ExpenseResponse>;
    syncSlot?: boolean;
    startSlot?: boolean;
    lease?: boolean;
  } = {},
) {
  const document = options.document ?? png;
  const artifacts = new Map<string, string>();
  const audited = new Map<string, AuditEvent>();
  const succeeded: { token: string; output: ExtractionResult }[] = [];
  const failed: { token: string; name: string; message: string }[] = [];
  const jobs: ExtractionJob[] = [];
  const released: string[] = [];
  const analyzeExpense = vi.fn(
    options.analyze ?? (async () => recordedResponse('default_invoice_1.analyze-expense.json')),
  );
  const startExpenseAnalysis = vi.fn(async () => 'job-1');
  const deps: AdmitDeps = {
    headDocument: async () => ({ size: document.length }),
    readDocument: async (_doc, length) => document.subarray(0, length ?? document.length),
    readArtifact: async (key) => artifacts.get(key),
    writeArtifact: async (key, body) => {
      artifacts.set(key, body);
    },
    analyzeExpense,
    startExpenseAnalysis,
    rates: {
      take: async (kind) => (kind === 'sync' ? (options.syncSlot ?? true) : (options.startSlot ?? true)),
    },
    leases: {
      acquire: async () => ((options.lease ?? true) ? 'lease#job#3' : undefined),
      release: async (key) => {
        released.push(key);
      },
    },
    jobs: {
      record: async (job) => {
        jobs.push(job);
      },
    },
    limits: { syncTps: 1, startTps: 1, maxConcurrentJobs: 10 },
    audit: {
      append: async (event: AuditEvent, opts: AppendOptions = {}) => {
        const key = opts.idempotencyKey ?? String(audited.size);
        if (audited.has(key)) return false;
        audited.set(key, event);
        return true;
      },
    },
    recordQuality: () => undefined,
    succeed: async (token, output) => {
      succeeded.push({ token, output: output as ExtractionResult });
      return 'delivered';
    },
    fail: async (token, error) => {
      failed.push({ token, name: error.name, message: error.message });
      return 'delivered';
    },
    now: () => 1_700_000_000_000,
  };
  return {
    deps,
    artifacts,
    audited,
    succeeded,
    failed,
    jobs,
    released,
    analyzeExpense,
    startExpenseAnalysis,
  };
}

const done = (how: string): Admission => ({ outcome: 'done', how }) as Admission;

describe('admit (the extraction queue consumer)', () => {
  it('extracts a single page with AnalyzeExpense, stores it and resumes the workflow with the header', async () => {
    // Prepare
    const f = fakes();

    // Act
    const admission = await admit(f.deps, request, false);

    // Assess
    expect(admission).toEqual(done('sync'));
    expect(f.analyzeExpense).toHaveBeenCalledTimes(1);
    expect(f.succeeded).toHaveLength(1);
    expect(f.succeeded[0]?.output.invoice.invoiceNumber?.value).toBe('123PQR456');
    expect(f.succeeded[0]?.output.artifactKey).toBe(`extractions/invoice/${documentId}.json`);
    expect(f.artifacts.has(`extractions/invoice/${documentId}.json`)).toBe(true);
    expect([...f.audited.values()].map((e) => e.type)).toEqual(['EXTRACTED']);
  });

  it('pays Textract and audits once when the same request comes twice (redelivery or redrive)', async () => {
    const f = fakes();
    await admit(f.deps, request, false);
    const second = await admit(f.deps, request, false);
    expect(second).toEqual(done('cached'));
    expect(f.analyzeExpense).toHaveBeenCalledTimes(1);
    expect(f.succeeded).toHaveLength(2);
    expect(f.audited.size).toBe(1);
  });

  it('starts an expense job for a multipage PDF, holding a lease, and waits for its notification', async () => {
    const f = fakes({ document: await pdf(3) });
    const admission = await admit(f.deps, request, false);
    expect(admission).toEqual(done('async-started'));
    expect(f.startExpenseAnalysis).toHaveBeenCalledTimes(1);
    expect(f.jobs).toEqual([
      expect.objectContaining({ jobId: 'job-1', taskToken: 'token-1', leaseKey: 'lease#job#3' }),
    ]);
    expect(f.succeeded).toEqual([]);
    expect([...f.audited.values()].map((e) => e.type)).toEqual(['EXTRACTION_STARTED']);
  });

  it.each([
    ['no sync slot this second', { syncSlot: false }, png, 'sync rate'],
    ['every job slot taken', { lease: false }, undefined, 'concurrent jobs'],
    ['no start slot this second', { startSlot: false }, undefined, 'start rate'],
  ])('defers the request to the queue when there is %s', async (_name, capacity, document, why) => {
    const f = fakes({ ...capacity, document: document ?? (await pdf(2)) });
    const admission = await admit(f.deps, request, false);
    expect(admission).toMatchObject({ outcome: 'defer', why });
    expect(f.succeeded).toEqual([]);
    expect(f.failed).toEqual([]);
    if (why === 'start rate') expect(f.released).toEqual(['lease#job#3']);
  });

  it('retries throttling inside, then defers; the workflow hears nothing', async () => {
    const f = fakes({
      analyze: async () => Promise.reject(awsError('ProvisionedThroughputExceededException')),
    });
    const admission = await admit(f.deps, request, false);
    expect(admission).toMatchObject({ outcome: 'defer', why: 'throttled' });
    expect(f.analyzeExpense.mock.calls.length).toBeGreaterThan(1);
    expect(f.failed).toEqual([]);
  });

  it.each([
    ['an empty object', new Uint8Array(0), 'Tower.InputRejected', /\[empty\]/],
    ['a text file', Buffer.from('Invoice 123, please pay'), 'Tower.InputRejected', /\[unsupported-type\]/],
  ])('fails the task for %s without calling Textract', async (_name, document, name, message) => {
    const f = fakes({ document });
    expect(await admit(f.deps, request, false)).toEqual(done('rejected'));
    expect(f.analyzeExpense).not.toHaveBeenCalled();
    expect(f.failed).toEqual([{ token: 'token-1', name, message: expect.stringMatching(message) }]);
    // Kept for the recovery, should the wait have timed out before the refusal reached it.
    expect([...f.artifacts.keys()]).toEqual([
      `extractions/invoice/${request.document.documentId}.rejected.json`,
    ]);
  });

  it.each([
    ['BadDocumentException', 'Tower.InputRejected', 'rejected'],
    ['AccessDeniedException', 'Tower.Permanent', 'failed'],
  ])("classifies Textract's %s and fails the task as %s", async (error, name, how) => {
    const f = fakes({ analyze: async () => Promise.reject(awsError(error)) });
    expect(await admit(f.deps, request, false)).toEqual(done(how));
    expect(f.failed.map((x) => x.name)).toEqual([name]);
    // Only a refused input is recorded; nothing of an extraction is stored.
    expect([...f.artifacts.keys()].every((k) => k.endsWith('.rejected.json'))).toBe(true);
    expect(f.artifacts.size).toBe(how === 'rejected' ? 1 : 0);
  });

  it('defers a transient failure, and fails the task with it only on the last receive', async () => {
    const f = fakes();
    f.deps = {
      ...f.deps,
      headDocument: async () =>
        Promise.reject(Object.assign(awsError('InternalError'), { $metadata: { httpStatusCode: 500 } })),
    };
    expect(await admit(f.deps, request, false)).toMatchObject({ outcome: 'defer' });
    expect(f.failed).toEqual([]);
    expect(await admit(f.deps, request, true)).toEqual(done('failed'));
    expect(f.failed.map((x) => x.name)).toEqual(['Tower.Transient']);
  });
});
