import type { AnalyzeExpenseResponse } from '@aws-sdk/client-textract';
import { sniffKind } from './document-kind.ts';
import { TextractServiceError, unsupportedDocument } from './errors.ts';
import { type ExpenseReader, noExpenseReader } from './expense-reader.ts';
import { expenseResponse, type ResponseOptions } from './expense-response.ts';
import { type Recogniser, recognisePage } from './ocr.ts';
import { type PageText, readPdfText } from './pdf-text.ts';
import { linesOf, wordsOf } from './text-layout.ts';

/** The languages whose tesseract models the OCR loads (ocr/engine.ts: eng, deu, fra). */
const modelledLanguages: ReadonlySet<string> = new Set(['en', 'de', 'fr']);

/**
 * AnalyzeExpense on a document's bytes, without HTTP: check the limits, read the page's text (the
 * text layer, or OCR when there is none), let the reader find the table and the fields, answer in
 * Textract's shape.
 */

/** The synchronous API's limit. */
export const maxDocumentBytes = 10 * 1024 * 1024;

export interface PageOptions extends ResponseOptions {
  /** What the fields and line items are (a process's stand-in). @default none: no fields, LINEs and WORDs only */
  readonly reader?: ExpenseReader;
}

export interface AnalyzeOptions extends PageOptions {
  /** @default the OCR placeholder in ocr.ts */
  readonly recognise?: Recogniser;
}

export async function analyzeExpense(
  bytes: Uint8Array,
  options: AnalyzeOptions = {},
): Promise<AnalyzeExpenseResponse> {
  if (bytes.length > maxDocumentBytes)
    throw new TextractServiceError(
      'DocumentTooLargeException',
      `The document is ${bytes.length} bytes; the maximum for synchronous operations is ${maxDocumentBytes} bytes`,
    );
  const kind = sniffKind(bytes);
  if (kind === null)
    throw unsupportedDocument(
      'Request has unsupported document format: not a PDF, PNG, JPEG or TIFF document',
    );
  const recognise = options.recognise ?? recognisePage;
  const layer = kind === 'pdf' ? await readPdfText(bytes) : null;
  const text: PageText = layer !== null && layer.runs.length > 0 ? layer : await recognise(kind, bytes);
  return analyzePage(text, options);
}

/** The layout, and the reader's field detection, on one page of text, whatever read it. */
export function analyzePage(text: PageText, options: PageOptions = {}): AnalyzeExpenseResponse {
  const reader = options.reader ?? noExpenseReader;
  const lines = linesOf(wordsOf(text.runs));
  const reading = reader.read({ lines, size: text });
  const recognised = lines.some((l) => l.words.some((w) => w.confidence !== undefined));
  const language = recognised ? reading.language : undefined;
  const ocrModelled = language === undefined || modelledLanguages.has(language);
  return expenseResponse(
    { page: text, lines, summaryFields: reading.summaryFields, lineItems: reading.lineItems, ocrModelled },
    { newId: options.newId, currencyOf: (value) => reader.currencyOf(value) },
  );
}
