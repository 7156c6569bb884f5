import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { DocumentStatus } from '../../lambdas/platform/shared/status.ts';
import { isTerminal } from '../../lambdas/platform/shared/status.ts';
import { changeStatus } from '../../lambdas/platform/shared/status-change.ts';
import { auditAction, type Operator, operatorStep } from './context.ts';
import { RefusedError } from './errors.ts';
import { describeExecution, workflowVersionOf } from './history.ts';

export interface CancelOutcome {
  readonly documentId: string;
  /** stopped: its running execution was stopped; compensated: no execution ran, the status was set directly. */
  readonly action: 'stopped' | 'compensated';
  readonly executionArn?: string;
  /** The document's status when the command returned. */
  readonly status: DocumentStatus;
  /** Whether the document reached COMPENSATED. */
  readonly settled: boolean;
}

/** The error a cancelled execution stops with; the operator's reason is its cause. */
export const cancelError = 'Operator.Cancelled';

/**
 * Cancels a document. A running execution is stopped, and the execution-ended function then settles
 * the document as COMPENSATED and withdraws its approval links; this waits up to `waitMs` for that. A
 * document with no running execution goes to COMPENSATED directly. FAILED documents may be cancelled
 * too (the status model allows it: the failure is closed rather than redriven).
 */
export async function cancelDocument(
  operator: Operator,
  documentId: string,
  reason: string,
  waitMs: number,
): Promise<CancelOutcome> {
  const document = await operator.documents.get(documentId);
  if (!document) throw new RefusedError(`no document ${documentId} on ${operator.target.label}`);
  if (isTerminal(document.status) && document.status !== 'FAILED')
    throw new RefusedError(`document already ended as ${document.status}; nothing to cancel`);
  const owner = document.ownerExecution;
  const { sfn } = operator.target;
  const execution = owner ? await describeExecution(sfn, owner) : undefined;
  const versions = { workflow: workflowVersionOf(execution?.input) };

  if (owner && execution?.status === 'RUNNING') {
    await sfn.send(new StopExecutionCommand({ executionArn: owner, error: cancelError, cause: reason }));
    await auditAction(
      operator,
      {
        documentId,
        type: 'OPERATOR_CANCEL',
        decision: 'stopped',
        reason,
        versions,
        executionArn: owner,
        details: { action: 'stopped', from: document.status },
      },
      `${documentId}/operator/cancel/${owner}`,
    );
    const status = await waitForEnd(operator, documentId, waitMs);
    return { documentId, action: 'stopped', executionArn: owner, status, settled: status === 'COMPENSATED' };
  }

  // The operator's action is written with the move it made, in one write.
  const change = await changeStatus(
    { documents: operator.documents, audit: operator.audit },
    {
      documentId,
      to: 'COMPENSATED',
      step: operatorStep,
      actor: operator.actor,
      versions,
      executionArn: owner,
      reason,
      now: operator.now(),
      with: (move) => [
        {
          documentId,
          step: operatorStep,
          actor: operator.actor,
          type: 'OPERATOR_CANCEL',
          decision: 'compensated',
          rationale: [reason],
          versions,
          executionArn: owner,
          details: { action: 'compensated', from: move.from, execution: execution?.status ?? 'none' },
        },
      ],
    },
  );
  if (!change.applied)
    throw new RefusedError(
      `the document changed meanwhile (now ${change.current?.status ?? 'missing'}); not cancelled`,
    );
  // A starter that was about to start the execution may just have done so: it must not run on.
  if (owner && (await describeExecution(sfn, owner))?.status === 'RUNNING')
    await sfn.send(new StopExecutionCommand({ executionArn: owner, error: cancelError, cause: reason }));
  return { documentId, action: 'compensated', executionArn: owner, status: 'COMPENSATED', settled: true };
}

/** Polls until the document ends, or the wait is over; returns its last status. */
async function waitForEnd(operator: Operator, documentId: string, waitMs: number): Promise<DocumentStatus> {
  const until = Date.now() + waitMs;
  for (;;) {
    const status = (await operator.documents.get(documentId))?.status;
    if (!status) throw new RefusedError(`document ${documentId} vanished`);
    if (isTerminal(status) || Date.now() >= until) return status;
    await new Promise((r) => setTimeout(r, 200));
  }
}
