import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../lambdas/platform/shared/hash.ts';
import { normaliseExpense } from '../../../../../lambdas/processes/invoice/extract/normalise-expense.ts';
import { field, lineBlock, recordedResponse, response } from './expense-builders.ts';

const values = (invoice: ReturnType<typeof normaliseExpense>) => ({
  vendor: invoice.vendor?.value ?? null,
  invoiceNumber: invoice.invoiceNumber?.value ?? null,
  invoiceDate: invoice.invoiceDate?.value ?? null,
  dueDate: invoice.dueDate?.value ?? null,
  currency: invoice.currency?.value ?? null,
  subtotal: invoice.subtotal?.value ?? null,
  tax: invoice.tax?.value ?? null,
  total: invoice.total?.value ?? null,
});

describe('normaliseExpense on recorded Textract responses', () => {
  it('reads default_invoice_1 (AnalyzeExpense, no vendor name: the printed domain, as a guess)', () => {
    // Act
    const invoice = normaliseExpense(recordedResponse('default_invoice_1.analyze-expense.json'));

    // Assess
    expect(values(invoice)).toEqual({
      vendor: 'Amazon.com',
      invoiceNumber: '123PQR456',
      invoiceDate: '2021-01-01',
      dueDate: '2021-01-31',
      currency: 'USD',
      subtotal: '6169.40',
      tax: '61.69',
      total: '6231.09',
    });
    expect(invoice.lineItems).toHaveLength(4);
    expect(invoice.lineItems[2]).toMatchObject({
      description: 'Product 2',
      quantity: '2',
      unitPrice: '106.04',
      amount: '212.08',
    });
    expect(invoice.vendor?.confidence).toBeLessThanOrEqual(50);
    expect(invoice.warnings).toEqual([]);
    expect(invoice.pageCount).toBe(1);
    expect(invoice.invoiceNumber?.confidence).toBeGreaterThan(99);
  });

  it('reads the receipt, taking the better-read of two vendor names', () => {
    // Act
    const invoice = normaliseExpense(recordedResponse('receipt.analyze-expense.json'));

    // Assess
    expect(values(invoice)).toEqual({
      vendor: 'MEGA MARKET PLUS',
      invoiceNumber: '21772',
      invoiceDate: '2019-12-07',
      dueDate: null,
      currency: 'USD',
      subtotal: '1699.96',
      tax: '110.50',
      total: '1810.46',
    });
    expect(invoice.lineItems.map((i) => i.amount)).toEqual(['899.99', '689.99', '19.99', '89.99']);
    expect(invoice.warnings).toEqual([
      'invoiceDate: ambiguous day/month order, read as month-first',
      'dueDate: missing',
      'vendor: nothing on the page ties the name to the issuer (no VAT or registration id, domain, bank account or place above the title); confidence capped at 79',
    ]);
    // Its total adds up (subtotal + tax), so it keeps Textract's confidence; the vendor has only a phone number.
    expect(invoice.total?.confidence).toBeGreaterThan(99);
    expect(invoice.vendor?.confidence).toBe(79);
    expect(invoice.bankAccountHash).toBeNull();
  });

  it('merges the two pages of a GetExpenseAnalysis job', () => {
    // Act
    const invoice = normaliseExpense(recordedResponse('multipage.get-expense-analysis.json'));

    // Assess
    expect(invoice.pageCount).toBe(2);
    expect(values(invoice)).toMatchObject({
      vendor: 'META',
      invoiceNumber: '00000135',
      invoiceDate: '2020-03-12',
      dueDate: '2020-03-26',
      currency: 'USD',
      total: '5715.00',
    });
    expect(invoice.lineItems).toHaveLength(8);
    expect(invoice.warnings).toEqual([
      'subtotal: missing',
      'tax: missing',
      'total: no subtotal and tax were read to confirm it; confidence capped at 89',
    ]);
    // The mail domain (metalegalfinance.com) ties META to the issuer: its read confidence stands.
    expect(invoice.vendor?.confidence).toBe(72.03);
  });

  it('parses a response whose fields lack geometry', () => {
    // Act
    const invoice = normaliseExpense(recordedResponse('missing-geometry.analyze-expense.json'));

    // Assess
    expect(invoice.pageCount).toBe(1);
    expect(invoice.lineItems).toEqual([]);
    expect(invoice.warnings).toContain('total: missing');
  });

  it('reads a receipt without summary fields: 29 line items and a warning per missing field', () => {
    // Act
    const invoice = normaliseExpense(recordedResponse('receipt_no_summary.analyze-expense.json'));

    // Assess
    expect(invoice.lineItems).toHaveLength(29);
    expect(invoice.lineItems[0]).toMatchObject({ description: 'GIL VNS HR CMEGI CRT', amount: '659.00' });
    expect(invoice.warnings.filter((w) => w.endsWith(': missing'))).toEqual([
      'vendor: missing',
      'invoiceNumber: missing',
      'invoiceDate: missing',
      'dueDate: missing',
      'currency: missing',
      'subtotal: missing',
      'tax: missing',
      'total: missing',
    ]);
    expect(invoice.warnings).toContain('lineItems[27].quantity: unparseable');
  });
});

