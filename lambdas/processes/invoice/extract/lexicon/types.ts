/**
 * What an invoice's words mean, per language, as data: the labels of every header field, the table's
 * column headers, the words that name the document, month and weekday names, legal forms. Phrases
 * are written in matching form (see `normaliseLabel`): lower case, no accents, no dots; a space
 * matches any spacing (or none), and `(a|b)` and `?` work as in regular expressions.
 */

export const lexiconLanguages = ['en', 'nl', 'fr', 'de', 'es', 'it', 'pt', 'pl'] as const;
export type LexiconLanguage = (typeof lexiconLanguages)[number];

/**
 * What a label introduces. `amountDue` is a payable total ("Te betalen", "Amount due"); `discount` an
 * amount taken off ("Rabatt 20 %", "Remise"), which Textract reports as DISCOUNT.
 */
export const labelFields = [
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'subtotal',
  'tax',
  'total',
  'amountDue',
  'discount',
  'receiver',
  'vendor',
  'other',
] as const;
export type LabelField = (typeof labelFields)[number];

export const columnFields = ['item', 'quantity', 'unitPrice', 'price'] as const;
export type ColumnField = (typeof columnFields)[number];

export interface Lexicon {
  readonly language: LexiconLanguage;
  readonly labels: Readonly<Record<LabelField, readonly string[]>>;
  readonly columns: Readonly<Record<ColumnField, readonly string[]>>;
  /** Labels of the customer's number ("Kundennummer", "N° client"): the block beside one is the customer's. */
  readonly customerNumbers: readonly string[];
  /** Words that name the document or its copy ("invoice", "kopie", "duplicata"): never a vendor. */
  readonly documentWords: readonly string[];
  /** Twelve entries, January first, each the month's names and abbreviations (any grammatical case). */
  readonly months: readonly (readonly string[])[];
  readonly weekdays: readonly string[];
  /** Words between a date's parts ("3 de agosto de 2014", "3 sierpnia 2014 r"). */
  readonly dateWords: readonly string[];
  /** Words that put the issue date after an invoice number in a title ("Facture n°12 du …"). */
  readonly titleDateWords: readonly string[];
  /** Legal-form suffixes of company names, in matching form ("gmbh", "sp z o o", "bv"). */
  readonly legalForms: readonly string[];
}
