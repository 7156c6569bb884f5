import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import type { ExpenseResponse } from '../../../lambdas/extract/expense-fields.ts';
import { createExtractHandler, type ExtractDeps } from '../../../lambdas/extract/handler.ts';
import type { ExtractionQuality } from '../../../lambdas/extract/quality.ts';
import type { AppendOptions, AuditEvent } from '../../../lambdas/shared/audit.ts';
import { InputRejectedError, PermanentError, TransientError } from '../../../lambdas/shared/errors.ts';
import type { DocumentRef, StepEvent } from '../../../lambdas/shared/workflow.ts';
import { recordedResponse } from './expense-builders.ts';

const documentId = 'a'.repeat(64);
const executionArn = 'arn:aws:states:eu-west-1:123456789012:execution:invoice:invoice-aaaa';
const artifactKey = `extractions/${documentId}.json`;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const event: StepEvent = {
  document: {
    documentId,
    process: 'invoice',
    bucket: 'data-bucket',
    key: 'invoice/inv-1.png',
    versionId: 'v1',
    size: png.length,
    contentType: 'image/png',
    receivedAt: '2025-01-01T00:00:00.000Z',
  },
  workflowVersion: 'invoice@1',
  executionArn,
};

/** In-memory ports: one S3 object, an artifact store, Textract, an audit trail that honours idempotency keys. */
function fakes(document: Uint8Array = png, analyze?: () => Promise<ExpenseResponse>) {
  const artifacts = new Map<string, string>();
  const audited = new Map<string, AuditEvent>();
  const quality: ExtractionQuality[] = [];
  const reads: (number | undefined)[] = [];
  const analyzeExpense = vi.fn(
    analyze ?? (async () => recordedResponse('default_invoice_1.analyze-expense.json')),
  );
  const deps: ExtractDeps = {
    headDocument: async () => ({ size: document.length, contentType: 'image/png' }),
    readDocument: async (_doc: DocumentRef, length?: number) => {
      reads.push(length);
      return document.subarray(0, length ?? document.length);
    },
    readArtifact: async (key) => artifacts.get(key),
    writeArtifact: async (key, body) => {
      artifacts.set(key, body);
    },
    analyzeExpense,
    audit: {
      append: async (auditEvent: AuditEvent, options: AppendOptions = {}) => {
        const key = options.idempotencyKey ?? String(audited.size);
        if (audited.has(key)) return false;
        audited.set(key, auditEvent);
        return true;
      },
    },
    recordQuality: (q) => {
      quality.push(q);
    },
  };
  return { deps, artifacts, audited, quality, reads, analyzeExpense };
}

async function pdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage().drawText(`Invoice page ${i + 1}`);
  return doc.save({ useObjectStreams: false });
}

