import { decideByVotes, decisionOf, handDecisionOn } from '../decision.ts';
import type { ApprovalRecord } from '../record.ts';
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
  const outcome = await decideByVotes(deps, record, { kind: 'person', id: caller.email });
  if (outcome.kind === 'pending') {
    return pages.voteRecorded(
      decision,
      Math.max(0, record.requiredApprovals - outcome.approvals),
      record.request.title,
    );
  }
  if (outcome.kind === 'ended') {
    const current = await deps.approvals.get(record.approvalId);
    return current ? endedPage(current) : pages.invalidLink();
  }
  return deliver(deps, outcome.record, outcome.decision);
}

/** Delivers to the current wait; if the wait moved on (a new phase registered), follows its new token. */
async function deliver(
  deps: DecideDeps,
  record: ApprovalRecord,
  decision: 'approved' | 'rejected',
): Promise<PageResponse> {
  let token = record.taskToken;
  for (let attempt = 0; token && attempt < 3; attempt++) {
    const delivery = await handDecisionOn(deps, token, record, decision, apiActor);
    if (delivery === 'delivered') return pages.applied(decision, record.request.title);
    if (delivery === 'task-gone') {
      await deps.audit.append(
        {
          documentId: record.documentId,
          step: record.step,
          type: 'DECISION_NOT_APPLIED',
          actor: apiActor,
          decision,
          rationale: ['the workflow was no longer waiting (stopped or finished)'],
          versions: { workflow: record.workflowVersion },
          executionArn: record.executionArn,
        },
        // Each later click finds the wait gone again: recorded once.
        { idempotencyKey: `${record.approvalId}/not-applied` },
      );
      return pages.notApplied(record.request.title);
    }
    const current = await deps.approvals.get(record.approvalId);
    token = current?.taskToken !== token ? current?.taskToken : undefined;
  }
  // The wait timed out and the next phase has not registered yet: it will find the decision and deliver it.
  return pages.recordedPending(decision, record.request.title);
}

/**
 * A decided approval no wait has received (the run that decided stopped before SendTask*, and the
 * person opens the link again): hands it to the current wait, once it answers. Renders nothing itself;
 * a wait that has ended is left to the next phase, which finds the decision.
 */
export async function handOnUndelivered(deps: DecideDeps, record: ApprovalRecord): Promise<void> {
  const decision = decisionOf(record);
  if (!decision || record.deliveredAt || !record.taskToken) return;
  await handDecisionOn(deps, record.taskToken, record, decision, apiActor);
}

/** The approval API's audit identity for what it does on its own (delivering a decision). */
const apiActor = { kind: 'system', id: 'approval-api' } as const;
