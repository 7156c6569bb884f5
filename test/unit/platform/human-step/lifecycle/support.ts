import type { LifecycleDeps } from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import type { ApprovalRecord, StoredVote } from '../../../../../lambdas/platform/human-step/record.ts';
import { approvalRecord } from '../../shared/support/builders.ts';
import { clock, fakeSfn, MemoryApprovals } from '../../shared/support/fakes.ts';

/** The lifecycle's ports, faked, around one stored task (pending, two approvers, one approval needed, veto). */
export function lifecycle(
  overrides: Partial<ApprovalRecord> = {},
  refuse?: (taskToken: string) => string | undefined,
) {
  const time = clock('2025-03-01T10:00:00.000Z');
  const seeded = approvalRecord(overrides);
  const approvals = new MemoryApprovals([seeded]);
  const sfn = fakeSfn(refuse);
  const deps: LifecycleDeps = {
    approvals: approvals.store,
    audit: approvals.audit.trail,
    sfn: sfn.client,
    now: time.now,
  };
  const record = () => approvals.peek(seeded.approvalId) as ApprovalRecord;
  return { deps, approvals, audit: approvals.audit, sfn, time, record, seeded };
}

/** A vote as the approval page stores it. */
export function ballot(approver: string, decision: 'approve' | 'reject'): StoredVote {
  return {
    approver,
    decision,
    choice: decision,
    at: '2025-03-01T09:59:00.000Z',
    clientIp: '198.51.100.7',
    userAgent: 'test',
    summaryHash: 'e'.repeat(64),
  };
}

export const deliverer = { kind: 'system', id: 'inbox-api' } as const;
