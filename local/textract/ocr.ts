import type { DocumentKind } from './document-kind.ts';
import { unsupportedDocument } from './errors.ts';
import type { PageText } from './pdf-text.ts';

/**
 * Text from pixels: images, and PDFs whose page has no text layer (scans). This is the single place
 * OCR plugs in; it returns the same PageText as the PDF reader, so everything downstream (lines,
 * fields, line items, the response) works unchanged once it does. Until then, it refuses.
 */
export type Recogniser = (kind: DocumentKind, bytes: Uint8Array) => Promise<PageText>;

export const recognisePage: Recogniser = async (kind) => {
  const what = kind === 'pdf' ? 'a PDF page without a text layer (a scan)' : `a ${kind.toUpperCase()} image`;
  throw unsupportedDocument(
    `The local Textract reads text-layer PDFs only; this is ${what}, which needs OCR (not available locally yet)`,
  );
};
