import type { ExpenseField } from '@aws-sdk/client-textract';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatIban,
  formatMoney,
  formatNumber,
} from '../../../../../lambdas/processes/invoice/samples/formats.ts';
import {
  invoicePdf,
  invoiceTotals,
  type Language,
  type LayoutVariant,
  malformedSamples,
  randomInvoiceSpec,
} from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { expenseReader } from '../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { analyzeExpense } from '../../../../../local/emulators/textract/analyze-expense.ts';
import { TextractServiceError } from '../../../../../local/emulators/textract/errors.ts';
import { encryptedFixtures, fixtureBytes } from '../../../platform/inspection/support/encrypted-fixtures.ts';
import { pageOf, run, runRight } from './runs.ts';

/** Generated PDFs straight into the extractor (no HTTP): every field Textract would report, as printed. */

const variants: [Language, LayoutVariant][] = [
  ['en', 'inline'],
  ['en', 'columns'],
  ['de', 'inline'],
  ['de', 'columns'],
  ['fr', 'inline'],
  ['fr', 'columns'],
];
const seedsPerVariant = 8;
const cases = variants.flatMap(([language, layout]) =>
  Array.from({ length: seedsPerVariant }, (_, i) => [language, layout, 100 + i] as const),
);

const first = (fields: readonly ExpenseField[] | undefined, type: string) =>
  fields?.find((f) => f.Type?.Text === type);
const text = (fields: readonly ExpenseField[] | undefined, type: string) =>
  first(fields, type)?.ValueDetection?.Text;

async function failureOf(call: Promise<unknown>): Promise<TextractServiceError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TextractServiceError))
    throw new Error(`Expected a Textract error, got ${String(error)}`);
  return error;
}

describe('analyzeExpense on generated invoices', () => {
  it.each(cases)('reads the summary fields of a %s %s invoice (seed %i)', async (language, layout, seed) => {
    // Prepare
    const spec = randomInvoiceSpec(seed, { language, layout });
    const totals = invoiceTotals(spec);
    const money = (cents: number) => formatMoney(cents, spec.currency, language);

    // Act
    const fields = (await analyzeExpense(await invoicePdf(spec), { reader: expenseReader }))
      .ExpenseDocuments?.[0]?.SummaryFields;

    // Assess
    expect({
      vendor: text(fields, 'VENDOR_NAME'),
      id: text(fields, 'INVOICE_RECEIPT_ID'),
      date: text(fields, 'INVOICE_RECEIPT_DATE'),
      due: text(fields, 'DUE_DATE'),
      subtotal: text(fields, 'SUBTOTAL'),
      tax: text(fields, 'TAX'),
      total: text(fields, 'TOTAL'),
      currency: first(fields, 'TOTAL')?.Currency?.Code,
      iban: fields?.find((f) => f.LabelDetection?.Text?.startsWith('IBAN'))?.ValueDetection?.Text,
    }).toEqual({
      vendor: spec.vendor.name,
      id: spec.invoiceNumber,
      date: formatDate(spec.invoiceDate, language),
      due: spec.dueDate === undefined ? undefined : formatDate(spec.dueDate, language),
      subtotal: money(totals.subtotalCents),
      tax: money(totals.taxCents),
      total: money(totals.totalCents),
      currency: spec.currency,
      iban: spec.iban === undefined ? undefined : formatIban(spec.iban),
    });
  });

  it.each(cases)('reads the line items of a %s %s invoice (seed %i)', async (language, layout, seed) => {
    // Prepare
    const spec = randomInvoiceSpec(seed, { language, layout });
    const { lineAmountsCents } = invoiceTotals(spec);

    // Act
    const groups = (await analyzeExpense(await invoicePdf(spec), { reader: expenseReader }))
      .ExpenseDocuments?.[0]?.LineItemGroups;

    // Assess
    const items = (groups?.[0]?.LineItems ?? []).map((item) =>
      Object.fromEntries(
        (item.LineItemExpenseFields ?? []).map((f) => [f.Type?.Text, f.ValueDetection?.Text]),
      ),
    );
    expect(items).toEqual(
      spec.lineItems.map((line, i) => {
        const cells = [
          line.description,
          String(line.quantity),
          formatNumber(line.unitPriceCents, language),
          formatNumber(lineAmountsCents[i] ?? 0, language),
        ];
        return {
          ITEM: cells[0],
          QUANTITY: cells[1],
          UNIT_PRICE: cells[2],
          PRICE: cells[3],
          EXPENSE_ROW: cells.join(' '),
        };
      }),
    );
  });

  it('reads an image through the recogniser it is given (the OCR hook)', async () => {
    // Prepare: a fake OCR that "sees" a total.
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const recognise = async () =>
      pageOf([run('Shop 24', 50, 40, 16), run('Total:', 50, 200), runRight('$9.99', 300, 200)]);

    // Act
    const out = await analyzeExpense(png, { recognise, reader: expenseReader });

    // Assess
    const fields = out.ExpenseDocuments?.[0]?.SummaryFields;
    expect([
      text(fields, 'VENDOR_NAME'),
      text(fields, 'TOTAL'),
      first(fields, 'TOTAL')?.Currency?.Code,
    ]).toEqual(['Shop 24', '$9.99', 'USD']);
  });
});

