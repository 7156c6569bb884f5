import type { DetectedField, DetectedLineItem } from './detected.ts';
import type { PageSize } from './geometry.ts';
import type { Line } from './text-layout.ts';

/**
 * The port through which a process teaches the local Textract to read expense documents: the engine
 * reads a page's text (text layer or OCR), lays it out in LINEs and writes the answer in Textract's
 * shape; what the fields and line items are is the reader's (a process's stand-in) to say.
 */

/** One page as the engine laid it out: its LINEs (words, boxes, OCR confidences) and its size. */
export interface ExpensePage {
  readonly lines: readonly Line[];
  readonly size: PageSize;
}

/** What a reader found on a page, before the engine writes it as SummaryFields and LineItemGroups. */
export interface ExpenseReading {
  readonly summaryFields: readonly DetectedField[];
  readonly lineItems: readonly DetectedLineItem[];
  /** The page's language (ISO 639-1) by the reader's lexicons, if they tell; OCR confidences use it. */
  readonly language?: string;
}

export interface ExpenseReader {
  read(page: ExpensePage): ExpenseReading;
  /** Whether a text is one the reader looks for (a label, a header, a title): OCR rejoins words split into it. */
  knows(text: string): boolean;
  /** The ISO currency code a money value shows, or null: Textract's `Currency` on amount fields. */
  currencyOf(text: string): string | null;
}

/** Without a reader: the page's LINEs and WORDs, and no fields. */
export const noExpenseReader: ExpenseReader = {
  read: () => ({ summaryFields: [], lineItems: [] }),
  knows: () => false,
  currencyOf: () => null,
};

/** Whether a value (a process's stand-in, typed unknown) is an ExpenseReader. */
export function isExpenseReader(value: unknown): value is ExpenseReader {
  return (
    typeof value === 'object' &&
    value !== null &&
    'read' in value &&
    typeof value.read === 'function' &&
    'knows' in value &&
    typeof value.knows === 'function' &&
    'currencyOf' in value &&
    typeof value.currencyOf === 'function'
  );
}
