import { InputRejectedError, PermanentError } from '../shared/errors.ts';
import { inspectPdf } from './pdf-inspect.ts';

/**
 * Checks a document before Textract sees it: size, type by magic bytes (never by name or declared
 * content type alone), and for PDFs truncation, encryption and page count. Each refusal is classified.
 */

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** AnalyzeExpense's synchronous limit for a document in S3. */
export const maxDocumentBytes = 10 * 1024 * 1024;
/** Enough leading bytes to tell the type. */
export const sniffLength = 1024;

export interface InputSample {
  readonly size: number;
  readonly contentType?: string;
  /** The leading bytes; for a PDF the whole object, since its trailer and page tree matter. */
  readonly bytes: Uint8Array;
}

const magic: readonly (readonly [DocumentKind, readonly number[]])[] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
];

/** Refuses an empty or oversized object before any of it is read. */
export function checkSize(size: number): void {
  if (size <= 0) throw new InputRejectedError('empty', 'The document is empty');
  if (size > maxDocumentBytes)
    throw new InputRejectedError(
      'too-large',
      `The document is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxDocumentBytes / 1024 / 1024} MB`,
    );
}

export function sniffKind(bytes: Uint8Array): DocumentKind | null {
  const found = magic.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte));
  return found ? found[0] : null;
}

/**
 * Returns the document's kind, or throws: InputRejectedError for a file Tower can never read, and
 * PermanentError for a multipage PDF, which waits for the async extraction path rather than being
 * quarantined as bad.
 */
export function checkInput(sample: InputSample): DocumentKind {
  checkSize(sample.size);
  const kind = sniffKind(sample.bytes);
  if (kind === null)
    throw new InputRejectedError(
      'unsupported-type',
      `The document is not a PDF, PNG, JPEG or TIFF (declared ${sample.contentType ?? 'no content type'})`,
    );
  if (kind === 'pdf') checkPdf(sample);
  return kind;
}

function checkPdf(sample: InputSample): void {
  if (sample.bytes.length < sample.size)
    throw new PermanentError('PDF checks need the whole object, not its first bytes');
  const facts = inspectPdf(sample.bytes);
  if (facts.truncated)
    throw new InputRejectedError('corrupt', 'The PDF is truncated (no %%EOF near its end)');
  if (facts.encrypted) throw new InputRejectedError('encrypted', 'The PDF is encrypted');
  if (facts.pageCount !== null && facts.pageCount > 1)
    throw new PermanentError('multipage documents are not supported yet (async extraction)');
}
