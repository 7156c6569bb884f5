import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { ApprovalOutcome } from '../shared/workflow.ts';
import type { ApprovalRecord } from './record.ts';

export type Delivery = 'delivered' | 'timed-out' | 'task-gone';

/** The stable error name a rejection reaches the state machine with. */
export const approvalRejectedError = 'Approval.Rejected';

export function outcomeOf(record: ApprovalRecord, decision: ApprovalOutcome['decision']): ApprovalOutcome {
  const votes = Object.values(record.approvers)
    .flatMap((a) =>
      a.vote
        ? [{ approver: a.vote.approver, decision: a.vote.decision, at: a.vote.at, comment: a.vote.comment }]
        : [],
    )
    .sort((x, y) => (x.at < y.at ? -1 : 1));
  return {
    approvalId: record.approvalId,
    decision,
    votes,
    decidedAt: record.decidedAt ?? new Date().toISOString(),
  };
}

/**
 * Hands a decided approval to the waiting workflow: SendTaskSuccess for an approval, SendTaskFailure
 * with `Approval.Rejected` for a rejection. A wait that has ended is reported, never thrown.
 */
export async function deliverDecision(
  sfn: SFNClient,
  taskToken: string,
  record: ApprovalRecord,
  decision: 'approved' | 'rejected',
): Promise<Delivery> {
  const outcome = outcomeOf(record, decision);
  try {
    if (decision === 'approved') {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
    } else {
      await sfn.send(
        new SendTaskFailureCommand({
          taskToken,
          error: approvalRejectedError,
          cause: JSON.stringify({
            approvalId: outcome.approvalId,
            decidedAt: outcome.decidedAt,
            votes: outcome.votes,
          }),
        }),
      );
    }
    return 'delivered';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TaskTimedOut') return 'timed-out';
    if (name === 'TaskDoesNotExist' || name === 'InvalidToken') return 'task-gone';
    throw error;
  }
}
