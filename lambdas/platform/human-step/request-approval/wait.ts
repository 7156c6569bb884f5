import { changeStatus } from '../../shared/status-change.ts';
import { settleAtWait } from '../lifecycle/index.ts';
import { approverEntries } from './approver-entries.ts';
import { type ApprovalDeps, actor, auditBase, taskOf } from './context.ts';
import type { WaitEvent } from './events.ts';
import { notify } from './notify.ts';
import { withdrawIfSuperseded } from './withdraw.ts';

/**
 * One wait of the task: stores the task token with it, emails whoever this phase concerns, and returns;
 * the workflow resumes when the approval API (or this phase, if the task was decided in between) sends
 * the task result.
 */
export async function runWaitPhase(deps: ApprovalDeps, event: WaitEvent): Promise<void> {
  const secrets = new Map<string, string>();
  let record = await taskOf(deps, event.taskId);
  if (await withdrawIfSuperseded(deps, record, event)) return;
  if (event.phase === 'escalate') {
    await deps.approvals.addApprovers(
      record.approvalId,
      approverEntries(record.escalationApprovers, 'e', 'escalation', secrets),
    );
    record = await taskOf(deps, event.taskId);
  }

  // Decided while no wait was registered, or by stored votes never counted: this wait gets it now.
  if (await settleAtWait(deps, record.approvalId, event.taskToken, event.phase, actor)) return;

  const base = auditBase(record, event.executionArn);
  if (event.phase === 'request') {
    await changeStatus(
      { documents: deps.documents, audit: deps.audit },
      {
        documentId: record.documentId,
        to: 'AWAITING_APPROVAL',
        step: record.step,
        actor,
        versions: base.versions,
        executionArn: event.executionArn,
      },
    );
  }
  const notified = await notify(deps, record, event.phase, secrets);
  const type = { request: 'APPROVAL_REQUESTED', remind: 'APPROVAL_REMINDED', escalate: 'APPROVAL_ESCALATED' }[
    event.phase
  ];
  await deps.audit.append(
    {
      ...base,
      type,
      details: {
        approvalId: record.approvalId,
        notified: notified.sent,
        ...(notified.unconfirmed.length > 0 ? { unconfirmed: notified.unconfirmed } : {}),
        ...(notified.remindedEarly.length > 0 ? { remindedEarly: notified.remindedEarly } : {}),
        requiredApprovals: record.requiredApprovals,
        deadlineAt: record.deadlineAt,
      },
    },
    // A phase run again (a retried or resumed wait) records its requests once.
    { idempotencyKey: `${record.approvalId}/${event.phase}` },
  );
}
