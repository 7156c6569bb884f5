import { describe, expect, it } from 'vitest';
import { maxInspectedPdfBytes } from '../../../../../lambdas/platform/inspection/input-checks.ts';
import { InputRejectedError } from '../../../../../lambdas/platform/shared/errors.ts';
import type { DocumentRef } from '../../../../../lambdas/platform/shared/workflow.ts';
import { inspectDocument } from '../../../../../lambdas/processes/invoice/extract/inspect-document.ts';
import type { ExtractDeps } from '../../../../../lambdas/processes/invoice/extract/ports.ts';
import { paddedCopy, paddedPdf } from '../../../../../lambdas/processes/invoice/samples/padded-pdf.ts';
import { fixtureBytes } from '../../../platform/inspection/support/encrypted-fixtures.ts';

const doc: DocumentRef = {
  documentId: 'd'.repeat(64),
  process: 'invoice',
  bucket: 'data',
  key: 'invoices/big.pdf',
  size: 0,
  receivedAt: '2025-01-01T00:00:00.000Z',
};

/** An in-memory S3 object: HeadObject and (ranged) GetObject, counting the bytes handed out. */
function memoryObject(body: Buffer) {
  const read = { bytes: 0 };
  const source: Pick<ExtractDeps, 'headDocument' | 'readDocument'> = {
    headDocument: async () => ({ size: body.length, contentType: 'application/pdf' }),
    readDocument: async (_doc, length) => {
      const part = body.subarray(0, length ?? body.length);
      read.bytes += part.length;
      return part;
    },
  };
  return { source, read };
}

describe('inspectDocument near the whole-PDF inspection cap', () => {
  it('checks a PDF of exactly the cap whole and sends it to a job', async () => {
    // Prepare
    const object = memoryObject(paddedPdf(maxInspectedPdfBytes));

    // Act
    const checked = await inspectDocument(object.source, doc);

    // Assess
    expect(checked).toMatchObject({ kind: 'pdf', pageCount: 1, path: 'async' });
    expect(object.read.bytes).toBe(1024 + maxInspectedPdfBytes);
  }, 60_000);

  it('refuses a PDF one byte over the cap with the reason, having read only its first kilobyte', async () => {
    // Prepare
    const object = memoryObject(paddedPdf(maxInspectedPdfBytes + 1));

    // Act
    const refused = await inspectDocument(object.source, doc).catch((error: unknown) => error);

    // Assess
    expect(refused).toBeInstanceOf(InputRejectedError);
    expect(refused).toMatchObject({
      reason: 'too-large',
      message: expect.stringContaining(
        'PDFs are checked whole (encryption, pages, active content) up to 100.0 MB',
      ),
    });
    expect(object.read.bytes).toBe(1024);
  }, 60_000);

  it('checks a permission-only PDF of exactly the cap whole, its encrypted object streams decrypted', async () => {
    // Prepare: qpdf's AES-256 file, three pages and a JavaScript open action in its object streams.
    const object = memoryObject(
      paddedCopy(fixtureBytes('r6-aes-256-xref-stream.open.pdf'), maxInspectedPdfBytes),
    );

    // Act
    const checked = await inspectDocument(object.source, doc);

    // Assess
    expect(checked).toMatchObject({ kind: 'pdf', pageCount: 3, path: 'async' });
    expect(checked.activeContent).toEqual([{ kind: 'javascript', automatic: true }]);
  }, 60_000);
});
