import type { Language, LayoutVariant } from './invoice-spec.ts';

/**
 * The words printed on a sample invoice, per language and layout. Each layout uses different
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

type LabelTable = Readonly<Record<Language, Readonly<Record<LayoutVariant, InvoiceLabels>>>>;

export const invoiceLabels: LabelTable = {
  en: {
    inline: {
      title: 'INVOICE',
      billTo: 'Bill to:',
      invoiceNumber: 'Invoice number:',
      invoiceDate: 'Invoice date:',
      dueDate: 'Due date:',
      description: 'Description',
      quantity: 'Qty',
      unitPrice: 'Unit price',
      amount: 'Amount',
      subtotal: 'Subtotal:',
      tax: (rate) => `Tax (${rate}%):`,
      total: 'Total due:',
      iban: 'IBAN:',
      bankDetails: 'Payment details',
      thanks: 'Thank you for your business.',
    },
    columns: {
      title: 'INVOICE',
      billTo: 'Invoice to',
      invoiceNumber: 'Invoice No.',
      invoiceDate: 'Date',
      dueDate: 'Payment due',
      description: 'Item',
      quantity: 'Quantity',
      unitPrice: 'Rate',
      amount: 'Total',
      subtotal: 'Net amount',
      tax: (rate) => `VAT ${rate}%`,
      total: 'Total',
      iban: 'IBAN',
      bankDetails: 'Bank details',
      thanks: 'Payment within the due date is appreciated.',
    },
  },
  de: {
    inline: {
      title: 'RECHNUNG',
      billTo: 'Rechnung an:',
      invoiceNumber: 'Rechnungsnummer:',
      invoiceDate: 'Rechnungsdatum:',
      dueDate: 'Fälligkeitsdatum:',
      description: 'Beschreibung',
      quantity: 'Menge',
      unitPrice: 'Einzelpreis',
      amount: 'Betrag',
      subtotal: 'Zwischensumme:',
      tax: (rate) => `MwSt. ${rate} %:`,
      total: 'Gesamtbetrag:',
      iban: 'IBAN:',
      bankDetails: 'Bankverbindung',
      thanks: 'Vielen Dank für Ihren Auftrag.',
    },
    columns: {
      title: 'Rechnung',
      billTo: 'Rechnungsempfänger',
      invoiceNumber: 'Rechnungs-Nr.',
      invoiceDate: 'Datum',
      dueDate: 'Fällig am',
      description: 'Bezeichnung',
      quantity: 'Anzahl',
      unitPrice: 'Preis',
      amount: 'Gesamt',
      subtotal: 'Nettobetrag',
      tax: (rate) => `USt. ${rate} %`,
      total: 'Rechnungsbetrag',
      iban: 'IBAN',
      bankDetails: 'Bankverbindung',
      thanks: 'Bitte überweisen Sie den Betrag bis zum Fälligkeitsdatum.',
    },
  },
  fr: {
    inline: {
      title: 'FACTURE',
      billTo: 'Facturé à :',
      invoiceNumber: 'N° de facture :',
      invoiceDate: 'Date de facture :',
      dueDate: "Date d'échéance :",
      description: 'Désignation',
      quantity: 'Quantité',
      unitPrice: 'Prix unitaire',
      amount: 'Montant',
      subtotal: 'Total HT :',
      tax: (rate) => `TVA ${rate} % :`,
      total: 'Total TTC :',
      iban: 'IBAN :',
      bankDetails: 'Coordonnées bancaires',
      thanks: 'Merci de votre confiance.',
    },
    columns: {
      title: 'Facture',
      billTo: 'Client',
      invoiceNumber: 'Facture n°',
      invoiceDate: 'Date',
      dueDate: 'Échéance',
      description: 'Description',
      quantity: 'Qté',
      unitPrice: 'P.U. HT',
      amount: 'Montant HT',
      subtotal: 'Montant HT',
      tax: (rate) => `TVA ${rate} %`,
      total: 'Net à payer',
      iban: 'IBAN',
      bankDetails: 'Règlement par virement',
      thanks: 'Pénalités de retard : trois fois le taux légal.',
    },
  },
};
