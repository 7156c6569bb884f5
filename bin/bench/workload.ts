import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import {
  type InvoiceLine,
  type InvoiceSpec,
  invoicePdf,
  invoiceTotals,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';

/** Which way a document is meant to go: straight through, or past a person. */
export type PlannedPath = 'happy' | 'approval';

export interface PlannedDocument {
  readonly index: number;
  readonly fileName: string;
  readonly planned: PlannedPath;
  readonly spec: InvoiceSpec;
}

export interface BenchDocument extends PlannedDocument {
  readonly body: Uint8Array;
  /** The document id Tower derives from the content (its SHA-256). */
  readonly documentId: string;
}

// Tax rates in the samples stay below 30 %; three lines of two units each stay under the threshold.
const maxHappyLines = 3;
const maxHappyQuantity = 2;
const maxTaxFactor = 1.3;

/** `"10000.00"` → 1000000. */
export function decimalToCents(decimal: string): number {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** The same invoice with few, small lines, so its total stays below the approval threshold. */
export function belowThreshold(spec: InvoiceSpec, thresholdCents: number): InvoiceSpec {
  const unitCap = Math.floor(thresholdCents / (maxHappyLines * maxHappyQuantity * maxTaxFactor));
  const lineItems: InvoiceLine[] = spec.lineItems.slice(0, maxHappyLines).map((line) => ({
    ...line,
    quantity: Math.min(line.quantity, maxHappyQuantity),
    unitPriceCents: Math.min(line.unitPriceCents, unitCap),
  }));
  return { ...spec, lineItems };
}

/** The same invoice with one large line, at least twice the approval threshold. */
export function aboveThreshold(spec: InvoiceSpec, thresholdCents: number): InvoiceSpec {
  const description = spec.lineItems[0]?.description ?? 'Annual licence';
  return {
    ...spec,
    lineItems: [{ description, quantity: 4, unitPriceCents: Math.ceil(thresholdCents / 2) }],
  };
}

/** True for the indices, spread evenly, that make up `share` of `count` (e.g. every tenth for 0.1). */
export function needsApproval(index: number, share: number): boolean {
  return Math.floor((index + 1) * share) > Math.floor(index * share);
}

/**
 * Random names repeat across a large workload; a repeated vendor with another IBAN would trip the
 * bank-details rule and ask for approval unplanned. So every invoice whose vendor starts with the same
 * word (a superset of those Tower could take for one vendor) carries the first such invoice's account.
 */
export function withStableBankDetails(specs: readonly InvoiceSpec[]): InvoiceSpec[] {
  const accounts = new Map<string, string | undefined>();
  return specs.map((spec) => {
    const key = spec.vendor.name.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!accounts.has(key)) accounts.set(key, spec.iban);
    const { iban: _, ...rest } = spec;
    const iban = accounts.get(key);
    return iban === undefined ? rest : { ...rest, iban };
  });
}

/**
 * A reproducible workload: `count` random invoices in three languages and two layouts, with an even
 * `approvalShare` above the approval threshold and the rest below it.
 *
 * @example planWorkload(200, 0.1, 1_000_000).filter((d) => d.planned === 'approval').length // 20
 */
export function planWorkload(
  count: number,
  approvalShare: number,
  thresholdCents: number,
): PlannedDocument[] {
  const drawn = withStableBankDetails(
    Array.from({ length: count }, (_, i) => randomInvoiceSpec(`bench-${i}`)),
  );
  return drawn.map((spec, index) => {
    const planned: PlannedPath = needsApproval(index, approvalShare) ? 'approval' : 'happy';
    return {
      index,
      fileName: `bench-${String(index).padStart(5, '0')}.pdf`,
      planned,
      spec:
        planned === 'approval' ? aboveThreshold(spec, thresholdCents) : belowThreshold(spec, thresholdCents),
    };
  });
}

/** Totals in cents, for checking a plan against its threshold. */
export const totalCents = (spec: InvoiceSpec): number => invoiceTotals(spec).totalCents;

/** Renders every PDF before the clock starts; fails if two invoices would be the same document. */
export async function renderWorkload(plan: readonly PlannedDocument[]): Promise<BenchDocument[]> {
  const rendered: BenchDocument[] = [];
  const seen = new Set<string>();
  for (const doc of plan) {
    const body = await invoicePdf(doc.spec);
    const documentId = documentIdOf('invoice', sha256Hex(body));
    if (seen.has(documentId))
      throw new Error(`${doc.fileName} renders to the same bytes as an earlier invoice`);
    seen.add(documentId);
    rendered.push({ ...doc, body, documentId });
  }
  return rendered;
}
