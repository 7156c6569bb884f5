import { formatAmount } from '../../../platform/human-step/format.ts';
import type { HumanStepRequest } from '../../../platform/human-step/request.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { InvoiceHeader } from '../domain/invoice.ts';
import type { ApprovalDecisionNeeded, RulesResult, ScoreResult } from '../domain/workflow.ts';
import { invoiceFacts } from './approval-facts.ts';
import type { RuleFacts } from './facts.ts';
import { readerNotes } from './reader-notes.ts';

export interface ApprovalInput {
  readonly invoice: InvoiceHeader;
  readonly score: ScoreResult;
  /** The rules' view of each checked field: present, confidence, threshold. */
  readonly fields: RuleFacts['fields'];
  readonly dueDate: string | null;
  /** Whether the due date was printed on the invoice (false: computed from the terms). */
  readonly dueDateRead: boolean;
  readonly terms: RulesResult['terms'];
  readonly reasons: ApprovalDecisionNeeded['reasons'];
  /** A rule asked for one more approval than the policy's quorum. */
  readonly secondApprover: boolean;
  /** A rule asked for a one-time code. */
  readonly stepUp: boolean;
  readonly ruleSetVersion: string;
  /** The invoice's file, which the page links to and shows. @default none */
  readonly document?: DocumentRef;
}

/** The file the person decides on: the version the workflow read, under its own name. */
function documentOf(document: DocumentRef): NonNullable<HumanStepRequest['document']> {
  return {
    bucket: document.bucket,
    key: document.key,
    ...(document.versionId ? { versionId: document.versionId } : {}),
    ...(document.contentType ? { contentType: document.contentType } : {}),
  };
}

/**
 * Whether a person must decide, and what the human step shows them: the invoice's header as facts (with
 * confidences, the flagged ones marked, a computed due date shown as derived), its risk with the
 * rationale, the reasons, what the reader noticed, and the file. The platform renders it as is.
 */
export function approvalDecision(input: ApprovalInput): ApprovalDecisionNeeded {
  const { invoice, score } = input;
  const total = invoice.total?.value ?? null;
  const currency = invoice.currency?.value ?? null;
  const amount = formatAmount(total, currency);
  const number = invoice.invoiceNumber?.value;
  const vendor = invoice.vendor?.value;
  const notes = readerNotes(invoice.warnings);
  const request: HumanStepRequest = {
    title: `Invoice ${number ?? '(no number)'} from ${vendor ?? 'an unknown vendor'} (${amount})`,
    facts: invoiceFacts(input),
    reasons: input.reasons.map((r) => r.message),
    ...(notes.length > 0 ? { notes } : {}),
    ...(input.document ? { document: documentOf(input.document) } : {}),
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
