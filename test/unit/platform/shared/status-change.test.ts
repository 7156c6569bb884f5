import { describe, expect, it } from 'vitest';
import { changeStatus, type StatusChange } from '../../../../lambdas/platform/shared/status-change.ts';
import type { AppendOptions, AuditEvent } from '../../../../lambdas/platform/stores/audit.ts';
import { verifyChain } from '../../../../lambdas/platform/stores/audit-chain.ts';
import { documentId, documentRecord, executionArn, otherExecutionArn } from './support/builders.ts';
import { MemoryAudit, MemoryDocuments } from './support/fakes.ts';

/** A trail whose next write fails, as a write DynamoDB never applied (the writer killed before it). */
class FailingAudit extends MemoryAudit {
  failNext = false;

  override link(documentId: string, events: readonly AuditEvent[], options?: AppendOptions) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the environment exited');
    }
    return super.link(documentId, events, options);
  }
}

const change = (to: StatusChange['to'], step: string, at: string, writer = executionArn): StatusChange => ({
  documentId,
  to,
  step,
  actor: { kind: 'system', id: step },
  versions: { workflow: 'invoice@1' },
  executionArn: writer,
  now: new Date(at),
});

function setup() {
  const audit = new FailingAudit();
  const documents = new MemoryDocuments(
    [documentRecord({ status: 'QUEUED', ownerExecution: executionArn })],
    audit,
  );
  return { documents, audit, stores: { documents: documents.store, audit: audit.trail } };
}

const moves = (audit: MemoryAudit) =>
  audit.ofType('STATUS_CHANGED').map((e) => ({ step: e.step, details: e.details, at: e.at }));
const revision = documentRecord().revision;

describe('changeStatus', () => {
  it('audits each move in the same write, naming where it came from and the revision it made', async () => {
    // Prepare
    const { audit, documents, stores } = setup();

    // Act
    await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z'));
    await changeStatus(stores, change('COMPLETED', 'finalize', '2026-01-01T00:00:09.000Z'));

    // Assess
    expect(moves(audit)).toEqual([
      {
        step: 'intake',
        details: { from: 'QUEUED', to: 'EXECUTING', revision: revision + 1 },
        at: '2026-01-01T00:00:01.000Z',
      },
      {
        step: 'finalize',
        details: { from: 'EXECUTING', to: 'COMPLETED', revision: revision + 2 },
        at: '2026-01-01T00:00:09.000Z',
      },
    ]);
    expect(verifyChain(await audit.list(documentId), await audit.head(documentId))).toEqual({
      verified: 2,
      unchained: 0,
    });
    expect(documents.peek(documentId)).toMatchObject({ status: 'COMPLETED', auditSeq: 2 });
  });

  it('leaves neither the move nor its event when the write fails, and the retry makes both once', async () => {
    // Prepare
    const { audit, documents, stores } = setup();
    audit.failNext = true;

    // Act
    const failed = changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z'));
    await expect(failed).rejects.toThrow('exited');
    const unchanged = documents.peek(documentId);
    const retried = await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:05.000Z'));

    // Assess
    expect(unchanged).toMatchObject({ status: 'QUEUED', revision });
    expect(retried.applied).toBe(true);
    expect(moves(audit).map((m) => m.at)).toEqual(['2026-01-01T00:00:05.000Z']);
  });

  it('lets a retried step find its own move made: it writes nothing, neither a second event nor a refusal', async () => {
    // Prepare
    const { audit, documents, stores } = setup();
    await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z'));

    // Act
    const retried = await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:05.000Z'));

    // Assess
    expect(retried.applied).toBe(false);
    expect(audit.types()).toEqual(['STATUS_CHANGED']);
    expect(documents.peek(documentId)?.revision).toBe(revision + 1);
  });

  it('audits a refused move as refused, once across retries, and moves nothing', async () => {
    // Prepare
    const { audit, documents, stores } = setup();
    const stale = change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z', otherExecutionArn);

    // Act
    const refused = await changeStatus(stores, stale);
    await changeStatus(stores, stale);

    // Assess
    expect(refused.applied).toBe(false);
    expect(audit.ofType('STATUS_CHANGE_REFUSED')).toMatchObject([
      {
        decision: 'EXECUTING',
        rationale: ['current status QUEUED does not allow EXECUTING from this writer'],
      },
    ]);
    expect(audit.ofType('STATUS_CHANGED')).toEqual([]);
    expect(documents.peek(documentId)?.status).toBe('QUEUED');
  });

  it('writes the events that record the same change right after the move, and none when it is refused', async () => {
    // Prepare
    const { audit, stores } = setup();
    const note = (type: string): AuditEvent => ({
      documentId,
      step: 'failure',
      type,
      actor: { kind: 'system', id: 'test' },
      versions: {},
    });

    // Act
    await changeStatus(stores, {
      ...change('FAILED', 'failure', '2026-01-01T00:00:01.000Z'),
      with: [note('FAILED')],
    });
    await changeStatus(stores, {
      ...change('EXECUTING', 'operator', '2026-01-01T00:00:02.000Z'),
      with: (move) => [{ ...note('OPERATOR_REDRIVE'), details: { from: move.from } }],
    });
    await changeStatus(stores, {
      ...change('QUEUED', 'late', '2026-01-01T00:00:04.000Z', otherExecutionArn),
      with: [note('NEVER')],
    });

    // Assess
    expect(audit.types()).toEqual([
      'STATUS_CHANGED',
      'FAILED',
      'STATUS_CHANGED',
      'OPERATOR_REDRIVE',
      'STATUS_CHANGE_REFUSED',
    ]);
    expect(audit.ofType('OPERATOR_REDRIVE')[0]?.details).toEqual({ from: 'FAILED' });
  });
});
