import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import { invoicePdf } from './invoice-pdf.ts';
import { seededRandom } from './prng.ts';
import { randomInvoiceSpec } from './random-spec.ts';

/**
 * Files an intake must refuse, each with the error Textract's AnalyzeExpense answers for it when
 * read from S3, so tests of the extractor and of the whole pipeline share one list.
 */
export interface MalformedSample {
  readonly name: 'empty' | 'random-bytes' | 'truncated' | 'two-page' | 'encrypted';
  /** A key to store it under; every one claims to be a PDF. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly textractError: 'UnsupportedDocumentException' | 'BadDocumentException';
}

export async function malformedSamples(seed = 1): Promise<MalformedSample[]> {
  const random = seededRandom(`malformed-${seed}`);
  const noise = Uint8Array.from({ length: 4096 }, () => random.int(0, 255));
  noise[0] = 0x00; // never `%PDF-` by chance
  const invoice = await invoicePdf(randomInvoiceSpec(seed));
  return [
    {
      name: 'empty',
      fileName: 'empty.pdf',
      bytes: new Uint8Array(0),
      textractError: 'UnsupportedDocumentException',
    },
    {
      name: 'random-bytes',
      fileName: 'random-bytes.pdf',
      bytes: noise,
      textractError: 'UnsupportedDocumentException',
    },
    {
      name: 'truncated',
      fileName: 'truncated.pdf',
      bytes: invoice.slice(0, Math.floor(invoice.length * 0.6)),
      textractError: 'BadDocumentException',
    },
    {
      name: 'two-page',
      fileName: 'two-page.pdf',
      bytes: await twoPagePdf(seed),
      textractError: 'UnsupportedDocumentException',
    },
    {
      name: 'encrypted',
      fileName: 'encrypted.pdf',
      bytes: await encryptedPdf(),
      textractError: 'UnsupportedDocumentException',
    },
  ];
}

/** An invoice continued on a second page: readable, but only by the asynchronous API. */
async function twoPagePdf(seed: number): Promise<Uint8Array> {
  const first = await PDFDocument.load(await invoicePdf(randomInvoiceSpec(seed)), { updateMetadata: false });
  const font = await first.embedFont(StandardFonts.Helvetica);
  first
    .addPage([595.28, 841.89])
    .drawText('Page 2 of 2 – terms and conditions', { x: 50, y: 780, size: 10, font });
  return first.save();
}

/**
 * A PDF under the standard security handler whose user password is not empty: no reader opens it
 * without the password, which is what "encrypted" means to an intake.
 */
async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Confidential invoice', { x: 50, y: 780, size: 12, font });
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFHexString.of('5a'.repeat(32)),
    U: PDFHexString.of('a5'.repeat(32)),
    P: -44,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([
    PDFHexString.of('0f'.repeat(16)),
    PDFHexString.of('0f'.repeat(16)),
  ]);
  return doc.save({ useObjectStreams: false });
}
