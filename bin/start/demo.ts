import type { DocumentStatus } from '../../lambdas/platform/shared/status.ts';
import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import { invoiceRuleSet } from '../../lambdas/processes/invoice/rules/rule-set.ts';
import {
  cleanInvoiceSpec,
  invoicePdf,
  randomInvoiceSpec,
} from '../../lambdas/processes/invoice/samples/index.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { inspect } from '../common/inspect.ts';

export interface DemoDocument {
  readonly label: string;
  readonly file: string;
  readonly documentId: string;
  expected: DocumentStatus;
  status?: DocumentStatus;
  reason?: string;
  /** Why a status other than the planned one is as expected. */
  note?: string;
}

const settled: readonly DocumentStatus[] = [
  'COMPLETED',
  'REJECTED',
  'REJECTED_INPUT',
  'FAILED',
  'COMPENSATED',
  'AWAITING_APPROVAL',
];

/**
 * Drops three invoices (a clean one, one above the approval threshold, a malformed file), waits until
 * each settles (awaiting approval counts), and returns where each ended with the approval links sent.
 */
export async function runDemo(runtime: LocalRuntime, timeoutMs = 120_000) {
  const tools = inspect(runtime);
  const run = Date.now().toString(36).toUpperCase();
  const clean = cleanInvoiceSpec(`demo-clean-${run}`, {
    invoiceNumber: `DEMO-${run}-1`,
    lineItems: [{ description: 'Consulting, two days', quantity: 2, unitPriceCents: 45_000 }],
  });
  const large = randomInvoiceSpec(`demo-large-${run}`, {
    language: 'en',
    currency: 'EUR',
    invoiceNumber: `DEMO-${run}-2`,
    lineItems: [{ description: 'Annual platform licence', quantity: 3, unitPriceCents: 1_250_000 }],
  });
  const broken = new TextEncoder().encode(
    `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% truncated demo file ${run}`,
  );
  const documents: DemoDocument[] = [];
  const add = async (label: string, file: string, body: Uint8Array, expected: DocumentStatus) => {
    const documentId = await tools.drop('invoice', file, body, { 'submitted-by': 'demo@tower.local' });
    documents.push({ label, file, documentId, expected });
  };
  await add('clean invoice', `demo-${run}-clean.pdf`, await invoicePdf(clean), 'COMPLETED');
  await add('needs approval', `demo-${run}-large.pdf`, await invoicePdf(large), 'AWAITING_APPROVAL');
  await add('malformed file', `demo-${run}-broken.pdf`, broken, 'REJECTED_INPUT');
  for (const doc of documents) {
    const record = await tools.waitForStatus(doc.documentId, settled, timeoutMs);
    doc.status = record.status;
    doc.reason = record.statusReason;
  }
  const [cleanDoc] = documents;
  // A vendor's first invoice waits for a person by default (README: new vendors); its next ones do not.
  if (
    cleanDoc?.status === 'AWAITING_APPROVAL' &&
    approvalOnlyForBeingNew(await tools.audit(cleanDoc.documentId))
  ) {
    cleanDoc.expected = 'AWAITING_APPROVAL';
    cleanDoc.note =
      "its vendor's first invoice: approve it once and the vendor's next invoices complete on their own";
  }
  const numbers =
    cleanDoc?.expected === 'AWAITING_APPROVAL' ? [`DEMO-${run}-1`, `DEMO-${run}-2`] : [`DEMO-${run}-2`];
  const links = await tools.waitForApprovalLinks(
    (l) => numbers.some((n) => l.subject.includes(n)),
    numbers.length,
  );
  return { documents, links };
}

/** Whether the only rule that asked a person was the new-vendor rule (its RULES_APPLIED audit event says). */
export function approvalOnlyForBeingNew(audit: readonly Pick<AuditRecord, 'type' | 'details'>[]): boolean {
  const applied = audit.find((e) => e.type === 'RULES_APPLIED');
  const fired = (applied?.details as { fired?: readonly string[] } | undefined)?.fired ?? [];
  const approvalRules = new Set(
    invoiceRuleSet.rules.filter((r) => r.event.type === 'approval').map((r) => r.name),
  );
  const reasons = fired.filter((name) => approvalRules.has(name));
  return reasons.length === 1 && reasons[0] === 'new-vendor';
}
