import { PermanentError } from '../../shared/errors.ts';
import type { AuditEvent, AuditTrail } from '../../stores/audit.ts';
import type { TaskResultSender } from '../../workflows/task-results.ts';
import type { ApprovalRecord } from '../record.ts';
import type { ApprovalStore } from '../store.ts';

/** What a decision is: the side the votes (or the deadline's count of them) came down on. */
export type Decided = 'approved' | 'rejected';

/**
 * Where a task is in its life: pending → decided → delivered, or ended without a decision (expired at
 * its deadline, cancelled when withdrawn or when its execution ended). "Not applied" is no state: a
 * decided task whose wait was gone stays decided, audited DECISION_NOT_APPLIED once.
 */
export type TaskState = 'pending' | 'decided' | 'delivered' | 'expired' | 'cancelled';

/** Who did a transition, as the audit names it. */
export type Actor = AuditEvent['actor'];

/** The ports the lifecycle writes through: the task store, the audit trail, Step Functions, the clock. */
export interface LifecycleDeps {
  readonly approvals: ApprovalStore;
  readonly audit: AuditTrail;
  readonly sfn: TaskResultSender;
  readonly now: () => Date;
}

/** A task's state, read from its record: the one answer to "is this task decided?". */
export function stateOf(record: Pick<ApprovalRecord, 'status' | 'deliveredAt'>): TaskState {
  switch (record.status) {
    case 'PENDING':
      return 'pending';
    case 'EXPIRED':
      return 'expired';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return record.deliveredAt ? 'delivered' : 'decided';
  }
}

/** A decided task's decision; undefined while pending or ended without one. */
export function decisionOf(record: Pick<ApprovalRecord, 'status'>): Decided | undefined {
  if (record.status === 'APPROVED') return 'approved';
  if (record.status === 'REJECTED') return 'rejected';
  return undefined;
}

/** A task as stored now; one that does not exist is a permanent error (no phase can end it). */
export async function taskOf(
  deps: Pick<LifecycleDeps, 'approvals'>,
  approvalId: string,
): Promise<ApprovalRecord> {
  const record = await deps.approvals.get(approvalId);
  if (!record)
    throw new PermanentError(`Human task ${approvalId} does not exist; the prepare phase must run first`);
  return record;
}
