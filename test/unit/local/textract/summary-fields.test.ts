import { describe, expect, it } from 'vitest';
import type { DetectedField } from '../../../../local/textract/detected.ts';
import { detectSummaryFields } from '../../../../local/textract/summary-fields.ts';
import { linesFrom, run } from './runs.ts';

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
});
