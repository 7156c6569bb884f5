import { describe, expect, it } from 'vitest';
import { prepare } from '../../../../../lambdas/platform/human-step/request-approval/prepare.ts';
import { runWaitPhase } from '../../../../../lambdas/platform/human-step/request-approval/wait.ts';
import { documentId, executionArn } from '../../shared/support/builders.ts';
import { ending } from '../../shared/support/fakes.ts';
import { approvalDeps, approvalId, prepared, requested, vote, wait } from './support.ts';

describe('runWaitPhase: an execution that does not own its document', () => {
  // A stale duplicate started by hand after the owner had the invoice approved and completed.
  const owner = executionArn.replace(/invoice-/, 'invoice-owner-');

  it('asks no one, cancels its task and ends the wait on the rejection path, also when retried', async () => {
    // Prepare
    const f = approvalDeps({ document: { status: 'COMPLETED', ownerExecution: owner, revision: 6 } });
    await prepare(f.deps, prepared());

    // Act
    await runWaitPhase(f.deps, wait('request', 'token-1'));
    await runWaitPhase(f.deps, wait('request', 'token-1b'));

    // Assess
    expect(f.mail.sent).toEqual([]);
    expect(f.record().status).toBe('CANCELLED');
    expect(f.audit.ofType('APPROVAL_REQUESTED')).toEqual([]);
    expect(f.audit.ofType('APPROVAL_CANCELLED')).toMatchObject([
      { executionArn, decision: 'cancelled', details: { approvalId, phase: 'request' } },
    ]);
    expect(f.audit.ofType('STATUS_CHANGED')).toEqual([]);
    expect(f.sfn.results).toMatchObject([
      { kind: 'failure', taskToken: 'token-1', error: 'Approval.Rejected', cause: { approvalId, votes: [] } },
      { kind: 'failure', taskToken: 'token-1b', error: 'Approval.Rejected' },
    ]);
    expect(await f.documents.store.get(documentId)).toMatchObject({
      status: 'COMPLETED',
      ownerExecution: owner,
      revision: 6,
    });
  });

  it('delivers a decision made before it lost the document, and emails no one', async () => {
    // Prepare: approved under this execution, then another execution took the document over.
    const f = approvalDeps();
    await requested(f);
    await vote(f, 'a1', 'approve');
    await f.approvals.finish(
      approvalId,
      'APPROVED',
      ending('APPROVAL_DECIDED', f.time.now().toISOString(), ['ann@example.com']),
    );
    const sentBefore = f.mail.sent.length;
    await f.documents.store.transition(documentId, 'EXECUTING', {
      executionArn: owner,
      claimOwnership: true,
      events: () => [],
    });

    // Act
    await runWaitPhase(f.deps, wait('remind', 'token-2'));

    // Assess
    expect(f.sfn.results).toMatchObject([{ kind: 'success', taskToken: 'token-2' }]);
    expect(f.mail.sent).toHaveLength(sentBefore);
    expect(f.record().status).toBe('APPROVED');
  });
});
