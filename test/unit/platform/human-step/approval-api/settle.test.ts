import { describe, expect, it } from 'vitest';
import { apiActor, settlementPage } from '../../../../../lambdas/platform/human-step/approval-api/settle.ts';
import { settleVotes } from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import type { ApprovalRecord, StoredVote } from '../../../../../lambdas/platform/human-step/record.ts';
import { approvalRecord, approver, secrets } from '../../shared/support/builders.ts';
import { MemoryApprovals } from '../../shared/support/fakes.ts';
import { approvalApi } from './support.ts';

const annVote: StoredVote = {
  approver: 'ann@example.com',
  decision: 'approve',
  at: '2025-03-01T09:59:00.000Z',
  clientIp: '198.51.100.7',
  userAgent: 'test',
  summaryHash: 'e'.repeat(64),
};

/** The approval as recordVote returned it: Ann's approval stored, still pending. */
function voted(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return approvalRecord({
    approvers: {
      a1: approver('ann@example.com', secrets.a1, { vote: annVote }),
      a2: approver('bob@example.com', secrets.a2),
    },
    ...overrides,
  });
}

function setup(stored: ApprovalRecord, refuse?: (token: string) => string | undefined) {
  const f = approvalApi({ approvals: new MemoryApprovals([stored]), refuse });
  /** The page after Ann's approval: the lifecycle settles the task, the approval API renders the result. */
  const settle = async (record: ApprovalRecord) =>
    settlementPage(
      await settleVotes(f.deps, record, { kind: 'person', id: 'ann@example.com' }, apiActor),
      'approve',
      record.request.title,
    );
  return { ...f, settle };
}

describe('settlementPage after settleVotes', () => {
  it('reports the approvals still needed while the quorum is not met', async () => {
    // Prepare
    const f = setup(voted({ requiredApprovals: 2 }));

    // Act
    const response = await f.settle(voted({ requiredApprovals: 2 }));

    // Assess
    expect(response.body).toContain('1 more approval is needed');
    expect(f.record().status).toBe('PENDING');
    expect(f.sfn.results).toEqual([]);
  });

  it('decides, audits and delivers once the quorum is met', async () => {
    // Prepare
    const f = setup(voted());

    // Act
    const response = await f.settle(voted());

    // Assess
    expect(response.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.record()).toMatchObject({
      status: 'APPROVED',
      decidedAt: '2025-03-01T10:00:00.000Z',
      decidedBy: ['ann@example.com'],
    });
    expect(f.audit.records).toMatchObject([
      { type: 'APPROVAL_DECIDED', decision: 'approved', actor: { kind: 'person', id: 'ann@example.com' } },
      { type: 'DECISION_DELIVERED', decision: 'approved', actor: { kind: 'system', id: 'approval-api' } },
    ]);
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-request' }]);
  });

  it('delivers nothing when another vote already ended the approval', async () => {
    // Prepare: Bob's rejection ended it while Ann's vote was being recorded.
    const f = setup(
      voted({ status: 'REJECTED', decidedBy: ['bob@example.com'], decidedAt: '2025-03-01T09:59:30.000Z' }),
    );

    // Act
    const response = await f.settle(voted());

    // Assess
    expect(response.body).toContain('already rejected by bob@example.com');
    expect(f.record().status).toBe('REJECTED');
    expect(f.sfn.results).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('says the decision was not applied when the workflow no longer waits', async () => {
    // Prepare
    const f = setup(voted(), () => 'TaskDoesNotExist');

    // Act
    const response = await f.settle(voted());

    // Assess
    expect(response.statusCode).toBe(409);
    expect(f.record().status).toBe('APPROVED');
    expect(f.audit.types()).toEqual(['APPROVAL_DECIDED', 'DECISION_NOT_APPLIED']);
  });

  it('follows the wait to its next phase when the first one timed out', async () => {
    // Prepare: the reminder phase registered a new token after Ann's page was read.
    const f = setup(voted({ taskToken: 'token-remind', phase: 'remind' }), (token) =>
      token === 'token-request' ? 'TaskTimedOut' : undefined,
    );

    // Act
    const response = await f.settle(voted({ taskToken: 'token-request' }));

    // Assess
    expect(response.body).toContain('<h1><bdi>Approved</bdi></h1>');
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-remind' }]);
  });

  it.each([
    ['the wait timed out and no next phase has registered', voted(), () => 'TaskTimedOut'],
    ['no wait is registered yet', voted({ taskToken: undefined }), () => undefined],
  ])('leaves the delivery to the next phase when %s', async (_name, record, refuse) => {
    // Prepare
    const f = setup(record, refuse);

    // Act
    const response = await f.settle(record);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The workflow will apply it within moments.');
    expect(f.record().status).toBe('APPROVED');
    expect(f.sfn.results).toEqual([]);
  });
});
