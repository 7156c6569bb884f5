import { describe, expect, it } from 'vitest';
import {
  type AfterFinish,
  type FinalizeDeps,
  finalize,
} from '../../../../lambdas/platform/finish/finalize.ts';
import type { FinishEvent } from '../../../../lambdas/platform/finish/result.ts';
import type { ApprovalOutcome, HumanTaskState } from '../../../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import {
  documentId,
  documentRecord,
  documentRef,
  executionArn,
  otherExecutionArn,
} from '../shared/support/builders.ts';
import { clock, MemoryAudit, MemoryDocuments, MemoryResultObjects } from '../shared/support/fakes.ts';

const resultKey = `results/invoice/${documentId}.json`;

function finalizer(options: { document?: DocumentRecord } = {}) {
  const audit = new MemoryAudit();
  const documents = new MemoryDocuments(
    [options.document ?? documentRecord({ status: 'AWAITING_APPROVAL' })],
    audit,
  );
  const objects = new MemoryResultObjects();
  const time = clock('2025-03-01T10:01:00.000Z');
  const deps: FinalizeDeps = {
    documents: documents.store,
    audit: audit.trail,
    results: objects,
    resultsPrefix: 'results/',
    now: time.now,
  };
  const body = () => objects.objects.get(resultKey)?.body;
  const result = () => JSON.parse(body() ?? 'null') as Record<string, unknown> | null;
  return { deps, documents, audit, objects, body, result, time };
}

const outcome = (decision: ApprovalOutcome['decision']): ApprovalOutcome => ({
  approvalId: 'approval-1',
  decision,
  votes: [],
  decidedAt: '2025-03-01T10:00:00.000Z',
});
const task = (result: HumanTaskState['outcome']): HumanTaskState => ({
  taskId: 'approval-1',
  timings: {
    reminderAfterSeconds: 1,
    remainingAfterReminderSeconds: 1,
    escalate: false,
    escalationSeconds: 1,
  },
  outcome: result,
});

function finishEvent(
  humanTasks: FinishEvent['humanTasks'] = {},
  overrides: Partial<FinishEvent> = {},
): FinishEvent {
  return {
    document: documentRef(),
    workflowVersion: 'invoice@2+0123abcd',
    executionArn,
    humanTasks,
    versions: { model: 'vendor-risk@2+abc', rules: 'invoice-rules@4' },
    ...overrides,
  };
}

