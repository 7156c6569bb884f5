import { describe, expect, it } from 'vitest';
import {
  columnField,
  hasLegalForm,
  isDocumentTitle,
  labelField,
  leadingLabel,
  pageLanguages,
} from '../../../../../lambdas/processes/invoice/extract/labels.ts';
import {
  columnFields,
  labelFields,
  lexiconLanguages,
  lexicons,
} from '../../../../../lambdas/processes/invoice/extract/lexicon/index.ts';

/** Labels as real invoices print them, per language: [printed label, field]. */
const printed: Record<string, readonly (readonly [string, string])[]> = {
  en: [
    ['Invoice No.:', 'invoiceNumber'],
    ['INVOICE #', 'invoiceNumber'],
    ['Tax Invoice Number', 'invoiceNumber'],
    ['Date of issue', 'invoiceDate'],
    ['Payment due by', 'dueDate'],
    ['Sub-Total', 'subtotal'],
    ['Total excl. VAT', 'subtotal'],
    ['VAT @ 20%', 'tax'],
    ['IGST 18%', 'tax'],
    ['Grand Total', 'total'],
    ['Amount Due', 'amountDue'],
    ['Balance due', 'amountDue'],
    ['Billed to', 'receiver'],
    ['Seller:', 'vendor'],
    ['GSTIN', 'other'],
    ['Sort code', 'other'],
  ],
  nl: [
    ['Factuurnummer', 'invoiceNumber'],
    ['Factuurnr.', 'invoiceNumber'],
    ['Factuurdatum:', 'invoiceDate'],
    ['Vervaldatum', 'dueDate'],
    ['Subtotaal', 'subtotal'],
    ['Totaal excl. BTW', 'subtotal'],
    ['BTW 21%', 'tax'],
    ['Totaal', 'total'],
    ['Te betalen', 'amountDue'],
    ['Factuuradres', 'receiver'],
    ['KvK-nummer', 'other'],
    ['Btw-nummer:', 'other'],
  ],
  fr: [
    ['N° de facture', 'invoiceNumber'],
    ['Facture n°', 'invoiceNumber'],
    ["Date d'émission", 'invoiceDate'],
    ['Échéance', 'dueDate'],
    ['Total HT', 'subtotal'],
    ['TVA (20 %)', 'tax'],
    ['Total TTC', 'total'],
    ['Montant TTC (€)', 'total'],
    ['Reste à payer', 'amountDue'],
    ['Facturé à', 'receiver'],
    ['SIRET', 'other'],
  ],
  de: [
    ['Rechnungs-Nr.', 'invoiceNumber'],
    ['Rechnungsdatum', 'invoiceDate'],
    ['Zahlbar bis', 'dueDate'],
    ['Nettobetrag', 'subtotal'],
    ['zzgl. 19% MwSt.', 'tax'],
    ['Gesamtbetrag', 'total'],
    ['Zu zahlender Betrag', 'amountDue'],
    ['Rechnungsempfänger', 'receiver'],
    ['USt-IdNr.', 'other'],
  ],
  es: [
    ['Nº Factura', 'invoiceNumber'],
    ['Fecha de emisión', 'invoiceDate'],
    ['Fecha de vencimiento', 'dueDate'],
    ['Base imponible', 'subtotal'],
    ['IVA 21%', 'tax'],
    ['Total factura', 'total'],
    ['Total a pagar', 'amountDue'],
    ['Cliente', 'receiver'],
    ['NIF', 'other'],
  ],
  it: [
    ['Fattura n.', 'invoiceNumber'],
    ['Data documento', 'invoiceDate'],
    ['Scadenza pagamento', 'dueDate'],
    ['Imponibile', 'subtotal'],
    ['IVA 22%', 'tax'],
    ['Totale documento', 'total'],
    ['Netto a pagare', 'amountDue'],
    ['Spett.le', 'receiver'],
    ['P. IVA', 'other'],
  ],
  pt: [
    ['Fatura nº', 'invoiceNumber'],
    ['Data de emissão', 'invoiceDate'],
    ['Data de vencimento', 'dueDate'],
    ['Total sem IVA', 'subtotal'],
    ['IVA 23%', 'tax'],
    ['Total', 'total'],
    ['Total a pagar', 'amountDue'],
    ['Exmos. Srs.', 'receiver'],
    ['NIF', 'other'],
  ],
  pl: [
    ['Faktura VAT nr', 'invoiceNumber'],
    ['Data wystawienia', 'invoiceDate'],
    ['Termin płatności', 'dueDate'],
    ['Razem netto', 'subtotal'],
    ['Kwota VAT', 'tax'],
    ['Razem brutto', 'total'],
    ['Do zapłaty', 'amountDue'],
    ['Nabywca', 'receiver'],
    ['Sprzedawca', 'vendor'],
    ['Data sprzedaży', 'other'],
    ['NIP', 'other'],
  ],
};

