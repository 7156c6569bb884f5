import { describe, expect, it } from 'vitest';
import {
  failedStep,
  type RecordFailureDeps,
  recordFailure,
} from '../../../../lambdas/platform/record-failure/record-failure.ts';
import type { WorkflowState } from '../../../../lambdas/platform/shared/workflow.ts';
import {
  approvalRequirement,
  documentId,
  documentRecord,
  executionArn,
  rules,
  workflowState,
} from '../shared/support/builders.ts';
import { MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

const approved = {
  approvalId: 'a',
  decision: 'approved' as const,
  votes: [],
  decidedAt: '2025-03-01T10:00:00.000Z',
};
const noApprovalNeeded = rules({ approval: approvalRequirement({ required: false }) });

describe('failedStep', () => {
  it.each<[string, Partial<WorkflowState>, string]>([
    ['nothing extracted', { extraction: undefined, score: undefined, rules: undefined }, 'extract'],
    [
      'a rejected input',
      {
        extraction: undefined,
        score: undefined,
        rules: undefined,
        rejection: { Error: 'Tower.InputRejected' },
      },
      'quarantine',
    ],
    ['nothing scored', { score: undefined, rules: undefined }, 'score'],
    ['no rules applied', { rules: undefined }, 'rules'],
    ['an approval required and not decided', {}, 'approval'],
    ['an approval decided', { approval: approved }, 'finalize'],
    ['an approval rejected', { approvalRejection: { Error: 'Approval.Rejected' } }, 'finalize'],
    ['no approval required', { rules: noApprovalNeeded }, 'finalize'],
  ])('with %s, blames %s', (_name, overrides, step) => {
    expect(failedStep(workflowState(overrides))).toBe(step);
  });
});

function recorder() {
  const documents = new MemoryDocuments([documentRecord({ status: 'AWAITING_APPROVAL' })]);
  const audit = new MemoryAudit();
  const deps: RecordFailureDeps = { documents: documents.store, audit: audit.trail };
  return { deps, documents, audit };
}

const lambdaCause = (message: string) => JSON.stringify({ errorType: 'X', errorMessage: message });

describe('recordFailure', () => {
  it.each([
    ['Tower.Transient', 'transient'],
    ['States.Timeout', 'transient'],
    ['Lambda.ServiceException', 'transient'],
    ['Tower.Permanent', 'permanent'],
    ['States.TaskFailed', 'permanent'],
  ])('classes %s as %s and records FAILED', async (error, failureClass) => {
    // Prepare
    const f = recorder();
    const state = workflowState({ failure: { Error: error, Cause: lambdaCause('SES quota exceeded') } });

    // Act
    const outcome = await recordFailure(f.deps, { state, executionArn });

    // Assess
    expect(outcome).toEqual({ failureClass, failedStep: 'approval', error });
    expect(f.documents.peek(documentId)).toMatchObject({
      status: 'FAILED',
      failureClass,
      failedStep: 'approval',
      errorName: error,
      statusReason: `approval: ${error}: SES quota exceeded`,
    });
    expect(f.audit.ofType('FAILED')).toMatchObject([
      { decision: failureClass, rationale: [`approval failed with ${error}`, 'SES quota exceeded'] },
    ]);
  });

  it('records an unknown permanent failure when the state carries no error', async () => {
    const f = recorder();
    const outcome = await recordFailure(f.deps, { state: workflowState(), executionArn });
    expect(outcome).toEqual({ failureClass: 'permanent', failedStep: 'approval', error: 'Unknown' });
  });

  it('keeps at most 500 characters of the cause', async () => {
    // Prepare
    const f = recorder();
    const state = workflowState({ failure: { Error: 'Tower.Permanent', Cause: 'x'.repeat(2000) } });

    // Act
    await recordFailure(f.deps, { state, executionArn });

    // Assess
    expect(f.audit.ofType('FAILED')[0]?.rationale?.[1]).toHaveLength(500);
  });

  it('audits once across a retry', async () => {
    // Prepare
    const f = recorder();
    const event = { state: workflowState({ failure: { Error: 'Tower.Permanent' } }), executionArn };

    // Act
    await recordFailure(f.deps, event);
    await recordFailure(f.deps, event);

    // Assess
    expect(f.audit.ofType('FAILED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
    expect(f.documents.peek(documentId)?.status).toBe('FAILED');
  });
});
