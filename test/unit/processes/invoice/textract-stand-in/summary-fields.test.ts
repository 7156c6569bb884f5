import { describe, expect, it } from 'vitest';
import { detectSummaryFields } from '../../../../../lambdas/processes/invoice/textract-stand-in/summary-fields.ts';
import type { DetectedField } from '../../../../../local/emulators/textract/detected.ts';
import { linesFrom, run, runRight } from '../../../local/emulators/textract/runs.ts';

/** type → [label, value] texts, the way a reader of the response sees them. */
const byType = (fields: readonly DetectedField[]) =>
  Object.fromEntries(fields.map((f) => [f.type, [f.label?.text ?? null, f.value.text]]));

describe('detectSummaryFields', () => {
  it('reads values to the right of their labels on the same line', () => {
    // Prepare
    const lines = linesFrom([
      run('Rechnungsnummer:', 320, 200),
      run('RE-2026-0042', 430, 200),
      run('Rechnungsdatum:', 320, 214),
      run('31.01.2026', 430, 214),
      run('Gesamtbetrag:', 330, 400),
      run('1.190,00 €', 480, 400),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields)).toMatchObject({
      INVOICE_RECEIPT_ID: ['Rechnungsnummer:', 'RE-2026-0042'],
      INVOICE_RECEIPT_DATE: ['Rechnungsdatum:', '31.01.2026'],
      TOTAL: ['Gesamtbetrag:', '1.190,00 €'],
    });
  });

  it('reads values under their labels, each from the column of its own label', () => {
    // Prepare
    const lines = linesFrom([
      run('Facture n°', 330, 160, 8.5),
      run('Date', 450, 160, 8.5),
      run('F-2026-7', 330, 173),
      run('31/01/2026', 450, 173),
      run('Échéance', 330, 195, 8.5),
      run('02/03/2026', 330, 208),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields)).toMatchObject({
      INVOICE_RECEIPT_ID: ['Facture n°', 'F-2026-7'],
      INVOICE_RECEIPT_DATE: ['Date', '31/01/2026'],
      DUE_DATE: ['Échéance', '02/03/2026'],
    });
  });

  it('splits a label and its value at the colon inside one line', () => {
    // Prepare
    const lines = linesFrom([
      run('IBAN : FR76 3000 6000 0112 3456 7890 189', 50, 700),
      run('Invoice #: 77', 50, 720),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields)).toMatchObject({
      OTHER: ['IBAN :', 'FR76 3000 6000 0112 3456 7890 189'],
      INVOICE_RECEIPT_ID: ['Invoice #:', '77'],
    });
  });

  it('takes the largest text above the customer block as the vendor, never the title', () => {
    // Prepare
    const lines = linesFrom([
      run('Acme Supplies Ltd', 50, 60, 16),
      run('12 High Street', 50, 76, 9),
      run('London EC1A 1BB', 50, 88, 9),
      run('INVOICE', 400, 62, 24),
      run('Bill to:', 50, 160, 9),
      run('Contoso Holdings', 50, 174),
      run('1 Market Road', 50, 186, 9),
      run('Huge Footer Text', 50, 700, 30),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields)).toMatchObject({
      VENDOR_NAME: [null, 'Acme Supplies Ltd'],
      VENDOR_ADDRESS: [null, '12 High Street\nLondon EC1A 1BB'],
      RECEIVER_NAME: ['Bill to:', 'Contoso Holdings'],
      RECEIVER_ADDRESS: [null, '1 Market Road'],
    });
  });

  it('leaves a label without a value and lines already taken by the table alone', () => {
    // Prepare
    const lines = linesFrom([run('Vendor Co', 50, 40, 14), run('Total', 330, 300), run('99.00', 480, 300)]);
    const taken = new Set(lines.filter((l) => l.text === '99.00'));

    // Act
    const fields = detectSummaryFields(lines, taken);

    // Assess
    expect(fields.map((f) => f.type)).toEqual(['VENDOR_NAME']);
  });

  it('reads a total far to the right of its label, with less confidence than one beside it', () => {
    // Prepare
    const lines = linesFrom([
      run('Totaal excl. btw', 50, 400),
      runRight('€ 1.000,00', 545, 400),
      run('Btw 21%', 50, 416),
      runRight('€ 210,00', 545, 416),
      run('Te betalen', 50, 432),
      runRight('€ 1.210,00', 545, 432),
      run('Factuurdatum:', 50, 200),
      run('19 april 2014', 140, 200),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set(), { width: 595, height: 842 });

    // Assess
    expect(byType(fields)).toMatchObject({
      SUBTOTAL: ['Totaal excl. btw', '€ 1.000,00'],
      TAX: ['Btw 21%', '€ 210,00'],
      AMOUNT_DUE: ['Te betalen', '€ 1.210,00'],
      INVOICE_RECEIPT_DATE: ['Factuurdatum:', '19 april 2014'],
    });
    const factor = (type: string) => fields.find((f) => f.type === type)?.factor ?? 1;
    expect(factor('AMOUNT_DUE')).toBeLessThan(factor('INVOICE_RECEIPT_DATE'));
  });

  it('reads the number and the date out of a title line', () => {
    // Prepare
    const lines = linesFrom([run('Facture n°F-2024-12 du 2 juillet 2015', 50, 120, 15)]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields)).toMatchObject({
      INVOICE_RECEIPT_ID: ['Facture n°', 'F-2024-12'],
      INVOICE_RECEIPT_DATE: ['du', '2 juillet 2015'],
    });
  });

  it('reads a label leading its value in one line, in any lexicon language', () => {
    // Prepare
    const lines = linesFrom([run('Factuurnummer 2024-17', 50, 100), run('Invoice #1258', 50, 120)]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(fields.filter((f) => f.type === 'INVOICE_RECEIPT_ID').map((f) => f.value.text)).toEqual([
      '2024-17',
      '1258',
    ]);
  });

  it('passes a title over for the vendor and takes the issuer block with a legal form', () => {
    // Prepare
    const lines = linesFrom([
      run('Kopie factuur', 50, 40, 20),
      run('Bakker Advies B.V.', 50, 80, 11),
      run('Stationsweg 26', 50, 94, 9),
      run('Btw-nummer: NL771839900B01', 50, 106, 9),
    ]);

    // Act
    const fields = detectSummaryFields(lines, new Set(), { width: 595, height: 842 });

    // Assess
    expect(byType(fields).VENDOR_NAME).toEqual([null, 'Bakker Advies B.V.']);
  });

  it('skips a candidate value that does not fit the field (a date label never takes an id)', () => {
    // Prepare
    const lines = linesFrom([run('Datum', 50, 100), run('INV-77', 120, 100), run('3 mei 2024', 50, 113)]);

    // Act
    const fields = detectSummaryFields(lines, new Set());

    // Assess
    expect(byType(fields).INVOICE_RECEIPT_DATE).toEqual(['Datum', '3 mei 2024']);
  });
});
