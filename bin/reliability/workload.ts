import { sha256Hex } from '../../lambdas/platform/shared/hash.ts';
import { documentIdOf } from '../../lambdas/platform/shared/workflow.ts';
import {
  type InvoiceSpec,
  invoicePdf,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';
import { aboveThreshold, belowThreshold, withStableBankDetails } from '../bench/workload.ts';

/** One file to drop: its name, bytes and the document id Tower derives from them. */
export interface DropFile {
  readonly fileName: string;
  readonly body: Uint8Array;
  readonly documentId: string;
  readonly label: string;
}

/** The default policy's threshold (10,000.00) in cents. */
export const thresholdCents = 1_000_000;

async function render(specs: readonly InvoiceSpec[], prefix: string, label: string): Promise<DropFile[]> {
  const files: DropFile[] = [];
  const seen = new Set<string>();
  for (const [i, spec] of specs.entries()) {
    const body = await invoicePdf(spec);
    const documentId = documentIdOf('invoice', sha256Hex(body));
    if (seen.has(documentId)) continue;
    seen.add(documentId);
    files.push({ fileName: `${prefix}-${String(i).padStart(5, '0')}.pdf`, body, documentId, label });
  }
  return files;
}

/**
 * `count` distinct invoices below the approval threshold, with a vendor's bank details stable across
 * its invoices, so the rules let them through (a rare one may still need a person: a high risk score).
 */
export function cleanInvoices(count: number, prefix: string): Promise<DropFile[]> {
  const specs = withStableBankDetails(
    Array.from({ length: count }, (_, i) => randomInvoiceSpec(`${prefix}-${i}`)),
  ).map((spec) => belowThreshold(spec, thresholdCents));
  return render(specs, prefix, 'invoice');
}

/** `count` distinct invoices above the approval threshold: each waits for a person. */
export function largeInvoices(count: number, prefix: string): Promise<DropFile[]> {
  const specs = Array.from({ length: count }, (_, i) =>
    aboveThreshold(
      randomInvoiceSpec(`${prefix}-${i}`, {
        language: 'en',
        currency: 'EUR',
        invoiceNumber: `REL-${prefix}-${i}`,
      }),
      thresholdCents,
    ),
  );
  return render(specs, prefix, 'large-invoice');
}
