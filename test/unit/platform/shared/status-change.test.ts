import { describe, expect, it } from 'vitest';
import { changeStatus, type StatusChange } from '../../../../lambdas/platform/shared/status-change.ts';
import type { AppendOptions, AuditEvent } from '../../../../lambdas/platform/stores/audit.ts';
import { documentId, documentRecord, executionArn } from './support/builders.ts';
import { MemoryAudit, MemoryDocuments } from './support/fakes.ts';

/** An audit trail whose next append fails, as a writer killed between its move and its audit. */
class CutOffAudit extends MemoryAudit {
  cutNext = false;

  override async append(event: AuditEvent, options?: AppendOptions): Promise<boolean> {
    if (this.cutNext) {
      this.cutNext = false;
      throw new Error('the environment exited');
    }
    return super.append(event, options);
  }
}

const change = (to: StatusChange['to'], step: string, at: string): StatusChange => ({
  documentId,
  to,
  step,
  actor: { kind: 'system', id: step },
  versions: { workflow: 'invoice@1' },
  executionArn,
  now: new Date(at),
});

function setup() {
  const documents = new MemoryDocuments([documentRecord({ status: 'QUEUED', ownerExecution: executionArn })]);
  const audit = new CutOffAudit();
  return { documents, audit, stores: { documents: documents.store, audit: audit.trail } };
}

const moves = (audit: MemoryAudit) =>
  audit.ofType('STATUS_CHANGED').map((e) => ({ step: e.step, details: e.details, at: e.at }));

describe('changeStatus', () => {
  it('audits each move once', async () => {
    const { audit, stores } = setup();
    await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z'));
    await changeStatus(stores, change('COMPLETED', 'finalize', '2026-01-01T00:00:09.000Z'));
    expect(moves(audit)).toEqual([
      { step: 'intake', details: { from: 'QUEUED', to: 'EXECUTING' }, at: '2026-01-01T00:00:01.000Z' },
      { step: 'finalize', details: { from: 'EXECUTING', to: 'COMPLETED' }, at: '2026-01-01T00:00:09.000Z' },
    ]);
  });

  it('audits a move whose writer was cut off before auditing it when the next step moves the document', async () => {
    const { audit, stores } = setup();
    audit.cutNext = true;
    await expect(
      changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z')),
    ).rejects.toThrow('exited');
    expect(moves(audit)).toEqual([]);
    await changeStatus(stores, change('COMPLETED', 'finalize', '2026-01-01T00:00:09.000Z'));
    expect(moves(audit)).toEqual([
      { step: 'intake', details: { from: 'QUEUED', to: 'EXECUTING' }, at: '2026-01-01T00:00:01.000Z' },
      { step: 'finalize', details: { from: 'EXECUTING', to: 'COMPLETED' }, at: '2026-01-01T00:00:09.000Z' },
    ]);
  });

  it('audits a cut-off terminal move when a later writer is refused', async () => {
    const { audit, stores } = setup();
    await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z'));
    audit.cutNext = true;
    await expect(
      changeStatus(stores, change('COMPLETED', 'finalize', '2026-01-01T00:00:09.000Z')),
    ).rejects.toThrow();
    const refused = await changeStatus(stores, change('FAILED', 'failure', '2026-01-01T00:00:10.000Z'));
    expect(refused.applied).toBe(false);
    expect(moves(audit).map((m) => m.details)).toEqual([
      { from: 'QUEUED', to: 'EXECUTING' },
      { from: 'EXECUTING', to: 'COMPLETED' },
    ]);
    expect(audit.ofType('STATUS_CHANGE_REFUSED')).toHaveLength(1);
  });

  it('lets a retried step find its own move made and audit it once, without a refusal', async () => {
    const { documents, audit, stores } = setup();
    audit.cutNext = true;
    await expect(
      changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:01.000Z')),
    ).rejects.toThrow();
    const retried = await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:05.000Z'));
    await changeStatus(stores, change('EXECUTING', 'intake', '2026-01-01T00:00:06.000Z'));
    expect(retried.applied).toBe(false);
    expect(moves(audit)).toEqual([
      { step: 'intake', details: { from: 'QUEUED', to: 'EXECUTING' }, at: '2026-01-01T00:00:01.000Z' },
    ]);
    expect(audit.ofType('STATUS_CHANGE_REFUSED')).toEqual([]);
    expect(documents.peek(documentId)?.revision).toBe(documentRecord().revision + 1);
  });
});
