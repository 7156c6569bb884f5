import { describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../../../../lambdas/platform/human-step/record.ts';
import type { ExecutionStatusChange } from '../../../../lambdas/platform/settlement/event.ts';
import { type SettleDeps, settleEndedExecution } from '../../../../lambdas/platform/settlement/settle.ts';
import type { DocumentStatus } from '../../../../lambdas/platform/shared/status.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import {
  approvalRecord,
  documentId,
  documentRecord,
  executionArn,
  stateMachineArn,
} from '../shared/support/builders.ts';
import { clock, MemoryApprovals, MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

type Status = ExecutionStatusChange['detail']['status'];

function ended(status: Status, extra: Partial<ExecutionStatusChange['detail']> = {}): ExecutionStatusChange {
  return {
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    detail: {
      executionArn,
      stateMachineArn,
      name: `invoice-${documentId}`,
      status,
      input: JSON.stringify({ document: { documentId }, workflowVersion: 'invoice@1+0123abcd' }),
      ...extra,
    },
  };
}

function settler(
  options: {
    document?: DocumentRecord | null;
    approval?: ApprovalRecord | null;
    currentStatus?: string;
  } = {},
) {
  const audit = new MemoryAudit();
  const documents = new MemoryDocuments(
    options.document === null ? [] : [options.document ?? documentRecord({ status: 'AWAITING_APPROVAL' })],
    audit,
  );
  const approvals = new MemoryApprovals(
    options.approval === null ? [] : [options.approval ?? approvalRecord()],
    audit,
  );
  const described: string[] = [];
  const deps: SettleDeps = {
    approvals: approvals.store,
    documents: documents.store,
    audit: audit.trail,
    now: clock('2025-03-01T11:00:00.000Z').now,
    executionStatus: async (arn) => {
      described.push(arn);
      return options.currentStatus;
    },
  };
  const approval = () => approvals.peek(approvalRecord().approvalId);
  return { deps, documents, approvals, audit, described, approval };
}

describe('settleEndedExecution', () => {
  it('compensates an aborted document and withdraws its approval', async () => {
    // Prepare
    const f = settler({ currentStatus: 'ABORTED' });

    // Act
    const outcome = await settleEndedExecution(f.deps, ended('ABORTED'));

    // Assess
    expect(outcome).toEqual({ settled: true, cancelled: true, status: 'COMPENSATED' });
    expect(f.documents.peek(documentId)).toMatchObject({
      status: 'COMPENSATED',
      statusReason: 'execution aborted',
    });
    expect(f.approval()).toMatchObject({ status: 'CANCELLED', decidedAt: '2025-03-01T11:00:00.000Z' });
    expect(f.audit.types()).toEqual(['APPROVAL_CANCELLED', 'STATUS_CHANGED']);
    expect(f.audit.records.every((e) => e.versions.workflow === 'invoice@1+0123abcd')).toBe(true);
  });

  it.each<[Status, string, string, string]>([
    ['FAILED', 'Tower.Transient', 'transient', 'Tower.Transient'],
    ['FAILED', 'States.Runtime', 'permanent', 'States.Runtime'],
    ['TIMED_OUT', '', 'transient', 'TIMED_OUT'],
  ])(
    'fails a document whose execution ended %s (%s) as %s',
    async (status, error, failureClass, errorName) => {
      // Prepare
      const f = settler({ currentStatus: status });

      // Act
      const outcome = await settleEndedExecution(
        f.deps,
        ended(status, { error: error || null, cause: error ? 'x'.repeat(300) : null }),
      );

      // Assess
      expect(outcome).toEqual({ settled: true, cancelled: true, status: 'FAILED' });
      expect(f.documents.peek(documentId)).toMatchObject({
        status: 'FAILED',
        failureClass,
        failedStep: 'workflow',
        errorName,
      });
      expect((f.documents.peek(documentId)?.statusReason ?? '').length).toBeLessThan(260);
    },
  );

  it.each<Status>(['RUNNING', 'SUCCEEDED', 'PENDING_REDRIVE'])('does nothing for %s', async (status) => {
    // Prepare
    const f = settler();

    // Act
    const outcome = await settleEndedExecution(f.deps, ended(status));

    // Assess
    expect(outcome).toEqual({ settled: false });
    expect(f.described).toEqual([]);
    expect(f.approval()?.status).toBe('PENDING');
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
  });

  it('does nothing for a late event about an execution that runs again (redriven)', async () => {
    // Prepare
    const f = settler({ currentStatus: 'RUNNING' });

    // Act
    const outcome = await settleEndedExecution(f.deps, ended('FAILED', { error: 'Tower.Permanent' }));

    // Assess
    expect(outcome).toEqual({ settled: false });
    expect(f.described).toEqual([executionArn]);
    expect(f.approval()?.status).toBe('PENDING');
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
    expect(f.audit.records).toEqual([]);
  });

  it.each<DocumentStatus>(['COMPLETED', 'REJECTED', 'REJECTED_INPUT', 'FAILED', 'COMPENSATED'])(
    'leaves a %s document untouched',
    async (status) => {
      // Prepare
      const f = settler({
        document: documentRecord({ status, revision: 9 }),
        approval: null,
        currentStatus: 'ABORTED',
      });

      // Act
      const outcome = await settleEndedExecution(f.deps, ended('ABORTED'));

      // Assess
      expect(outcome).toEqual({ settled: false, cancelled: false });
      expect(f.documents.peek(documentId)).toMatchObject({ status, revision: 9 });
      expect(f.audit.records).toEqual([]);
    },
  );

  it('settles a document that had no approval, cancelling nothing', async () => {
    // Prepare
    const f = settler({
      document: documentRecord({ status: 'EXECUTING' }),
      approval: null,
      currentStatus: 'ABORTED',
    });

    // Act
    const outcome = await settleEndedExecution(f.deps, ended('ABORTED'));

    // Assess
    expect(outcome).toEqual({ settled: true, cancelled: false, status: 'COMPENSATED' });
    expect(f.audit.ofType('APPROVAL_CANCELLED')).toEqual([]);
  });

  it('leaves a decided approval as decided', async () => {
    // Prepare
    const f = settler({
      approval: approvalRecord({ status: 'APPROVED', decidedAt: '2025-03-01T10:00:00.000Z' }),
      currentStatus: 'ABORTED',
    });

    // Act
    const outcome = await settleEndedExecution(f.deps, ended('ABORTED'));

    // Assess
    expect(outcome.cancelled).toBe(false);
    expect(f.approval()).toMatchObject({ status: 'APPROVED', decidedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('withdraws the approval even when the document cannot be identified', async () => {
    // Prepare
    const f = settler({ currentStatus: 'ABORTED' });

    // Act
    const outcome = await settleEndedExecution(f.deps, ended('ABORTED', { input: null, name: 'manual-run' }));

    // Assess
    expect(outcome).toEqual({ settled: false, cancelled: true });
    expect(f.approval()?.status).toBe('CANCELLED');
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
  });

  it('settles nothing for a document it has no record of', async () => {
    const f = settler({ document: null, currentStatus: 'ABORTED' });
    expect(await settleEndedExecution(f.deps, ended('ABORTED'))).toEqual({ settled: false, cancelled: true });
  });

  it('is idempotent when EventBridge delivers the event twice', async () => {
    // Prepare
    const f = settler({ currentStatus: 'ABORTED' });
    await settleEndedExecution(f.deps, ended('ABORTED'));

    // Act
    const again = await settleEndedExecution(f.deps, ended('ABORTED'));

    // Assess
    expect(again).toEqual({ settled: false, cancelled: false });
    expect(f.audit.types()).toEqual(['APPROVAL_CANCELLED', 'STATUS_CHANGED']);
  });
});