describe('extract handler', () => {
  it('extracts, stores the full invoice and returns its header', async () => {
    // Prepare
    const f = fakes();

    // Act
    const result = await createExtractHandler(f.deps)(event);

    // Assess
    expect(result.artifactKey).toBe(artifactKey);
    expect(result.inputHash).toBe(documentId);
    expect(result.invoice.total?.value).toBe('6231.09');
    expect(result.invoice.lineItemCount).toBe(4);
    expect(result.invoice).not.toHaveProperty('lineItems');
    expect(JSON.parse(f.artifacts.get(artifactKey) ?? '{}').lineItems).toHaveLength(4);
    expect(f.analyzeExpense).toHaveBeenCalledExactlyOnceWith(event.document);
    expect(f.reads).toEqual([1024]);
    expect(f.quality).toEqual([{ minConfidence: expect.any(Number), fieldsMissing: 1 }]);
    expect(f.quality[0]?.minConfidence).toBeGreaterThan(99);
  });

  it('audits EXTRACTED with confidences, counts and versions, never values', async () => {
    // Prepare
    const f = fakes();

    // Act
    await createExtractHandler(f.deps)(event);

    // Assess
    const recorded = f.audited.get(`${documentId}/${executionArn}/extract`);
    expect(recorded).toMatchObject({
      documentId,
      step: 'extract',
      type: 'EXTRACTED',
      actor: { kind: 'model', id: 'textract:AnalyzeExpense' },
      inputHash: documentId,
      versions: { workflow: 'invoice@1' },
      executionArn,
      details: { warningCount: 1, lineItemCount: 4, pageCount: 1 },
    });
    expect(recorded?.details?.confidences).toMatchObject({ vendor: null, total: 100 });
    expect(JSON.stringify(recorded)).not.toContain('6231.09');
  });

  it('reuses a stored extraction without touching the document or Textract', async () => {
    // Prepare
    const first = fakes();
    await createExtractHandler(first.deps)(event);
    const f = fakes();
    f.artifacts.set(artifactKey, first.artifacts.get(artifactKey) ?? '');
    const head = vi.spyOn(f.deps, 'headDocument');

    // Act
    const result = await createExtractHandler(f.deps)(event);

    // Assess
    expect(f.analyzeExpense).not.toHaveBeenCalled();
    expect(head).not.toHaveBeenCalled();
    expect(f.quality).toEqual([]);
    expect(result.invoice.invoiceNumber?.value).toBe('123PQR456');
    expect(f.audited.size).toBe(1);
  });

  it('pays Textract and audits once when the step is retried', async () => {
    // Prepare
    const f = fakes();
    const run = createExtractHandler(f.deps);

    // Act
    const first = await run(event);
    const second = await run(event);

    // Assess
    expect(second).toEqual(first);
    expect(f.analyzeExpense).toHaveBeenCalledTimes(1);
    expect(f.audited.size).toBe(1);
  });

  it('extracts again when the stored extraction is unreadable', async () => {
    // Prepare
    const f = fakes();
    f.artifacts.set(artifactKey, '{"total": 12}');

    // Act
    await createExtractHandler(f.deps)(event);

    // Assess
    expect(f.analyzeExpense).toHaveBeenCalledTimes(1);
    expect(JSON.parse(f.artifacts.get(artifactKey) ?? '{}').total.value).toBe('6231.09');
  });

  it.each([
    ['an empty object', async () => new Uint8Array(), 'empty'],
    ['a text file', async () => Buffer.from('just some text'), 'unsupported-type'],
    ['a truncated PDF', async () => (await pdf(1)).subarray(0, 400), 'corrupt'],
  ])('quarantines %s before calling Textract', async (_name, bytes, reason) => {
    // Prepare
    const f = fakes(await bytes());

    // Act
    const error = await createExtractHandler(f.deps)(event).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(InputRejectedError);
    expect((error as InputRejectedError).reason).toBe(reason);
    expect(f.analyzeExpense).not.toHaveBeenCalled();
    expect(f.artifacts.size).toBe(0);
    expect(f.audited.size).toBe(0);
  });

  it('reads the whole of a PDF and fails a multipage one as permanent', async () => {
    // Prepare
    const bytes = await pdf(2);
    const f = fakes(bytes);

    // Act
    const error = await createExtractHandler(f.deps)(event).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('multipage documents are not supported yet');
    expect(bytes.length).toBeGreaterThan(1024);
    expect(f.reads).toEqual([1024, undefined]);
    expect(f.analyzeExpense).not.toHaveBeenCalled();
  });

  it.each([
    ['BadDocumentException', InputRejectedError],
    ['ThrottlingException', TransientError],
    ['AccessDeniedException', PermanentError],
  ])("classifies Textract's %s and stores nothing", async (name, expected) => {
    // Prepare
    const f = fakes(png, async () => {
      throw Object.assign(new Error('refused'), { name });
    });

    // Act
    const error = await createExtractHandler(f.deps)(event).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(expected);
    expect(f.artifacts.size).toBe(0);
    expect(f.audited.size).toBe(0);
  });

  it('refuses an event without a document as a permanent wiring fault', async () => {
    // Prepare
    const f = fakes();
    const malformed = { workflowVersion: 'invoice@1', executionArn } as unknown as StepEvent;

    // Act
    const error = await createExtractHandler(f.deps)(malformed).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
  });
});
