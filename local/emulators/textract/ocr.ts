import type { DocumentKind } from './document-kind.ts';
import { unsupportedDocument } from './errors.ts';
import type { PageText } from './pdf-text.ts';

/**
 * Text from pixels: images, and PDF pages without a text layer (scans). This is the single place
 * OCR plugs in; it returns the same PageText as the PDF reader, so everything downstream (lines,
 * fields, line items, the response) works unchanged. The real one is tesseract.js
 * (`createOcrRecogniser` in ocr/recogniser.ts), which the server starts and stops; `analyzeExpense`
 * called on its own, with no recogniser, refuses what needs OCR.
 */

/** Reads one page: the image, or page `page` (1-based, default 1) of a scanned PDF. */
export type Recogniser = (kind: DocumentKind, bytes: Uint8Array, page?: number) => Promise<PageText>;

/** Without OCR: refuses, saying what would need it. */
export const recognisePage: Recogniser = async (kind) => {
  const what = kind === 'pdf' ? 'a PDF page without a text layer (a scan)' : `a ${kind.toUpperCase()} image`;
  throw unsupportedDocument(
    `The local Textract without a recogniser reads text-layer PDFs only; this is ${what}, which needs OCR`,
  );
};
