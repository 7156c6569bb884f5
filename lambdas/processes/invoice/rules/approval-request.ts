import { formatAmount } from '../../../platform/human-step/format.ts';
import type { HumanStepFact, HumanStepRequest } from '../../../platform/human-step/request.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import type { ApprovalDecisionNeeded, ScoreResult } from '../domain/workflow.ts';

export interface ApprovalInput {
  readonly invoice: InvoiceHeader;
  readonly score: ScoreResult;
  readonly dueDate: string | null;
  readonly reasons: ApprovalDecisionNeeded['reasons'];
  /** A rule asked for one more approval than the policy's quorum. */
  readonly secondApprover: boolean;
  /** A rule asked for a one-time code. */
  readonly stepUp: boolean;
  readonly ruleSetVersion: string;
}

/**
 * Whether a person must decide, and what the human step shows them: the invoice's header as facts,
 * its risk with the rationale, and the reasons, in the process's words. The platform renders it as is.
 */
export function approvalDecision(input: ApprovalInput): ApprovalDecisionNeeded {
  const { invoice, score } = input;
  const total = invoice.total?.value ?? null;
  const currency = invoice.currency?.value ?? null;
  const amount = formatAmount(total, currency);
  const number = invoice.invoiceNumber?.value;
  const vendor = invoice.vendor?.value;
  const facts: HumanStepFact[] = [
    { label: 'Vendor', value: vendor ?? '—' },
    { label: 'Invoice', value: number ?? '—' },
    { label: 'Amount', value: amount },
    { label: 'Invoice date', value: invoice.invoiceDate?.value ?? '—' },
    { label: 'Due', value: input.dueDate ?? invoice.dueDate?.value ?? '—' },
  ];
  const request: HumanStepRequest = {
    title: `Invoice ${number ?? '(no number)'} from ${vendor ?? 'an unknown vendor'} (${amount})`,
    facts,
    reasons: input.reasons.map((r) => r.message),
    risk: {
      level: score.band,
      score: Math.round(score.score * 100) / 100,
      rationale: score.rationale.map((c) => c.explanation),
      ...(score.degraded ? { note: 'scored by fallback' } : {}),
    },
    requirement: {
      additionalApprovals: input.secondApprover ? 1 : 0,
      stepUp: input.stepUp,
      amount: total === null ? null : { value: total, currency },
    },
    versions: { model: score.modelVersion, rules: input.ruleSetVersion },
  };
  return { required: input.reasons.length > 0, reasons: input.reasons, request };
}
