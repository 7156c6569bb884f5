import type { NormalizedInvoice } from '../../processes/invoice/domain/invoice.ts';
import { causeMessage } from '../shared/errors.ts';
import type { ApprovalOutcome, WorkflowState } from '../shared/workflow.ts';

export type FinalStatus = 'COMPLETED' | 'REJECTED';

export interface Verdict {
  readonly status: FinalStatus;
  readonly reason: string;
}

/** The document's end, from what the workflow recorded: approved or not needed → COMPLETED; else REJECTED. */
export function verdictOf(state: WorkflowState): Verdict {
  if (state.approvalRejection) {
    return { status: 'REJECTED', reason: 'rejected by the approvers' };
  }
  const approval = state.approval;
  if (approval?.decision === 'rejected') return { status: 'REJECTED', reason: 'rejected by the approvers' };
  if (approval?.decision === 'expired')
    return { status: 'REJECTED', reason: 'approval expired; rejected automatically' };
  if (approval?.decision === 'approved') return { status: 'COMPLETED', reason: 'approved' };
  return { status: 'COMPLETED', reason: 'no approval required' };
}

/** The approval outcome as recorded in the result, whether it came as a task result or a rejection. */
function approvalOf(
  state: WorkflowState,
): ApprovalOutcome | { readonly decision: 'rejected'; readonly detail: unknown } | null {
  if (state.approval) return state.approval;
  if (state.approvalRejection) {
    let detail: unknown = causeMessage(state.approvalRejection.Cause);
    try {
      detail = JSON.parse(state.approvalRejection.Cause ?? '');
    } catch {
      // keep the message
    }
    return { decision: 'rejected', detail };
  }
  return null;
}

/** The result document written to `results/`: everything decided about the invoice, with the versions that decided it. */
export function resultDocument(
  state: WorkflowState,
  invoice: NormalizedInvoice | null,
  verdict: Verdict,
  executionArn: string,
  at: string,
) {
  return {
    documentId: state.document.documentId,
    process: state.document.process,
    status: verdict.status,
    reason: verdict.reason,
    source: { bucket: state.document.bucket, key: state.document.key, versionId: state.document.versionId },
    invoice,
    risk: state.score ?? null,
    rules: state.rules ?? null,
    approval: approvalOf(state),
    versions: {
      workflow: state.workflowVersion,
      model: state.score?.modelVersion ?? null,
      rules: state.rules?.ruleSetVersion ?? null,
    },
    executionArn,
    finalizedAt: at,
  };
}
