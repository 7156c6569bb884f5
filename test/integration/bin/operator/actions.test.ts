import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CancelOutcome } from '../../../../bin/operator/cancel.ts';
import type { DlqRedrive, DlqReport } from '../../../../bin/operator/dlq.ts';
import type { RedriveOutcome } from '../../../../bin/operator/redrive.ts';
import { type Target, targetFromRuntime } from '../../../../bin/operator/target.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import { open } from '../../support/approval-page.ts';
import { startTestRuntime } from '../../support/runtime.ts';
import {
  eventually,
  largeInvoice,
  operatorId,
  smallInvoice,
  stalledDocument,
  tower,
  towerJson,
} from './support.ts';

type Started = Awaited<ReturnType<typeof startTestRuntime>>;
const person = { kind: 'person', id: operatorId };

describe('operator CLI: cancel, redrive and DLQ redrive', () => {
  let t: Started;
  let target: Target;
  beforeAll(async () => {
    t = await startTestRuntime({ clockScale: 0.01 });
    target = targetFromRuntime(t.runtime);
  });
  afterAll(async () => t?.runtime.stop());

  const operatorEvents = async (documentId: string, type: string) =>
    (await t.tools.audit(documentId)).filter((e) => e.type === type);

  it('cancels an invoice awaiting approval: its execution stops, it is COMPENSATED, its link answers 410', async () => {
    // Prepare
    const id = await t.tools.drop('invoice', 'cancel-me.pdf', await largeInvoice('operator-cancel'), {
      'submitted-by': 'carol@example.com',
    });
    await t.tools.waitForStatus(id, ['AWAITING_APPROVAL']);
    const [mail] = await t.tools.waitForApprovalLinks(
      (l) => l.to === 'alice@example.com' && l.subject.length > 0,
    );
    // Act
    const outcome = await towerJson<CancelOutcome>(target, 'cancel', id, '--reason', 'duplicate of INV-7');
    // Assess
    expect(outcome).toMatchObject({ action: 'stopped', status: 'COMPENSATED', settled: true });
    expect((await t.tools.document(id))?.status).toBe('COMPENSATED');
    expect(t.runtime.stepFunctions.store.get(outcome.executionArn ?? '')?.status).toBe('ABORTED');
    expect((await open(mail?.link ?? '')).status).toBe(410);
    const [cancel] = await operatorEvents(id, 'OPERATOR_CANCEL');
    expect(cancel).toMatchObject({ actor: person, step: 'operator', rationale: ['duplicate of INV-7'] });
  });

  it('settles a document with no running execution as COMPENSATED directly', async () => {
    // Prepare
    const id = await stalledDocument(t.runtime, 'stalled-cancel', new Date());
    // Act
    const outcome = await towerJson<CancelOutcome>(target, 'cancel', id, '--reason', 'starter lost it');
    // Assess
    expect(outcome).toMatchObject({ action: 'compensated', status: 'COMPENSATED' });
    const audit = await t.tools.audit(id);
    expect(audit.find((e) => e.type === 'STATUS_CHANGED')).toMatchObject({
      actor: person,
      decision: 'COMPENSATED',
      details: { from: 'RECEIVED', to: 'COMPENSATED' },
    });
    expect(audit.filter((e) => e.type === 'OPERATOR_CANCEL')).toHaveLength(1);
  });

  it('refuses to cancel a document that already ended, with exit 1', async () => {
    // Prepare
    const id = await t.tools.drop('invoice', 'done.pdf', await smallInvoice('operator-cancel-done'));
    await t.tools.waitForStatus(id, ['COMPLETED']);
    // Act
    const run = await tower(target, 'cancel', id, '--reason', 'too late');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already ended as COMPLETED');
    expect(await operatorEvents(id, 'OPERATOR_CANCEL')).toEqual([]);
  });

  it('redrives a permanent failure as a new execution that owns the document, and it completes', async () => {
    // Prepare
    t.runtime.faults.set([{ functionId: 'rules', kind: 'permanent' }]);
    const id = await t.tools.drop('invoice', 'fails.pdf', await smallInvoice('operator-redrive'));
    const failed = await t.tools.waitForStatus(id, ['FAILED', 'COMPLETED']);
    t.runtime.faults.set([]);
    expect(failed).toMatchObject({ status: 'FAILED', failedStep: 'rules' });
    // Act
    const outcome = await towerJson<RedriveOutcome>(target, 'redrive', id, '--reason', 'rules fixed in v2');
    const done = await t.tools.waitForEnd(id, ['COMPLETED', 'FAILED']);
    // Assess
    expect(outcome).toMatchObject({ mode: 'new-execution', previousExecution: failed.ownerExecution });
    expect(outcome.executionArn).toBe(`${failed.ownerExecution}-r1`);
    expect(done).toMatchObject({ status: 'COMPLETED', ownerExecution: outcome.executionArn });
    const audit = await t.tools.audit(id);
    const redriveAt = audit.findIndex((e) => e.type === 'OPERATOR_REDRIVE');
    expect(audit.filter((e) => e.type === 'OPERATOR_REDRIVE')).toHaveLength(1);
    expect(audit[redriveAt]).toMatchObject({ actor: person, rationale: ['rules fixed in v2'] });
    expect(audit.filter((e) => e.type === 'STATUS_CHANGE_REFUSED')).toEqual([]);
    const movesAfterFailure = audit
      .slice(audit.findIndex((e) => e.decision === 'FAILED' && e.type === 'STATUS_CHANGED') + 1)
      .filter((e): e is AuditRecord => e.type === 'STATUS_CHANGED');
    expect(movesAfterFailure.map((e) => e.decision)).toEqual(['QUEUED', 'EXECUTING', 'COMPLETED']);
    expect(new Set(movesAfterFailure.map((e) => e.executionArn))).toEqual(new Set([outcome.executionArn]));
    const executions = t.runtime.stepFunctions.store.list().filter((e) => e.name.includes(id));
    expect(executions.map((e) => e.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('refuses to redrive a document that is not FAILED, with exit 1', async () => {
    // Prepare
    const id = await t.tools.drop('invoice', 'fine.pdf', await smallInvoice('operator-redrive-fine'));
    await t.tools.waitForStatus(id, ['COMPLETED']);
    // Act
    const run = await tower(target, 'redrive', id, '--reason', 'just because');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('document is COMPLETED: only FAILED documents can be redriven');
    expect(await operatorEvents(id, 'OPERATOR_REDRIVE')).toEqual([]);
  });

  it('lists an intake event in the DLQ without consuming it, then redrives it and the document completes', async () => {
    // Prepare: the starter keeps failing, so SQS moves the file's S3 event to the intake DLQ.
    t.runtime.faults.set([{ functionId: 'start-execution', kind: 'permanent' }]);
    const id = await t.tools.drop('invoice', 'dead-lettered.pdf', await smallInvoice('operator-dlq'));
    const peek = () => towerJson<{ queues: DlqReport[] }>(target, 'dlq', '--queue', 'intake');
    const report = await eventually('the event in the intake DLQ', async () => {
      const [intake] = (await peek()).queues;
      return intake?.messages.length ? intake : undefined;
    });
    t.runtime.faults.set([]);
    // Assess the listing: the key is shown and the message stays
    expect(report.messages.map((m) => m.keys)).toEqual([
      [`s3://${t.runtime.names.bucket}/invoices/dead-lettered.pdf`],
    ]);
    expect((await peek()).queues[0]?.messages).toHaveLength(1);
    expect(await t.tools.document(id)).toBeUndefined();
    // Act
    const moved = await towerJson<DlqRedrive>(
      target,
      'redrive-dlq',
      '--queue',
      'intake',
      '--reason',
      'starter fixed',
    );
    // Assess
    expect(moved.moved).toHaveLength(1);
    expect(moved.failure).toBeUndefined();
    expect((await t.tools.waitForStatus(id, ['COMPLETED', 'FAILED'])).status).toBe('COMPLETED');
    expect((await peek()).queues[0]?.messages).toEqual([]);
    const [event] = await operatorEvents('queue#intake', 'OPERATOR_DLQ_REDRIVE');
    expect(event).toMatchObject({
      actor: person,
      rationale: ['starter fixed'],
      details: { queue: 'intake', keys: [`s3://${t.runtime.names.bucket}/invoices/dead-lettered.pdf`] },
    });
  });
});
