import type { ApprovalSummary } from '../human-step/record.ts';
import { PermanentError } from '../shared/errors.ts';
import type { WorkflowState } from '../shared/workflow.ts';

/** What the approver sees, taken from the workflow state: the invoice header, its risk and the reasons. */
export function summaryOf(state: WorkflowState): ApprovalSummary {
  const { extraction, score, rules } = state;
  if (!extraction || !score || !rules) {
    throw new PermanentError('approval requested before extraction, scoring and rules completed');
  }
  const invoice = extraction.invoice;
  return {
    process: state.document.process,
    documentId: state.document.documentId,
    vendor: invoice.vendor?.value ?? null,
    invoiceNumber: invoice.invoiceNumber?.value ?? null,
    invoiceDate: invoice.invoiceDate?.value ?? null,
    dueDate: rules.dueDate ?? invoice.dueDate?.value ?? null,
    total: invoice.total?.value ?? null,
    currency: invoice.currency?.value ?? null,
    riskBand: score.band,
    riskScore: Math.round(score.score * 100) / 100,
    riskRationale: score.rationale.map((c) => c.explanation),
    degraded: score.degraded,
    reasons: rules.approval.reasons.map((r) => r.message),
  };
}
