import type { ExpenseReader } from '../../../../local/emulators/textract/expense-reader.ts';
import { pageLanguages } from '../extract/labels.ts';
import { currencyOf } from './currency.ts';
import { columnType, isDocumentTitle, labelKind } from './labels.ts';
import { detectLineItems } from './line-items.ts';
import { detectSummaryFields } from './summary-fields.ts';

/**
 * The invoice process's stand-in for Textract's expense model, for the local Textract only (the
 * process spec imports it lazily, so deployed bundles never hold it): the line-item table first,
 * then the summary fields from the LINEs the table did not use, in every lexicon language.
 */
export const expenseReader: ExpenseReader = {
  read: ({ lines, size }) => {
    const table = detectLineItems(lines);
    const summaryFields = detectSummaryFields(lines, table.lines, size);
    const [language] = pageLanguages(lines.map((l) => l.text));
    return { summaryFields, lineItems: table.lineItems, language };
  },
  knows: (text) => labelKind(text) !== null || columnType(text) !== null || isDocumentTitle(text),
  currencyOf,
};
