/**
 * The words printed on a sample invoice, in one language and layout. Each layout uses different
 * synonyms (`Invoice number:` / `Invoice No.`, `Zwischensumme:` / `Nettobetrag`), so the extractor is
 * exercised on more than one spelling of every label.
 */
export interface InvoiceLabels {
  readonly title: string;
  readonly billTo: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: string;
  readonly dueDate: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: string;
  readonly subtotal: string;
  /** The tax label around the printed rate. */
  readonly tax: (rate: string) => string;
  readonly total: string;
  readonly iban: string;
  readonly bankDetails: string;
  readonly thanks: string;
}
