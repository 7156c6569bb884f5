import type { AuditEvent } from '../../stores/audit.ts';
import type { ApprovalRecord } from '../record.ts';
import { type LifecycleDeps, stateOf } from './state.ts';

/**
 * pending → cancelled when the execution ended without reaching its end (no wait is left to hand back
 * to). One write with its event; false when the task had already ended.
 */
export async function cancelTask(
  deps: Pick<LifecycleDeps, 'approvals'>,
  task: ApprovalRecord,
  at: string,
  cancelled: AuditEvent,
): Promise<boolean> {
  if (stateOf(task) !== 'pending') return false;
  return deps.approvals.finish(task.approvalId, 'CANCELLED', { at, events: [cancelled] });
}