describe('analyzeExpense errors', () => {
  it.each(['empty', 'random-bytes', 'truncated', 'two-page', 'encrypted'] as const)(
    'refuses a %s document as the service does',
    async (name) => {
      // Prepare
      const sample = (await malformedSamples(9)).find((s) => s.name === name);

      // Act
      const error = await failureOf(analyzeExpense(sample?.bytes ?? new Uint8Array()));

      // Assess
      expect(error.name).toBe(sample?.textractError);
      expect(error.status).toBe(400);
    },
  );

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ])('refuses a %s image when given no OCR recogniser, and says so', async (kind, magic) => {
    // Act
    const error = await failureOf(analyzeExpense(Uint8Array.from(magic)));

    // Assess
    expect(error.name).toBe('UnsupportedDocumentException');
    expect(error.message).toContain(`${kind} image`);
    expect(error.message).toContain('OCR');
  });

  it('refuses a PDF without a text layer (a scan) the same way', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    doc.addPage().drawRectangle({ x: 50, y: 50, width: 100, height: 100 });

    // Act
    const error = await failureOf(analyzeExpense(await doc.save()));

    // Assess
    expect(error.name).toBe('UnsupportedDocumentException');
    expect(error.message).toContain('without a text layer');
  });

  it('refuses more than 10 MB before reading it', async () => {
    // Prepare
    const big = new Uint8Array(10 * 1024 * 1024 + 1);

    // Act
    const error = await failureOf(analyzeExpense(big));

    // Assess
    expect(error.name).toBe('DocumentTooLargeException');
  });
});

// Textract's set quotas: "PDFs cannot be password protected"
// (https://docs.aws.amazon.com/textract/latest/dg/limits-document.html). One encrypted with an empty user
// password (an owner password restricting printing and copying) opens without one: it is read.
describe('analyzeExpense on encrypted PDFs (qpdf fixtures)', () => {
  const invoices = encryptedFixtures().filter((f) => f.invoice !== undefined);

  it.each(invoices.filter((f) => !f.userPassword).map((f) => [f.file, f] as const))(
    'reads %s, which opens without a password',
    async (_file, fixture) => {
      // Act
      const out = await analyzeExpense(fixtureBytes(fixture.file), { reader: expenseReader });

      // Assess
      const fields = out.ExpenseDocuments?.[0]?.SummaryFields;
      expect(text(fields, 'INVOICE_RECEIPT_ID')).toBe(fixture.invoice?.invoiceNumber);
    },
  );

  it.each(invoices.filter((f) => f.userPassword).map((f) => [f.file] as const))(
    'refuses %s, which needs a password',
    async (file) => {
      // Act
      const error = await failureOf(analyzeExpense(fixtureBytes(file)));

      // Assess
      expect(error.name).toBe('UnsupportedDocumentException');
      expect(error.message).toContain('password protected');
    },
  );
});
