import { columnField, labelField, isDocumentTitle as namesDocument } from '../extract/labels.ts';
import type { ColumnField, LabelField } from '../extract/lexicon/index.ts';

/**
 * The extractor's view of the label lexicons (lambdas/processes/invoice/extract/lexicon: eight languages, as data):
 * which Textract field type a printed label introduces, and which table column a header names.
 */

export { normaliseLabel } from '../extract/label-text.ts';

export type SummaryType =
  | 'INVOICE_RECEIPT_ID'
  | 'INVOICE_RECEIPT_DATE'
  | 'DUE_DATE'
  | 'SUBTOTAL'
  | 'TAX'
  | 'TOTAL'
  | 'AMOUNT_DUE'
  | 'DISCOUNT'
  | 'OTHER';

/** What a label introduces: a summary field, the customer's block (`Bill to`) or the issuer's (`Seller`). */
export type LabelKind = SummaryType | 'RECEIVER' | 'VENDOR';

export type ColumnType = 'ITEM' | 'QUANTITY' | 'UNIT_PRICE' | 'PRICE';

const kinds: Readonly<Record<LabelField, LabelKind>> = {
  invoiceNumber: 'INVOICE_RECEIPT_ID',
  invoiceDate: 'INVOICE_RECEIPT_DATE',
  dueDate: 'DUE_DATE',
  subtotal: 'SUBTOTAL',
  tax: 'TAX',
  total: 'TOTAL',
  amountDue: 'AMOUNT_DUE',
  discount: 'DISCOUNT',
  receiver: 'RECEIVER',
  vendor: 'VENDOR',
  other: 'OTHER',
};

const columns: Readonly<Record<ColumnField, ColumnType>> = {
  item: 'ITEM',
  quantity: 'QUANTITY',
  unitPrice: 'UNIT_PRICE',
  price: 'PRICE',
};

export function kindOf(field: LabelField): LabelKind {
  return kinds[field];
}

export function labelKind(text: string): LabelKind | null {
  const match = labelField(text);
  return match === null ? null : kinds[match.field];
}

export function columnType(text: string): ColumnType | null {
  const match = columnField(text);
  return match === null ? null : columns[match.field];
}

/** Document titles (`INVOICE`, `Kopie factuur`, `Facture`), never a vendor name. */
export function isDocumentTitle(text: string): boolean {
  return namesDocument(text);
}

/** Kinds whose value is money. */
export const amountKinds: ReadonlySet<LabelKind> = new Set([
  'SUBTOTAL',
  'TAX',
  'TOTAL',
  'AMOUNT_DUE',
  'DISCOUNT',
]);
