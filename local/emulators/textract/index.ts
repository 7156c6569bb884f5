/** The local Textract: AnalyzeExpense on text-layer PDFs and OCR, read by a process's ExpenseReader, over AWS JSON 1.1 on loopback. */
export { type AnalyzeOptions, analyzeExpense, analyzePage, maxDocumentBytes } from './analyze-expense.ts';
export { type ObjectFetcher, type S3ObjectRef, s3ObjectFetcher } from './document-source.ts';
export { type TextractErrorName, TextractServiceError } from './errors.ts';
export {
  type ExpensePage,
  type ExpenseReader,
  type ExpenseReading,
  isExpenseReader,
} from './expense-reader.ts';
export type { Recogniser } from './ocr.ts';
export type { PageText, TextRun } from './pdf-text.ts';
export { startTextractServer, type TextractServer, type TextractServerOptions } from './server.ts';