describe('normaliseExpense field choice', () => {
  it('takes the highest value confidence when a type repeats', () => {
    // Prepare
    const doc = response([field('INVOICE_RECEIPT_ID', 'A-1', 80), field('INVOICE_RECEIPT_ID', 'A-7', 95)]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.invoiceNumber).toEqual({ value: 'A-7', confidence: 95 });
  });

  it('takes the largest of totals that disagree, with less confidence than either', () => {
    // Prepare
    const doc = response([field('TOTAL', '$10.00', 80), field('TOTAL', '$12.00', 95)]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.total?.value).toBe('12.00');
    expect(invoice.total?.confidence).toBeLessThan(90);
  });

  it('lets a readable value win over a better-read unreadable one', () => {
    // Act
    const invoice = normaliseExpense(
      response([field('INVOICE_RECEIPT_DATE', 'soon', 99), field('INVOICE_RECEIPT_DATE', '2024-05-01', 70)]),
    );

    // Assess
    expect(invoice.invoiceDate).toEqual({ value: '2024-05-01', confidence: 70 });
  });

  it('falls back to AMOUNT_DUE for the total and to a NAME in a VENDOR group for the vendor', () => {
    // Prepare
    const doc = response([
      field('AMOUNT_DUE', '€ 1.190,00'),
      field('NAME', 'Receiver GmbH', 99, { groups: ['RECEIVER'] }),
      field('NAME', 'ACME GmbH\nHauptstr. 5\n10115 Berlin', 90, { groups: ['VENDOR'] }),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.total?.value).toBe('1190.00');
    expect(invoice.currency?.value).toBe('EUR');
    // Without the page's lines nothing ties the name to the issuer: a person checks it.
    expect(invoice.vendor).toEqual({ value: 'ACME GmbH', confidence: 79 });
  });

  it("prefers Textract's currency code, with its confidence, over printed symbols", () => {
    // Prepare
    const total = { ...field('TOTAL', '$25.00', 97), Currency: { Code: 'CAD', Confidence: 88 } };

    // Act
    const invoice = normaliseExpense(response([total]));

    // Assess
    expect(invoice.currency).toEqual({ value: 'CAD', confidence: 88 });
  });

  it.each([
    [
      'EUR reads day-first',
      '€ 10,00',
      'invoiceDate: ambiguous day/month order, read as day-first',
      '2021-02-03',
    ],
    [
      'USD reads month-first',
      '$10.00',
      'invoiceDate: ambiguous day/month order, read as month-first',
      '2021-03-02',
    ],
  ])('orders an ambiguous date by currency: %s', (_name, total, warning, iso) => {
    // Act
    const invoice = normaliseExpense(
      response([field('TOTAL', total), field('INVOICE_RECEIPT_DATE', '03/02/2021')]),
    );

    // Assess
    expect(invoice.invoiceDate?.value).toBe(iso);
    expect(invoice.warnings).toContain(warning);
  });

  it('warns about unparseable values and totals that do not add up', () => {
    // Prepare
    const doc = response([
      field('SUBTOTAL', '100.00'),
      field('TAX', '19.00'),
      field('TOTAL', '120.00'),
      field('DUE_DATE', 'on receipt'),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.dueDate).toBeNull();
    expect(invoice.warnings).toContain('dueDate: unparseable');
    expect(invoice.warnings).toContain('totals: subtotal + tax does not equal total');
  });

  it('hashes the IBAN of an OTHER field labelled as one, never keeping the number', () => {
    // Prepare
    const doc = response([
      field('OTHER', '**** VISA 3433', 99, { label: 'ACCOUNT NO' }),
      field('OTHER', 'DE89 3704 0044 0532 0130 00', 97, { label: 'IBAN:' }),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.bankAccountHash).toBe(sha256Hex('DE89370400440532013000'));
    expect(JSON.stringify(invoice)).not.toContain('3704');
  });

  it('merges the pages of a paginated GetExpenseAnalysis result', () => {
    // Prepare
    const first = response(
      [field('INVOICE_RECEIPT_ID', 'INV-1', 99, { page: 1 })],
      [[field('PRICE', '5.00')]],
      2,
    );
    const second = response(
      [field('TOTAL', '$9.00', 99, { page: 2 })],
      [[field('PRICE', '4.00', 99, { page: 2 })]],
      2,
    );

    // Act
    const invoice = normaliseExpense([first, second]);

    // Assess
    expect(values(invoice)).toMatchObject({ invoiceNumber: 'INV-1', total: '9.00', currency: 'USD' });
    expect(invoice.lineItems.map((i) => i.amount)).toEqual(['5.00', '4.00']);
    expect(invoice.pageCount).toBe(2);
  });

  it('gives a line item the lowest confidence of its fields', () => {
    // Prepare
    const row = [field('ITEM', 'Widget', 98), field('QUANTITY', '3 pcs', 91), field('PRICE', '30.00', 95)];

    // Act
    const [item] = normaliseExpense(response([], [row])).lineItems;

    // Assess
    expect(item).toEqual({
      description: 'Widget',
      quantity: '3',
      unitPrice: null,
      amount: '30.00',
      confidence: 91,
    });
  });

  it.each([
    ['Invoice #1258', '1258'],
    ['Factuurnummer 2024-17', '2024-17'],
    ['Facture n°F-12', 'F-12'],
  ])('strips the label Textract left in the id %j', (value, id) => {
    // Act
    const invoice = normaliseExpense(response([field('INVOICE_RECEIPT_ID', value)]));

    // Assess
    expect(invoice.invoiceNumber?.value).toBe(id);
  });

  it('never takes a document word for the vendor, and falls back to the issuer block of the LINEs', () => {
    // Prepare
    const lines = [
      lineBlock('FACTUUR', 0.08, 0.04, 0.03),
      lineBlock('Bakker Advies B.V.', 0.08, 0.09),
      lineBlock('Btw-nummer: NL771839900B01', 0.08, 0.11, 0.012),
      lineBlock('Hotel Zeezicht', 0.6, 0.2),
    ];
    const doc = response(
      [field('VENDOR_NAME', 'FACTUUR'), field('RECEIVER_NAME', 'Hotel Zeezicht')],
      [],
      1,
      lines,
    );

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.vendor?.value).toBe('Bakker Advies B.V.');
    expect(invoice.vendor?.confidence).toBeGreaterThanOrEqual(80);
  });

  it('reads the currency from the page when no amount shows one, and guesses it from the country only weakly', () => {
    // Prepare
    const printed = response([field('TOTAL', '1.210,00')], [], 1, [
      lineBlock('Alle bedragen in €', 0.1, 0.5),
    ]);
    const guessed = response([field('TOTAL', '1.210,00')], [], 1, [
      lineBlock('IBAN NL91 ABNA 0417 1643 00', 0.1, 0.8),
    ]);

    // Act
    const [fromPage, fromCountry] = [normaliseExpense(printed), normaliseExpense(guessed)];

    // Assess
    expect(fromPage.currency?.value).toBe('EUR');
    expect(fromPage.currency?.confidence).toBeGreaterThanOrEqual(80);
    expect(fromCountry.currency).toEqual({ value: 'EUR', confidence: 40 });
  });

  it('chooses the totals that add up and the payable amount among them', () => {
    // Prepare
    const doc = response([
      field('TOTAL', '€ 1.000,00', 99),
      field('SUBTOTAL', '€ 1.000,00', 99),
      field('TAX', '€ 210,00', 99),
      field('AMOUNT_DUE', '€ 1.210,00', 97),
    ]);

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.total).toEqual({ value: '1210.00', confidence: 97 });
    expect(invoice.warnings).not.toContain('totals: subtotal + tax does not equal total');
  });

  it('reads an ambiguous date day-first on a page in a language that writes it so, even in dollars', () => {
    // Prepare
    const doc = response(
      [
        field('TOTAL', '$10.00'),
        field('INVOICE_RECEIPT_DATE', '03/02/2021', 99, { label: 'Fecha de emisión' }),
      ],
      [],
      1,
      [lineBlock('FACTURA', 0.1, 0.05), lineBlock('Fecha de emisión', 0.1, 0.2)],
    );

    // Act
    const invoice = normaliseExpense(doc);

    // Assess
    expect(invoice.invoiceDate?.value).toBe('2021-02-03');
  });
});
