// The lifecycle's one transition this function makes, alone: its bundle carries no Step Functions client.
import { cancelTask } from '../human-step/lifecycle/cancel.ts';
import type { ApprovalStore } from '../human-step/store.ts';
import { classOfErrorName } from '../shared/errors.ts';
import { isTerminal } from '../shared/status.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { AuditTrail } from '../stores/audit.ts';
import type { DocumentStore } from '../stores/documents.ts';
import { documentOf, type ExecutionStatusChange } from './event.ts';

export interface SettleDeps {
  readonly approvals: ApprovalStore;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly now: () => Date;
  /** The execution's current status: an event may arrive after the execution was redriven. */
  readonly executionStatus: (executionArn: string) => Promise<string | undefined>;
}

const actor = { kind: 'system', id: 'execution-ended' } as const;

/**
 * An execution ended without reaching its own end (stopped by an operator, timed out, or failed where
 * no Catch applied): its approval links stop working and the document gets a terminal status.
 */
export async function settleEndedExecution(deps: SettleDeps, event: ExecutionStatusChange) {
  const { detail } = event;
  if (detail.status !== 'ABORTED' && detail.status !== 'FAILED' && detail.status !== 'TIMED_OUT')
    return { settled: false };
  // EventBridge may deliver late or twice: an execution running again (redriven) is not ended.
  if ((await deps.executionStatus(detail.executionArn)) === 'RUNNING') return { settled: false };
  const document = documentOf(detail);
  const versions = { workflow: document?.workflowVersion };
  const at = deps.now().toISOString();
  // Every human task of the execution still pending stops working: one execution may hold several.
  let cancelled = false;
  for (const task of await deps.approvals.listByExecution(detail.executionArn)) {
    // The cancellation and its audit event are one write: a late or repeated event writes nothing.
    const event = {
      documentId: task.documentId,
      step: task.step,
      type: 'APPROVAL_CANCELLED',
      actor,
      decision: 'cancelled',
      rationale: [`the execution ended ${detail.status}; the links no longer work`],
      versions,
      executionArn: detail.executionArn,
      details: { approvalId: task.approvalId },
    };
    if (await cancelTask(deps, task, at, event)) cancelled = true;
  }
  if (!document) return { settled: false, cancelled };
  const current = await deps.documents.get(document.documentId);
  if (!current || isTerminal(current.status)) return { settled: false, cancelled };
  const reason = `execution ${detail.status.toLowerCase()}${detail.error ? `: ${detail.error}` : ''}${detail.cause ? ` (${detail.cause.slice(0, 200)})` : ''}`;
  const to = detail.status === 'ABORTED' ? 'COMPENSATED' : 'FAILED';
  const failureClass = detail.status === 'TIMED_OUT' ? 'transient' : classOfErrorName(detail.error ?? '');
  const change = await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      documentId: document.documentId,
      to,
      step: 'execution-ended',
      actor,
      versions,
      executionArn: detail.executionArn,
      reason,
      attributes:
        to === 'FAILED'
          ? { failureClass, failedStep: 'workflow', errorName: detail.error ?? detail.status }
          : {},
    },
  );
  return { settled: change.applied, cancelled, status: to };
}
