import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  checkInput,
  maxAsyncPdfBytes,
  maxDocumentBytes,
  maxPages,
  sniffKind,
} from '../../../../lambdas/platform/inspection/input-checks.ts';
import { inspectPdf } from '../../../../lambdas/platform/inspection/pdf-inspect.ts';
import {
  InputRejectedError,
  PermanentError,
  type RejectionReason,
} from '../../../../lambdas/platform/shared/errors.ts';
import { thrownBy } from './support/thrown.ts';

const bytesOf = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const png = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest of image');
const jpeg = bytesOf([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const tiffLittle = bytesOf('II*\0', 'rest');
const tiffBig = bytesOf('MM\0*', 'rest');

async function pdf(pages: number, useObjectStreams: boolean): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage().drawText(`Invoice page ${i + 1}`);
  return Buffer.from(await doc.save({ useObjectStreams }));
}

function expectRejected(run: () => unknown, reason: RejectionReason): void {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(InputRejectedError);
  expect((error as InputRejectedError).reason).toBe(reason);
}

describe('sniffKind', () => {
  it.each([
    ['pdf', bytesOf('%PDF-1.7\n')],
    ['png', png],
    ['jpeg', jpeg],
    ['tiff', tiffLittle],
    ['tiff', tiffBig],
    [null, bytesOf('PK\u0003\u0004')],
    [null, bytesOf('%PD')],
    [null, bytesOf('')],
  ])('tells %s', (kind, bytes) => {
    // Act
    const found = sniffKind(bytes);

    // Assess
    expect(found).toBe(kind);
  });
});

describe('checkInput', () => {
  it.each([
    ['png', png],
    ['jpeg', jpeg],
    ['tiff', tiffLittle],
  ])('accepts a %s from its first bytes', (kind, bytes) => {
    // Act
    const result = checkInput({ size: 50_000, contentType: 'image/whatever', bytes });

    // Assess
    expect(result).toEqual({ kind, pageCount: 1, path: 'sync', activeContent: [] });
  });

  it.each([true, false])('accepts a one-page PDF (object streams: %s)', async (useObjectStreams) => {
    // Prepare
    const bytes = await pdf(1, useObjectStreams);

    // Act
    const result = checkInput({ size: bytes.length, bytes });

    // Assess
    expect(result).toEqual({ kind: 'pdf', pageCount: 1, path: 'sync', activeContent: [] });
  });

  it.each<[string, number, Uint8Array, RejectionReason]>([
    ['an empty object', 0, new Uint8Array(), 'empty'],
    ['an image over 10 MB', maxDocumentBytes + 1, png, 'too-large'],
    ['any object over 500 MB', maxAsyncPdfBytes + 1, bytesOf('%PDF-1.7'), 'too-large'],
    ['a ZIP', 4_000, bytesOf('PK\u0003\u0004 zip'), 'unsupported-type'],
    ['plain text', 4_000, bytesOf('Invoice 123'), 'unsupported-type'],
  ])('rejects %s', (_name, size, bytes, reason) => {
    // Act, Assess
    expectRejected(() => checkInput({ size, contentType: 'application/pdf', bytes }), reason);
  });

  it('rejects a truncated PDF as corrupt', async () => {
    // Prepare
    const whole = await pdf(1, false);
    const bytes = whole.subarray(0, whole.length - 200);

    // Act, Assess
    expectRejected(() => checkInput({ size: bytes.length, bytes }), 'corrupt');
  });

  it('rejects a PDF whose /Encrypt names no dictionary as encrypted, saying it cannot be checked', async () => {
    // Prepare
    const text = (await pdf(1, false)).toString('latin1');
    const bytes = Buffer.from(text.replace('trailer\n<<', 'trailer\n<<\n/Encrypt 9 0 R'), 'latin1');

    // Act
    const error = thrownBy(() => checkInput({ size: bytes.length, bytes }));

    // Assess
    expect(text).toContain('trailer\n<<');
    expect(error).toBeInstanceOf(InputRejectedError);
    expect((error as Error).message).toBe(
      '[encrypted] The PDF is encrypted and cannot be checked: its encryption dictionary cannot be read (/Encrypt 9 0 R names no readable dictionary); ask the sender for an unprotected copy',
    );
  });

  it.each([true, false])(
    'sends a three-page PDF down the asynchronous path (object streams: %s)',
    async (useObjectStreams) => {
      // Prepare
      const bytes = await pdf(3, useObjectStreams);

      // Act
      const result = checkInput({ size: bytes.length, bytes });

      // Assess
      expect(result).toEqual({ kind: 'pdf', pageCount: 3, path: 'async', activeContent: [] });
    },
  );

  it('sends a one-page PDF over the synchronous limit down the asynchronous path', async () => {
    // Prepare
    const one = await pdf(1, false);
    const bytes = Buffer.concat([
      Buffer.from(one.subarray(0, -6)),
      Buffer.alloc(maxDocumentBytes, 32),
      Buffer.from('\n%%EOF\n'),
    ]);

    // Act
    const result = checkInput({ size: bytes.length, bytes });

    // Assess
    expect(result.path).toBe('async');
  });

  it(`rejects a PDF of more than ${maxPages} pages as too many`, async () => {
    // Prepare
    const bytes = await pdf(maxPages + 1, true);

    // Act, Assess
    expectRejected(() => checkInput({ size: bytes.length, bytes }), 'too-many-pages');
  });

  it('insists on the whole PDF', async () => {
    // Prepare
    const bytes = await pdf(1, false);

    // Act
    const error = thrownBy(() => checkInput({ size: bytes.length, bytes: bytes.subarray(0, 1024) }));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
  });
});

describe('inspectPdf', () => {
  it.each([
    [1, true],
    [2, true],
    [5, false],
  ])('counts %i pages (object streams: %s)', async (pages, useObjectStreams) => {
    // Prepare
    const bytes = await pdf(pages, useObjectStreams);

    // Act
    const facts = inspectPdf(bytes);

    // Assess
    expect(facts).toEqual({
      truncated: false,
      encryption: { kind: 'none' },
      pageCount: pages,
      activeContent: [],
    });
  });

  it('counts a page rewritten by an incremental update once', () => {
    // Prepare
    const page = '3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n';
    const bytes = bytesOf('%PDF-1.4\n', page, 'xref\ntrailer\n<< >>\n%%EOF\n', page, '%%EOF\n');

    // Act
    const facts = inspectPdf(bytes);

    // Assess
    expect(facts.pageCount).toBe(1);
  });

  it('knows nothing of pages it cannot see', () => {
    // Act
    const facts = inspectPdf(bytesOf('%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF'));

    // Assess
    expect(facts.pageCount).toBeNull();
  });
});
