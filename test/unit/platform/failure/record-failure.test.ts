import { describe, expect, it } from 'vitest';
import {
  type RecordFailureDeps,
  type RecordFailureEvent,
  recordFailure,
} from '../../../../lambdas/platform/failure/record-failure.ts';
import { documentId, documentRecord, documentRef, executionArn } from '../shared/support/builders.ts';
import { MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

function recorder() {
  const audit = new MemoryAudit();
  const documents = new MemoryDocuments([documentRecord({ status: 'AWAITING_APPROVAL' })], audit);
  const deps: RecordFailureDeps = { documents: documents.store, audit: audit.trail };
  return { deps, documents, audit };
}

const lambdaCause = (message: string) => JSON.stringify({ errorType: 'X', errorMessage: message });

/** What the RecordFailure Task hands over: the step named by the `<Step>Failed` state that led there. */
const failed = (failure: RecordFailureEvent['failure'], failedStep = 'approval'): RecordFailureEvent => ({
  document: documentRef(),
  workflowVersion: 'invoice@2+0123abcd',
  executionArn,
  failedStep,
  failure,
});

describe('recordFailure', () => {
  it.each([
    ['Tower.Transient', 'transient'],
    ['States.Timeout', 'transient'],
    ['Lambda.ServiceException', 'transient'],
    ['Tower.Permanent', 'permanent'],
    ['States.TaskFailed', 'permanent'],
  ])('classes %s as %s and records FAILED with the step the ASL named', async (error, failureClass) => {
    // Prepare
    const f = recorder();

    // Act
    const outcome = await recordFailure(
      f.deps,
      failed({ Error: error, Cause: lambdaCause('SES quota exceeded') }),
    );

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

  it.each(['extract', 'score', 'rules', 'finalize', 'quarantine'])(
    'records whichever step the state machine names (%s), whatever the state holds',
    async (step) => {
      const f = recorder();
      const outcome = await recordFailure(f.deps, failed({ Error: 'Tower.Permanent' }, step));
      expect(outcome.failedStep).toBe(step);
      expect(f.documents.peek(documentId)?.failedStep).toBe(step);
    },
  );

  it('keeps at most 500 characters of the cause', async () => {
    // Prepare
    const f = recorder();

    // Act
    await recordFailure(f.deps, failed({ Error: 'Tower.Permanent', Cause: 'x'.repeat(2000) }));

    // Assess
    expect(f.audit.ofType('FAILED')[0]?.rationale?.[1]).toHaveLength(500);
  });

  it('audits once across a retry', async () => {
    // Prepare
    const f = recorder();
    const event = failed({ Error: 'Tower.Permanent' });

    // Act
    await recordFailure(f.deps, event);
    await recordFailure(f.deps, event);

    // Assess
    expect(f.audit.ofType('FAILED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
    expect(f.documents.peek(documentId)?.status).toBe('FAILED');
  });
});