describe('finalize', () => {
  it.each<[string, FinishEvent['humanTasks'], string, string]>([
    ['an approved document', { approval: task(outcome('approved')) }, 'COMPLETED', 'approved'],
    [
      'a document rejected by a task failure',
      { approval: task({ Error: 'Approval.Rejected', Cause: '{"votes":[]}' }) },
      'REJECTED',
      'rejected by the approvers',
    ],
    [
      'a document whose approval expired',
      { approval: task(outcome('expired')) },
      'REJECTED',
      'approval expired; rejected automatically',
    ],
    ['a document that needed no person', {}, 'COMPLETED', 'no approval required'],
    [
      'a document one of whose several tasks was rejected',
      { review: task(outcome('approved')), approval: task(outcome('rejected')) },
      'REJECTED',
      'rejected by the approvers',
    ],
  ])('ends %s, writing the result and the status', async (_name, humanTasks, status, reason) => {
    // Prepare
    const f = finalizer();

    // Act
    const ended = await finalize(f.deps, finishEvent(humanTasks));

    // Assess
    expect(ended).toEqual({ status, resultKey, finishedNow: true });
    expect(f.result()).toMatchObject({ status, reason });
    expect(f.documents.peek(documentId)).toMatchObject({ status, resultKey, statusReason: reason });
    expect(f.audit.ofType('FINALIZED')).toMatchObject([
      { decision: status, details: { resultKey, write: 'written' } },
    ]);
  });

  it("writes the process's result body with each task's outcome and the versions that decided", async () => {
    // Prepare
    const f = finalizer();
    const event = finishEvent({ approval: task({ Error: 'Approval.Rejected', Cause: '{"votes":[]}' }) });

    // Act
    await finalize(f.deps, event, { risk: { band: 'high' } });

    // Assess
    expect(f.result()).toEqual({
      documentId,
      process: 'invoice',
      status: 'REJECTED',
      reason: 'rejected by the approvers',
      source: { bucket: 'tower-data', key: 'invoices/acme-0107.pdf' },
      risk: { band: 'high' },
      humanTasks: { approval: { decision: 'rejected', detail: { votes: [] } } },
      versions: { workflow: 'invoice@2+0123abcd', model: 'vendor-risk@2+abc', rules: 'invoice-rules@4' },
      executionArn,
      finalizedAt: '2025-03-01T10:01:00.000Z',
    });
  });

  it("runs the process's own effect once the result is written, with the verdict", async () => {
    // Prepare
    const f = finalizer();
    const seen: string[] = [];
    const after: AfterFinish = async (verdict) => {
      seen.push(`${verdict.status} after ${f.objects.objects.size} result`);
    };

    // Act
    await finalize(f.deps, finishEvent({ approval: task(outcome('approved')) }), {}, after);

    // Assess
    expect(seen).toEqual(['COMPLETED after 1 result']);
  });

  it('writes nothing for a stale execution that no longer owns the document', async () => {
    // Prepare
    const f = finalizer({
      document: documentRecord({ status: 'AWAITING_APPROVAL', ownerExecution: otherExecutionArn }),
    });
    const effects: string[] = [];

    // Act
    const ended = await finalize(
      f.deps,
      finishEvent({ approval: task(outcome('approved')) }),
      {},
      async () => {
        effects.push('ran');
      },
    );

    // Assess
    expect(ended).toEqual({ status: 'STALE', finishedNow: false });
    expect(f.objects.puts).toBe(0);
    expect(effects).toEqual([]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'AWAITING_APPROVAL', revision: 3 });
    expect(f.audit.types()).toEqual(['STALE_EXECUTION_IGNORED']);
  });

  it('writes nothing again when run after it already ended the document, and returns what it recorded', async () => {
    // Prepare
    const f = finalizer();
    const event = finishEvent({ approval: task(outcome('approved')) });
    await finalize(f.deps, event);
    const written = f.body();
    const before = {
      puts: f.objects.puts,
      audit: f.audit.records.length,
      record: f.documents.peek(documentId),
    };
    const effects: string[] = [];

    // Act
    const again = await finalize(f.deps, event, {}, async () => {
      effects.push('ran');
    });

    // Assess
    expect(again).toEqual({ status: 'COMPLETED', resultKey, finishedNow: false });
    expect(f.objects.puts).toBe(before.puts);
    expect(f.body()).toBe(written);
    expect(effects).toEqual([]);
    expect(f.documents.peek(documentId)).toEqual(before.record);
    expect(f.audit.records).toHaveLength(before.audit);
    expect(f.audit.ofType('FINALIZED')).toHaveLength(1);
  });

  it('finds its own result by hash when re-run after a crash between the result write and the status', async () => {
    // Prepare
    const f = finalizer();
    const event = finishEvent({ approval: task(outcome('approved')) });
    await expect(
      finalize(f.deps, event, {}, async () => {
        throw new Error('runtime killed');
      }),
    ).rejects.toThrow('runtime killed');
    const written = f.body();
    f.time.advance(60_000);

    // Act
    const again = await finalize(f.deps, event);

    // Assess
    expect(again).toEqual({ status: 'COMPLETED', resultKey, finishedNow: true });
    expect(f.objects.puts).toBe(1);
    expect(f.body()).toBe(written);
    expect(f.result()).toMatchObject({ finalizedAt: '2025-03-01T10:01:00.000Z' });
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'COMPLETED', resultKey });
    expect(f.audit.ofType('FINALIZED')).toMatchObject([{ details: { write: 'found' } }]);
  });

  it('writes the final move and FINALIZED as one write; a re-run finds both and writes nothing', async () => {
    // Prepare
    const f = finalizer();
    const event = finishEvent({ approval: task(outcome('approved')) });
    await finalize(f.deps, event);
    const written = f.audit.types().length;

    // Act
    const again = await finalize(f.deps, event);
    await finalize(f.deps, event);

    // Assess
    expect(again).toEqual({ status: 'COMPLETED', resultKey, finishedNow: false });
    expect(f.objects.puts).toBe(1);
    expect(f.audit.types()).toHaveLength(written);
    const [move, finalized] = [f.audit.ofType('STATUS_CHANGED')[0], f.audit.ofType('FINALIZED')[0]];
    expect(move).toMatchObject({
      decision: 'COMPLETED',
      details: { from: 'AWAITING_APPROVAL', to: 'COMPLETED' },
    });
    expect(finalized).toMatchObject({ decision: 'COMPLETED', details: { resultKey, write: 'written' } });
    // Adjacent links of the document's chain: the move, then FINALIZED after it.
    expect(finalized?.seq).toBe((move?.seq ?? 0) + 1);
    expect(finalized?.prevHash).toBe(move?.hash);
    expect(f.documents.peek(documentId)?.revision).toBe(
      documentRecord({ status: 'AWAITING_APPROVAL' }).revision + 1,
    );
  });

  it('replaces a result left by an execution that no longer owns the document, only if unchanged', async () => {
    // Prepare
    const f = finalizer();
    f.objects.put(resultKey, JSON.stringify({ executionArn: otherExecutionArn, status: 'REJECTED' }));

    // Act
    const ended = await finalize(f.deps, finishEvent({ approval: task(outcome('approved')) }));

    // Assess
    expect(ended.status).toBe('COMPLETED');
    expect(f.result()).toMatchObject({ status: 'COMPLETED', executionArn });
    expect(f.audit.ofType('FINALIZED')).toMatchObject([{ details: { write: 'replaced' } }]);
  });

  it('fails transiently, changing nothing, when the foreign result changes while it is replaced', async () => {
    // Prepare
    const f = finalizer();
    f.objects.put(resultKey, '{"from":"elsewhere"}');
    f.objects.beforeReplace = (key) => f.objects.put(key, '{"from":"a concurrent writer"}');

    // Act
    const attempt = finalize(f.deps, finishEvent());

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'Tower.Transient' });
    expect(f.body()).toBe('{"from":"a concurrent writer"}');
    expect(f.documents.peek(documentId)?.status).toBe('AWAITING_APPROVAL');
  });

  it.each(['COMPENSATED', 'FAILED', 'REJECTED_INPUT'] as const)(
    'writes nothing for a document that already ended %s',
    async (status) => {
      // Prepare
      const f = finalizer({ document: documentRecord({ status }) });
      const effects: string[] = [];

      // Act
      const ended = await finalize(f.deps, finishEvent(), {}, async () => {
        effects.push('ran');
      });

      // Assess
      expect(ended).toEqual({ status: 'ENDED', finishedNow: false });
      expect(f.objects.puts).toBe(0);
      expect(effects).toEqual([]);
      expect(f.audit.records).toEqual([]);
    },
  );

  it('records the versions that decided in every event', async () => {
    const f = finalizer();
    await finalize(f.deps, finishEvent());
    for (const event of f.audit.records) {
      expect(event.versions).toEqual({
        workflow: 'invoice@2+0123abcd',
        model: 'vendor-risk@2+abc',
        rules: 'invoice-rules@4',
      });
    }
  });
});
