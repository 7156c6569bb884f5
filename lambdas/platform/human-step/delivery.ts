import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { ApprovalOutcome } from '../shared/workflow.ts';
import type { TaskResultSender } from '../workflows/task-results.ts';
import { decidingValues } from './form/outcome.ts';
import type { ApprovalRecord } from './record.ts';

export type Delivery = 'delivered' | 'timed-out' | 'task-gone';

/** The stable error name a rejection (or a withdrawn task) reaches the state machine with. */
export const approvalRejectedError = 'Approval.Rejected';

export function outcomeOf(record: ApprovalRecord, decision: ApprovalOutcome['decision']): ApprovalOutcome {
  const votes = Object.values(record.approvers)
    .flatMap((a) =>
      a.vote
        ? [
            {
              approver: a.vote.approver,
              decision: a.vote.decision,
              ...(a.vote.choice === undefined ? {} : { choice: a.vote.choice }),
              at: a.vote.at,
              comment: a.vote.comment,
            },
          ]
        : [],
    )
    .sort((x, y) => (x.at < y.at ? -1 : 1));
  // The process's own outcome, when every vote on the deciding side chose the same button.
  const effect = decision === 'approved' ? 'approve' : 'reject';
  const chosen = [...new Set(votes.filter((v) => v.decision === effect).map((v) => v.choice))];
  const [choice] = chosen;
  const values =
    decision === 'expired'
      ? undefined
      : decidingValues(
          Object.values(record.approvers).flatMap((a) => (a.vote ? [a.vote] : [])),
          effect,
        );
  return {
    approvalId: record.approvalId,
    decision,
    ...(decision !== 'expired' && chosen.length === 1 && choice !== undefined ? { choice } : {}),
    votes,
    decidedAt: record.decidedAt ?? new Date().toISOString(),
    ...(values === undefined ? {} : { values }),
  };
}

/**
 * Hands a decided approval to the waiting workflow: SendTaskSuccess for an approval, SendTaskFailure
 * with `Approval.Rejected` for a rejection. A wait that has ended is reported, never thrown.
 */
export function deliverDecision(
  sfn: TaskResultSender,
  taskToken: string,
  record: ApprovalRecord,
  decision: 'approved' | 'rejected',
): Promise<Delivery> {
  const outcome = outcomeOf(record, decision);
  if (decision === 'approved')
    return sendTaskResult(sfn, new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
  return sendTaskResult(
    sfn,
    new SendTaskFailureCommand({
      taskToken,
      error: approvalRejectedError,
      cause: JSON.stringify({
        approvalId: outcome.approvalId,
        decidedAt: outcome.decidedAt,
        ...(outcome.choice === undefined ? {} : { choice: outcome.choice }),
        votes: outcome.votes,
        ...(outcome.values === undefined ? {} : { values: outcome.values }),
      }),
    }),
  );
}

/**
 * Ends the wait of a task withdrawn before anyone was asked (its execution no longer owns the document)
 * on the rejection path, the side that never approves; the caller has cancelled the task. A wait that
 * has ended is reported, never thrown.
 */
export function deliverWithdrawal(
  sfn: TaskResultSender,
  taskToken: string,
  record: ApprovalRecord,
  reason: string,
): Promise<Delivery> {
  return sendTaskResult(
    sfn,
    new SendTaskFailureCommand({
      taskToken,
      error: approvalRejectedError,
      cause: JSON.stringify({ approvalId: record.approvalId, withdrawn: reason, votes: [] }),
    }),
  );
}

/** Sends a task result; a wait that has ended (timed out, stopped, finished) is reported, never thrown. */
async function sendTaskResult(
  sfn: TaskResultSender,
  command: SendTaskSuccessCommand | SendTaskFailureCommand,
): Promise<Delivery> {
  try {
    await sfn.send(command);
    return 'delivered';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TaskTimedOut') return 'timed-out';
    if (name === 'TaskDoesNotExist' || name === 'InvalidToken') return 'task-gone';
    throw error;
  }
}
