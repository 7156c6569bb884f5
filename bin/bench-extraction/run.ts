import { AnalyzeExpenseCommand, TextractClient } from '@aws-sdk/client-textract';
import { readInvoice } from '../../lambdas/processes/invoice/extract/normalise-expense.ts';
import { decimal } from '../../lambdas/processes/invoice/samples/expected-fields.ts';
import {
  invoiceTotals,
  type Language,
  type LayoutVariant,
} from '../../lambdas/processes/invoice/samples/index.ts';
import { expenseReader } from '../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { createOcrRecogniser } from '../../local/emulators/textract/ocr/recogniser.ts';
import { startTextractServer } from '../../local/emulators/textract/server.ts';
import {
  type BenchCase,
  type BenchFormat,
  type BenchSet,
  benchCases,
  benchSets,
  caseDocument,
} from './cases.ts';
import type { BenchOptions } from './options.ts';
import { confidencesOf, type FieldConfidences, type FieldScores, scoreInvoice } from './score.ts';

/**
 * Runs every case through the real local Textract (HTTP on loopback, the SDK client, OCR for images
 * and scans) and `normaliseExpense`, timing the AnalyzeExpense call: one page per document, so the
 * call's time is the seconds per page. Documents are generated outside the timed part.
 */

export interface CaseResult {
  readonly id: string;
  readonly format: BenchFormat;
  readonly language: Language;
  readonly layout: LayoutVariant;
  readonly seconds: number;
  readonly scores: FieldScores;
  /** What the extractor said of each field: wrong fields should carry low ones. */
  readonly confidences: FieldConfidences;
  /** What the vendor and total were calibrated on: their evidence and read confidence. */
  readonly weighed: ReturnType<typeof readInvoice>['weighed'];
  /** What was read of the vendor and the total (the fit tells a misread name from another party's). */
  readonly read: { readonly vendor: string | null; readonly total: string | null };
  readonly expected: {
    readonly vendor: string;
    readonly customer: string;
    readonly total: string;
    /** Every other amount the page prints (subtotal, discount, net, tax, lines): a total read as one is the wrong amount. */
    readonly otherAmounts: readonly string[];
  };
  /** The Textract error's name when the call failed. */
  readonly error: string | null;
}

export interface BenchRun {
  readonly set: BenchSet;
  readonly firstSeed: number;
  readonly results: readonly CaseResult[];
  readonly wallSeconds: number;
}

const noScores: FieldScores = {
  vendor: false,
  invoiceNumber: false,
  invoiceDate: false,
  dueDate: false,
  total: false,
  currency: false,
};
const noConfidences: FieldConfidences = {
  vendor: null,
  invoiceNumber: null,
  invoiceDate: null,
  dueDate: null,
  total: null,
  currency: null,
};

export async function runBench(
  options: BenchOptions,
  onCase: (result: CaseResult, done: number, total: number) => void = () => {},
): Promise<BenchRun> {
  const started = performance.now();
  const ocr = createOcrRecogniser({
    settings: { ...options.ocr, ...(options.psm === undefined ? {} : { psm: options.psm }) },
    knows: expenseReader.knows,
  });
  const server = await startTextractServer({ recognise: ocr.recognise, reader: expenseReader });
  const client = new TextractClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const cases = benchCases(options.set, options.count, options.seed);
    const results: CaseResult[] = [];
    for (const c of cases) {
      const result = await runCase(client, c);
      results.push(result);
      onCase(result, results.length, cases.length);
    }
    return {
      set: options.set,
      firstSeed: options.seed ?? benchSets[options.set].firstSeed,
      results,
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    client.destroy();
    await server.stop();
    await ocr.close();
  }
}

async function runCase(client: TextractClient, c: BenchCase): Promise<CaseResult> {
  const bytes = await caseDocument(c);
  const base = {
    id: c.id,
    format: c.format,
    language: c.spec.language,
    layout: c.spec.layout,
    expected: {
      vendor: c.expected.vendor,
      customer: c.spec.customer.name,
      total: c.expected.total,
      otherAmounts: otherAmounts(c),
    },
  };
  const start = performance.now();
  try {
    const response = await client.send(new AnalyzeExpenseCommand({ Document: { Bytes: bytes } }));
    const seconds = (performance.now() - start) / 1000;
    const { invoice, weighed } = readInvoice(response);
    return {
      ...base,
      seconds,
      scores: scoreInvoice(c.expected, invoice),
      confidences: confidencesOf(invoice),
      weighed,
      read: { vendor: invoice.vendor?.value ?? null, total: invoice.total?.value ?? null },
      error: null,
    };
  } catch (error) {
    const seconds = (performance.now() - start) / 1000;
    const name = error instanceof Error ? error.name : 'Error';
    return {
      ...base,
      seconds,
      scores: noScores,
      confidences: noConfidences,
      weighed: { vendor: null, total: null },
      read: { vendor: null, total: null },
      error: name,
    };
  }
}

function otherAmounts(c: BenchCase): string[] {
  const totals = invoiceTotals(c.spec);
  const cents = [
    totals.subtotalCents,
    totals.discountCents,
    totals.netCents,
    totals.taxCents,
    ...totals.lineAmountsCents,
  ];
  return [...new Set(cents.filter((a) => a > 0 && a !== totals.totalCents).map(decimal))];
}
