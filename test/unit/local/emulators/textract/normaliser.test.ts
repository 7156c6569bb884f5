import { AnalyzeExpenseCommand } from '@aws-sdk/client-textract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../lambdas/platform/shared/hash.ts';
import type { NormalizedInvoice } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import { normaliseExpense } from '../../../../../lambdas/processes/invoice/extract/normalise-expense.ts';
import invoiceRules from '../../../../../lambdas/processes/invoice/rules/rulesets/invoice.rules.json' with {
  type: 'json',
};
import {
  cleanInvoiceSpec,
  type ExpectedFields,
  expectedFields,
  invoicePdf,
  isValidIban,
  type Language,
  languages,
  layouts,
  lookalikeInvoiceSpec,
  lookalikeLayouts,
  randomInvoiceSpec,
} from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { type Loopback, startLoopback } from './loopback.ts';

/**
 * End to end on loopback: a generated invoice in s3rver, AnalyzeExpense through the SDK against the
 * local Textract, then the extract step's own normaliser. What comes out must be exactly what the
 * spec says, field by field, line by line.
 */

let loop: Loopback;

beforeAll(async () => {
  loop = await startLoopback();
});

afterAll(async () => {
  await loop?.close();
});

const seedsPerLanguage = 12;
const cases = languages.flatMap((language) =>
  Array.from(
    { length: seedsPerLanguage },
    (_, i) => [language, layouts[i % layouts.length], 500 + i] as const,
  ),
);

/** The invoice as the expected fields describe it; the bank account only as its hash. */
function readBack(invoice: NormalizedInvoice) {
  return {
    vendor: invoice.vendor?.value,
    invoiceNumber: invoice.invoiceNumber?.value,
    invoiceDate: invoice.invoiceDate?.value,
    dueDate: invoice.dueDate?.value ?? null,
    currency: invoice.currency?.value,
    subtotal: invoice.subtotal?.value,
    tax: invoice.tax?.value,
    total: invoice.total?.value,
    bankAccountHash: invoice.bankAccountHash,
    lineItems: invoice.lineItems.map(({ description, quantity, unitPrice, amount }) => ({
      description,
      quantity,
      unitPrice,
      amount,
    })),
  };
}

function expectedBack({ bankAccount, ...fields }: ExpectedFields) {
  return { ...fields, bankAccountHash: bankAccount === null ? null : sha256Hex(bankAccount) };
}

describe('generated invoice → local Textract → normaliseExpense', () => {
  it.each(cases)(
    'reads a %s %s invoice (seed %i) exactly as specified',
    async (language: Language, layout, seed) => {
      // Prepare
      const spec = randomInvoiceSpec(seed, { language, layout });
      const key = `normaliser/${language}-${seed}.pdf`;
      await loop.put(key, await invoicePdf(spec));

      // Act
      const response = await loop.textract.send(
        new AnalyzeExpenseCommand({ Document: { S3Object: { Bucket: loop.bucket, Name: key } } }),
      );
      const invoice = normaliseExpense(response);

      // Assess
      expect(readBack(invoice)).toEqual(expectedBack(expectedFields(spec)));
      expect(invoice.pageCount).toBe(1);
      // Numeric day/month dates are flagged as ambiguous; that is the normaliser being careful, not a misread.
      expect(invoice.warnings.filter((w) => !w.includes('ambiguous'))).toEqual(
        spec.dueDate === undefined ? ['dueDate: missing'] : [],
      );
    },
    // Polish and rupee samples embed a whole Unicode font: their first parse is slow on a busy machine.
    20_000,
  );
});

describe('lookalike invoices: the customer a company printed top right, a band of words, a discount', () => {
  const lookalikes = languages.flatMap((language) =>
    [...lookalikeLayouts, 'title-first' as const].map((layout, i) => [language, layout, 700 + i] as const),
  );

  it.each(lookalikes)(
    'reads a %s %s invoice (seed %i) exactly as specified, the customer never the vendor',
    async (language, layout, seed) => {
      // Prepare
      const spec = lookalikeInvoiceSpec(seed, { language, layout, discountBasisPoints: 2000 });
      const key = `normaliser/lookalike-${language}-${layout}.pdf`;
      await loop.put(key, await invoicePdf(spec));

      // Act
      const response = await loop.textract.send(
        new AnalyzeExpenseCommand({ Document: { S3Object: { Bucket: loop.bucket, Name: key } } }),
      );
      const invoice = normaliseExpense(response);

      // Assess
      expect(readBack(invoice)).toEqual(expectedBack(expectedFields(spec)));
      expect(invoice.vendor?.confidence).toBeGreaterThanOrEqual(invoiceRules.fieldConfidence.vendor);
      expect(invoice.total?.confidence).toBeGreaterThanOrEqual(invoiceRules.fieldConfidence.total);
    },
    20_000,
  );
});

describe('the clean invoice the demo and the CI smoke drop', () => {
  const thresholds = Object.entries(invoiceRules.fieldConfidence) as [keyof NormalizedInvoice, number][];

  it('names one vendor and one valid bank account in every run, so a second run is no bank change', () => {
    const [first, second] = [cleanInvoiceSpec('run-a'), cleanInvoiceSpec('run-b')];
    expect(second?.vendor).toEqual(first?.vendor);
    expect(second?.iban).toBe(first?.iban);
    expect(isValidIban(first?.iban ?? '')).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'reads every field the rules check above its threshold (seed %i)',
    async (seed) => {
      // Prepare: a run-specific seed, as the demo draws one per run.
      const spec = cleanInvoiceSpec(`clean-${seed}`, { invoiceNumber: `DEMO-${seed}-1` });
      const key = `normaliser/clean-${seed}.pdf`;
      await loop.put(key, await invoicePdf(spec));

      // Act
      const response = await loop.textract.send(
        new AnalyzeExpenseCommand({ Document: { S3Object: { Bucket: loop.bucket, Name: key } } }),
      );
      const invoice = normaliseExpense(response);

      // Assess: right, and confident enough that no low-confidence rule sends it to a person.
      expect(readBack(invoice)).toEqual(expectedBack(expectedFields(spec)));
      for (const [field, minimum] of thresholds) {
        const read = invoice[field] as { confidence: number } | undefined;
        expect(read?.confidence, field).toBeGreaterThanOrEqual(minimum);
      }
    },
  );
});
