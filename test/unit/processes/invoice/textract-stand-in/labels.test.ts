import { describe, expect, it } from 'vitest';
import {
  columnType,
  isDocumentTitle,
  labelKind,
  normaliseLabel,
} from '../../../../../lambdas/processes/invoice/textract-stand-in/labels.ts';

describe('labelKind', () => {
  it.each([
    ['Invoice number:', 'INVOICE_RECEIPT_ID'],
    ['Invoice #', 'INVOICE_RECEIPT_ID'],
    ['Rechnungs-Nr.', 'INVOICE_RECEIPT_ID'],
    ['Rechnungsnummer:', 'INVOICE_RECEIPT_ID'],
    ['N° de facture :', 'INVOICE_RECEIPT_ID'],
    ['Facture n°', 'INVOICE_RECEIPT_ID'],
    ['Invoice date', 'INVOICE_RECEIPT_DATE'],
    ['Datum', 'INVOICE_RECEIPT_DATE'],
    ['Date de facture :', 'INVOICE_RECEIPT_DATE'],
    ['Due date:', 'DUE_DATE'],
    ['Payment due', 'DUE_DATE'],
    ['Fälligkeitsdatum:', 'DUE_DATE'],
    ['Fällig am', 'DUE_DATE'],
    ["Date d'échéance :", 'DUE_DATE'],
    ['Date d’échéance', 'DUE_DATE'],
    ['Échéance', 'DUE_DATE'],
    ['Subtotal:', 'SUBTOTAL'],
    ['Nettobetrag', 'SUBTOTAL'],
    ['Zwischensumme', 'SUBTOTAL'],
    ['Total HT :', 'SUBTOTAL'],
    ['Montant HT', 'SUBTOTAL'],
    ['Tax (8.25%):', 'TAX'],
    ['VAT 20%', 'TAX'],
    ['MwSt. 19 %:', 'TAX'],
    ['USt. 7 %', 'TAX'],
    ['TVA 5,5 % :', 'TAX'],
    ['Total', 'TOTAL'],
    ['Total due:', 'TOTAL'],
    ['Gesamtbetrag:', 'TOTAL'],
    ['Rechnungsbetrag', 'TOTAL'],
    ['Total TTC :', 'TOTAL'],
    ['Net à payer', 'TOTAL'],
    ['Bill to:', 'RECEIVER'],
    ['Rechnungsempfänger', 'RECEIVER'],
    ['Facturé à :', 'RECEIVER'],
    ['IBAN:', 'OTHER'],
    ['USt-IdNr.', 'OTHER'],
    ['Cloud hosting', null],
    ['Total care package', null],
    ['INVOICE', null],
  ])('%j is %s', (text, kind) => {
    // Act / Assess
    expect(labelKind(text)).toBe(kind);
  });
});

describe('columnType', () => {
  it.each([
    ['Description', 'ITEM'],
    ['Bezeichnung', 'ITEM'],
    ['Désignation', 'ITEM'],
    ['Qty', 'QUANTITY'],
    ['Menge', 'QUANTITY'],
    ['Qté', 'QUANTITY'],
    ['Unit price', 'UNIT_PRICE'],
    ['Einzelpreis', 'UNIT_PRICE'],
    ['P.U. HT', 'UNIT_PRICE'],
    ['Amount', 'PRICE'],
    ['Gesamt', 'PRICE'],
    ['Montant HT', 'PRICE'],
    ['Colour', null],
  ])('%j is %s', (text, type) => {
    // Act / Assess
    expect(columnType(text)).toBe(type);
  });
});

describe('normaliseLabel and isDocumentTitle', () => {
  it('drops case, accents, a trailing colon and extra spaces', () => {
    // Act / Assess
    expect(normaliseLabel('  Date  d’Échéance : ')).toBe("date d'echeance");
  });

  it.each([
    ['INVOICE', true],
    ['Rechnung', true],
    ['FACTURE', true],
    ['Brandt Logistik GmbH', false],
  ])('%j is a title: %s', (text, title) => {
    // Act / Assess
    expect(isDocumentTitle(text)).toBe(title);
  });
});
