import type { Language } from './invoice-spec.ts';

/**
 * What the newer layouts print besides the labels: a copy's title, the payable line under the
 * total, the issuer's VAT number label, where the currency is named when amounts carry none, and a
 * title that holds the invoice number (and in some languages the date), as real invoices do.
 */

export interface TitleWords {
  /** A copy's title above the issuer (`Kopie factuur`, `Duplicata`). */
  readonly copy: string;
  /** The payable line under the total (`Te betalen`, `Net à payer`). */
  readonly amountDue: string;
  /** The label of the issuer's VAT number. */
  readonly vatId: string;
  /** The country code of the issuer's VAT number. */
  readonly country: string;
  /** Web and mail domains end in this. */
  readonly tld: string;
  /** `Amounts in EUR`: the only place a `title-number` invoice names its currency. */
  readonly amountsIn: (currency: string) => string;
  /** The title with the number, and the date where the language puts it there. */
  readonly numberTitle: (number: string, date: string) => string;
  /** Whether `numberTitle` prints the date (else it is printed under a label). */
  readonly dateInTitle: boolean;
}

export const titleWords: Readonly<Record<Language, TitleWords>> = {
  en: {
    copy: 'COPY OF INVOICE',
    amountDue: 'Amount Due',
    vatId: 'VAT Reg. No.',
    country: 'GB',
    tld: 'co.uk',
    amountsIn: (c) => `All amounts in ${c}`,
    numberTitle: (n) => `Invoice ${n}`,
    dateInTitle: false,
  },
  de: {
    copy: 'Rechnungskopie',
    amountDue: 'Zu zahlen',
    vatId: 'USt-IdNr.',
    country: 'DE',
    tld: 'de',
    amountsIn: (c) => `Alle Beträge in ${c}`,
    numberTitle: (n, d) => `Rechnung Nr. ${n} vom ${d}`,
    dateInTitle: true,
  },
  fr: {
    copy: 'Duplicata',
    amountDue: 'Net à payer',
    vatId: 'N° TVA intracommunautaire :',
    country: 'FR',
    tld: 'fr',
    amountsIn: (c) => `Montants exprimés en ${c}`,
    numberTitle: (n, d) => `Facture n°${n} du ${d}`,
    dateInTitle: true,
  },
  nl: {
    copy: 'Kopie factuur',
    amountDue: 'Te betalen',
    vatId: 'Btw-nummer:',
    country: 'NL',
    tld: 'nl',
    amountsIn: (c) => `Alle bedragen in ${c}`,
    numberTitle: (n) => `Factuur ${n}`,
    dateInTitle: false,
  },
  es: {
    copy: 'COPIA',
    amountDue: 'Total a pagar',
    vatId: 'NIF:',
    country: 'ES',
    tld: 'es',
    amountsIn: (c) => `Importes en ${c}`,
    numberTitle: (n) => `Factura nº ${n}`,
    dateInTitle: false,
  },
  it: {
    copy: 'Copia di cortesia',
    amountDue: 'Netto a pagare',
    vatId: 'P. IVA',
    country: 'IT',
    tld: 'it',
    amountsIn: (c) => `Importi in ${c}`,
    numberTitle: (n, d) => `Fattura n. ${n} del ${d}`,
    dateInTitle: true,
  },
  pt: {
    copy: 'Segunda via',
    amountDue: 'Total a pagar',
    vatId: 'NIF:',
    country: 'PT',
    tld: 'pt',
    amountsIn: (c) => `Valores em ${c}`,
    numberTitle: (n) => `Fatura nº ${n}`,
    dateInTitle: false,
  },
  pl: {
    copy: 'KOPIA',
    amountDue: 'Do zapłaty',
    vatId: 'NIP:',
    country: 'PL',
    tld: 'pl',
    amountsIn: (c) => `Kwoty w ${c}`,
    numberTitle: (n, d) => `Faktura VAT nr ${n} z dnia ${d}`,
    dateInTitle: true,
  },
};
