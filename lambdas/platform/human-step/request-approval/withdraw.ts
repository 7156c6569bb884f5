import { mayWrite } from '../../shared/ownership.ts';
import { withdrawTask } from '../lifecycle/index.ts';
import type { ApprovalRecord } from '../record.ts';
import { type ApprovalDeps, auditBase } from './context.ts';
import type { WaitEvent } from './events.ts';

/**
 * A wait of an execution that does not own its document (a stale duplicate; the owner may long have
 * decided) asks no one: the task is cancelled, so no link decides it, and the wait ends on the rejection
 * path to finalize, which writes nothing for a non-owner. False when the execution owns the document or
 * the task was decided before (the normal path then delivers that decision). The cancellation and its
 * audit event are one write; a retry finds it cancelled and only delivers again.
 */
export async function withdrawIfSuperseded(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  event: WaitEvent,
): Promise<boolean> {
  if (mayWrite(await deps.documents.get(record.documentId), event.executionArn)) return false;
  const reason = 'another execution owns the document; no one was asked';
  return withdrawTask(
    deps,
    record,
    event.taskToken,
    {
      ...auditBase(record, event.executionArn),
      type: 'APPROVAL_CANCELLED',
      decision: 'cancelled',
      rationale: [reason],
      details: { approvalId: record.approvalId, phase: event.phase },
    },
    reason,
  );
}
