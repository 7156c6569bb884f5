import { deliverDecision } from '../human-step/delivery.ts';
import { tally } from '../human-step/outcome.ts';
import type { ApprovalRecord } from '../human-step/record.ts';
import type { Caller, DecideDeps } from './caller.ts';
import type { PageResponse } from './layout.ts';
import { endedPage, pages } from './pages.ts';

/** After a vote: decide when the policy is met, then hand the decision to the waiting workflow. */
export async function settle(
  deps: DecideDeps,
  caller: Caller,
  record: ApprovalRecord,
  decision: 'approve' | 'reject',
): Promise<PageResponse> {
  const result = tally(record);
  if (result.result === 'pending') {
    return pages.voteRecorded(decision, Math.max(0, record.requiredApprovals - result.approvals));
  }
  const at = deps.now().toISOString();
  const status = result.result === 'approved' ? 'APPROVED' : 'REJECTED';
  if (!(await deps.approvals.finish(record.approvalId, status, at, result.deciders))) {
    const current = await deps.approvals.get(record.approvalId);
    return current ? endedPage(current) : pages.invalidLink();
  }
  const decided: ApprovalRecord = { ...record, status, decidedAt: at, decidedBy: result.deciders };
  await deps.audit.append(
    {
      documentId: record.documentId,
      step: record.step,
      type: 'APPROVAL_DECIDED',
      actor: { kind: 'person', id: caller.email },
      decision: result.result,
      rationale: [`decided by ${result.deciders.join(', ')}`],
      inputHash: record.summaryHash,
      versions: { workflow: record.workflowVersion },
      executionArn: record.executionArn,
      details: { approvalId: record.approvalId, decidedBy: result.deciders },
    },
    { idempotencyKey: `${record.approvalId}/decided` },
  );
  return deliver(deps, decided, result.result);
}

/** Delivers to the current wait; if the wait moved on (a new phase registered), follows its new token. */
async function deliver(
  deps: DecideDeps,
  record: ApprovalRecord,
  decision: 'approved' | 'rejected',
): Promise<PageResponse> {
  let token = record.taskToken;
  for (let attempt = 0; token && attempt < 3; attempt++) {
    const delivery = await deliverDecision(deps.sfn, token, record, decision);
    if (delivery === 'delivered') return pages.applied(decision);
    if (delivery === 'task-gone') {
      await deps.audit.append(
        {
          documentId: record.documentId,
          step: record.step,
          type: 'DECISION_NOT_APPLIED',
          actor: { kind: 'system', id: 'approval-api' },
          decision,
          rationale: ['the workflow was no longer waiting (stopped or finished)'],
          versions: { workflow: record.workflowVersion },
          executionArn: record.executionArn,
        },
        { idempotencyKey: `${record.approvalId}/not-applied` },
      );
      return pages.notApplied();
    }
    const current = await deps.approvals.get(record.approvalId);
    token = current?.taskToken !== token ? current?.taskToken : undefined;
  }
  // The wait timed out and the next phase has not registered yet: it will find the decision and deliver it.
  return pages.recordedPending(decision);
}
