import { describe, expect, it } from 'vitest';
import {
  type AfterFinish,
  type FinalizeDeps,
  finalize,
} from '../../../../lambdas/platform/finalize/finalize.ts';
import type { FinishEvent } from '../../../../lambdas/platform/finalize/result.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/shared/documents.ts';
import type { ApprovalOutcome, HumanTaskState } from '../../../../lambdas/platform/shared/workflow.ts';
import {
  documentId,
  documentRecord,
  documentRef,
  executionArn,
  otherExecutionArn,
} from '../shared/support/builders.ts';
import { clock, MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

const resultKey = `results/invoice/${documentId}.json`;

function finalizer(options: { document?: DocumentRecord } = {}) {
  const documents = new MemoryDocuments([
    options.document ?? documentRecord({ status: 'AWAITING_APPROVAL' }),
  ]);
  const audit = new MemoryAudit();
  const results = new Map<string, string>();
  const deps: FinalizeDeps = {
    documents: documents.store,
    audit: audit.trail,
    writeResult: async (key, body) => {
      results.set(key, body);
    },
    resultsPrefix: 'results/',
    now: clock('2025-03-01T10:01:00.000Z').now,
  };
  const result = () => JSON.parse(results.get(resultKey) ?? 'null') as Record<string, unknown> | null;
  return { deps, documents, audit, results, result };
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
    expect(ended).toEqual({ status, resultKey });
    expect(f.result()).toMatchObject({ status, reason });
    expect(f.documents.peek(documentId)).toMatchObject({ status, resultKey, statusReason: reason });
    expect(f.audit.ofType('FINALIZED')).toMatchObject([
      { decision: status, details: { resultKey, applied: true } },
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
      seen.push(`${verdict.status} after ${f.results.size} result`);
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
    expect(ended).toEqual({ status: 'STALE' });
    expect(f.results.size).toBe(0);
    expect(effects).toEqual([]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'AWAITING_APPROVAL', revision: 3 });
    expect(f.audit.types()).toEqual(['STALE_EXECUTION_IGNORED']);
  });

  it('writes nothing again when run after it already ended the document, and returns what it recorded', async () => {
    // Prepare
    const f = finalizer();
    const event = finishEvent({ approval: task(outcome('approved')) });
    await finalize(f.deps, event);
    const written = f.results.get(resultKey);
    const effects: string[] = [];

    // Act
    const again = await finalize(f.deps, event, {}, async () => {
      effects.push('ran');
    });

    // Assess
    expect(again).toEqual({ status: 'COMPLETED', resultKey });
    expect(f.results.get(resultKey)).toBe(written);
    expect(effects).toEqual([]);
    expect(f.documents.peek(documentId)?.status).toBe('COMPLETED');
    expect(f.audit.ofType('FINALIZED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGE_REFUSED')).toEqual([]);
  });

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
