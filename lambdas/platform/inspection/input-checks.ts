import { InputRejectedError, PermanentError } from '../shared/errors.ts';
import {
  type ActiveContentFinding,
  type ActiveContentPolicy,
  describeActiveContent,
} from './active-content.ts';
import { inspectPdf } from './pdf-inspect.ts';

/**
 * Checks a document before Textract sees it: size, type by magic bytes (never by name or declared
 * content type alone), and for PDFs truncation, a password needed to open it (a permission-only PDF,
 * which opens without one, is read like any other), page count and active content (refused or
 * handed on for a person to see, by the process's policy). Each refusal is classified,
 * and the result says which Textract path the document takes.
 */

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** AnalyzeExpense's synchronous limit, and the whole limit for images. */
export const maxDocumentBytes = 10 * 1024 * 1024;
/** StartExpenseAnalysis's limit for PDFs. */
export const maxAsyncPdfBytes = 500 * 1024 * 1024;
/**
 * PDFs are checked whole (truncation, encryption, page tree, active content), held about three times
 * over while checked (the bytes, their text, the scans): past this they are refused with that reason,
 * so a 500 MB upload cannot exhaust the extract function's memory (1024 MB).
 */
export const maxInspectedPdfBytes = 100 * 1024 * 1024;
/** Pages a document may have; Textract's async limit is 3,000, and a business document past 100 is not one. */
export const maxPages = 100;
/** Enough leading bytes to tell the type. */
export const sniffLength = 1024;

export interface InputSample {
  readonly size: number;
  readonly contentType?: string;
  /** The leading bytes; for a PDF the whole object, since its trailer and page tree matter. */
  readonly bytes: Uint8Array;
}

export interface CheckedInput {
  readonly kind: DocumentKind;
  /** Pages found (1 for images), or null when a PDF's page tree could not be read. */
  readonly pageCount: number | null;
  /** Single-page documents within the synchronous limit use AnalyzeExpense; the rest a job. */
  readonly path: 'sync' | 'async';
  /** Active content found (PDFs only), for the process to show a person; empty when none. */
  readonly activeContent: readonly ActiveContentFinding[];
}

const magic: readonly (readonly [DocumentKind, readonly number[]])[] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
];

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses an empty or oversized object before any of it is read (PDFs may be larger: they can go async). */
export function checkSize(size: number): void {
  if (size <= 0) throw new InputRejectedError('empty', 'The document is empty');
  if (size > maxAsyncPdfBytes)
    throw new InputRejectedError(
      'too-large',
      `The document is ${megabytes(size)}; the limit is ${megabytes(maxAsyncPdfBytes)}`,
    );
}

/** Refuses a PDF too large to be checked whole, before any more of it is read. */
export function checkInspectable(kind: DocumentKind | null, size: number): void {
  if (kind === 'pdf' && size > maxInspectedPdfBytes)
    throw new InputRejectedError(
      'too-large',
      `The PDF is ${megabytes(size)}; PDFs are checked whole (encryption, pages, active content) up to ${megabytes(maxInspectedPdfBytes)}: split it or send a smaller scan`,
    );
}

export function sniffKind(bytes: Uint8Array): DocumentKind | null {
  const found = magic.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte));
  return found ? found[0] : null;
}

/** The document's kind and Textract path, or a classified refusal. */
export function checkInput(sample: InputSample, activeContent: ActiveContentPolicy = 'review'): CheckedInput {
  checkSize(sample.size);
  const kind = sniffKind(sample.bytes);
  if (kind === null)
    throw new InputRejectedError(
      'unsupported-type',
      `The document is not a PDF, PNG, JPEG or TIFF (declared ${sample.contentType ?? 'no content type'})`,
    );
  if (kind !== 'pdf') {
    if (sample.size > maxDocumentBytes)
      throw new InputRejectedError(
        'too-large',
        `The image is ${megabytes(sample.size)}; the limit is ${megabytes(maxDocumentBytes)}`,
      );
    return { kind, pageCount: 1, path: 'sync', activeContent: [] };
  }
  checkInspectable(kind, sample.size);
  const facts = checkPdf(sample);
  if (facts.activeContent.length > 0 && activeContent === 'reject')
    throw new InputRejectedError('active-content', describeActiveContent(facts.activeContent));
  const { pageCount } = facts;
  const path = (pageCount ?? 1) > 1 || sample.size > maxDocumentBytes ? 'async' : 'sync';
  return { kind, pageCount, path, activeContent: facts.activeContent };
}

function checkPdf(sample: InputSample) {
  if (sample.bytes.length < sample.size)
    throw new PermanentError('PDF checks need the whole object, not its first bytes');
  const facts = inspectPdf(sample.bytes);
  if (facts.truncated)
    throw new InputRejectedError('corrupt', 'The PDF is truncated (no %%EOF near its end)');
  const { encryption } = facts;
  if (encryption.kind === 'user-password')
    throw new InputRejectedError(
      'encrypted',
      `The PDF needs a password to open (${encryption.handler}): ask the sender for a copy without an open password`,
    );
  if (encryption.kind === 'unreadable')
    throw new InputRejectedError(
      'encrypted',
      `The PDF is encrypted and cannot be checked: ${encryption.reason}; ask the sender for an unprotected copy`,
    );
  if (facts.pageCount !== null && facts.pageCount > maxPages)
    throw new InputRejectedError(
      'too-many-pages',
      `The PDF has ${facts.pageCount} pages; the limit is ${maxPages}`,
    );
  return facts;
}