describe('the lexicons', () => {
  it.each(lexiconLanguages)('%s names every header field, every column and twelve months', (language) => {
    // Prepare
    const lexicon = lexicons[language];

    // Assess
    for (const field of labelFields) expect(lexicon.labels[field].length, field).toBeGreaterThan(0);
    for (const field of columnFields) expect(lexicon.columns[field].length, field).toBeGreaterThan(0);
    expect(lexicon.months).toHaveLength(12);
    expect(lexicon.documentWords.length).toBeGreaterThan(0);
    expect(lexicon.legalForms.length).toBeGreaterThan(0);
  });

  it.each(lexiconLanguages)(
    '%s phrases are in matching form (lower case, no accents, no dots)',
    (language) => {
      // Prepare
      const { labels, columns, documentWords, months, weekdays, legalForms } = lexicons[language];
      const phrases = [
        ...Object.values(labels).flat(),
        ...Object.values(columns).flat(),
        ...documentWords,
        ...months.flat(),
        ...weekdays,
        ...legalForms,
      ];

      // Assess
      for (const phrase of phrases) expect(phrase, phrase).toMatch(/^[a-z0-9 ()|?'#&/]+$/u);
    },
  );

  it.each(
    Object.entries(printed).flatMap(([language, rows]) =>
      rows.map(([text, field]) => [language, text, field]),
    ),
  )('%s: %j names %s', (_language, text, field) => {
    // Act / Assess
    expect(labelField(text)?.field).toBe(field);
  });

  it.each(['Cloud hosting', 'Thank you for your business', 'Hauptstraße 5', 'Total care package', 'INVOICE'])(
    '%j is no label',
    (text) => {
      // Act / Assess
      expect(labelField(text)).toBeNull();
    },
  );

  it.each([
    ['Omschrijving', 'item'],
    ['Cantidad', 'quantity'],
    ['Prezzo unitario', 'unitPrice'],
    ['Wartość netto', 'price'],
  ])('%j is the %s column', (text, field) => {
    // Act / Assess
    expect(columnField(text)?.field).toBe(field);
  });
});

describe('document words, legal forms and leading labels', () => {
  it.each([
    'FACTUUR',
    'Kopie factuur',
    'PAYMENT RECEIPT',
    'Duplicata',
    'Faktura VAT',
    'Segunda via',
    'COPIA',
  ])('%j names the document', (text) => {
    // Act / Assess
    expect(isDocumentTitle(text)).toBe(true);
  });

  it.each([
    ['Bakker Advies B.V.', true],
    ['Weber Druckerei GmbH & Co. KG', true],
    ['Kamiński Transport Sp. z o.o.', true],
    ['Rossi Trasporti S.r.l.', true],
    ['Moreau Conseil SAS', true],
    ['Acme Supplies Ltd', true],
    ['Hotel Zeezicht', false],
    ['Consulting services', false],
  ])('%j has a legal form: %s', (name, expected) => {
    // Act / Assess
    expect(hasLegalForm(name)).toBe(expected);
  });

  it('finds the longest label leading a line', () => {
    // Act
    const label = leadingLabel(['Date', 'limite', 'de', 'paiement', '12/03/2024']);

    // Assess
    expect(label).toEqual({ field: 'dueDate', language: 'fr', tokens: 4 });
  });

  it('tells the language of a page from its labels and titles', () => {
    // Act
    const languages = pageLanguages(['FACTUUR', 'Factuurdatum:', 'Te betalen', 'Omschrijving']);

    // Assess
    expect(languages[0]).toBe('nl');
  });
});
