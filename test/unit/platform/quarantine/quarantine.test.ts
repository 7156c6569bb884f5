import { describe, expect, it } from 'vitest';
import type { QuarantineObjects } from '../../../../lambdas/platform/quarantine/objects.ts';
import {
  type QuarantineDeps,
  type QuarantineEvent,
  quarantine,
  quarantineKey,
} from '../../../../lambdas/platform/quarantine/quarantine.ts';
import type { DocumentRef } from '../../../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import {
  documentId,
  documentRecord,
  documentRef,
  executionArn,
  otherExecutionArn,
} from '../shared/support/builders.ts';
import { clock, MemoryAudit, MemoryDocuments } from '../shared/support/fakes.ts';

const lambdaCause = (message: string) =>
  JSON.stringify({ errorType: 'Tower.InputRejected', errorMessage: message });
const targetKey = `quarantine/invoice/${documentId}/acme-0107.pdf`;

function quarantiner(
  document: DocumentRecord = documentRecord({ status: 'EXECUTING' }),
  originals: readonly string[] = [document.key],
) {
  const audit = new MemoryAudit();
  const documents = new MemoryDocuments([document], audit);
  const moves: { source: DocumentRef; targetKey: string; metadata: Record<string, string> }[] = [];
  // The bucket as S3 keeps it: the copy is create-only, the removal of a missing original a no-op.
  const bucket = new Map<string, Record<string, string>>(originals.map((k) => [k, {}]));
  const removals: string[] = [];
  const objects: QuarantineObjects = {
    copyOnce: async (source, target, metadata) => {
      if (bucket.has(target)) return 'found';
      if (!bucket.has(source.key)) throw new Error(`${source.key} is gone`);
      bucket.set(target, metadata);
      moves.push({ source, targetKey: target, metadata });
      return 'copied';
    },
    remove: async (source) => {
      if (bucket.delete(source.key)) removals.push(source.key);
    },
  };
  const deps: QuarantineDeps = {
    documents: documents.store,
    audit: audit.trail,
    objects,
    quarantinePrefix: 'quarantine/',
    now: clock().now,
  };
  return { deps, documents, audit, moves, bucket, removals };
}

const event = (cause: string | undefined, document: DocumentRef = documentRef()): QuarantineEvent => ({
  document,
  workflowVersion: 'invoice@1+0123abcd',
  executionArn,
  rejection: { Error: 'Tower.InputRejected', Cause: cause },
});

describe('quarantineKey', () => {
  it.each([
    ['invoices/acme-0107.pdf', `quarantine/invoice/${documentId}/acme-0107.pdf`],
    ['invoices/2025/03/scan 1.pdf', `quarantine/invoice/${documentId}/scan 1.pdf`],
    ['invoices/odd/', `quarantine/invoice/${documentId}/document`],
  ])('places %s under the process and document id', (key, expected) => {
    expect(quarantineKey('quarantine/', documentRef({ key }))).toBe(expected);
  });
});

describe('quarantine', () => {
  it('moves the document aside with its reason and ends it in REJECTED_INPUT', async () => {
    // Prepare
    const document = documentRef({ key: 'invoices/Q1 + Q2 ü.pdf' });
    const f = quarantiner(documentRecord({ status: 'EXECUTING' }), [document.key]);

    // Act
    const outcome = await quarantine(
      f.deps,
      event(lambdaCause('[encrypted] the PDF is password protected'), document),
    );

    // Assess
    const target = `quarantine/invoice/${documentId}/Q1 + Q2 ü.pdf`;
    expect(outcome).toEqual({ status: 'REJECTED_INPUT', reason: 'encrypted', quarantineKey: target });
    expect(f.moves).toEqual([
      {
        source: document,
        targetKey: target,
        metadata: {
          'rejection-reason': 'encrypted',
          'document-id': documentId,
          'original-key': 'invoices%2FQ1%20%2B%20Q2%20%C3%BC.pdf',
        },
      },
    ]);
    expect(f.documents.peek(documentId)).toMatchObject({
      status: 'REJECTED_INPUT',
      statusReason: '[encrypted] the PDF is password protected',
      quarantineKey: target,
      rejectionReason: 'encrypted',
    });
    expect(f.audit.ofType('QUARANTINED')).toMatchObject([
      {
        decision: 'encrypted',
        rationale: ['[encrypted] the PDF is password protected'],
        details: { to: target },
      },
    ]);
  });

  it.each([
    ['a Lambda error cause', lambdaCause('[too-many-pages] 40 pages'), 'too-many-pages'],
    ['a plain-text cause', '[empty] the file has no bytes', 'empty'],
    ['a cause without a reason', lambdaCause('something else'), 'unknown'],
    ['no cause', undefined, 'unknown'],
  ])('reads the reason from %s', async (_name, cause, reason) => {
    // Prepare
    const f = quarantiner();

    // Act
    const outcome = await quarantine(f.deps, event(cause));

    // Assess
    expect(outcome.reason).toBe(reason);
    expect(f.moves[0]?.metadata['rejection-reason']).toBe(reason);
  });

  it('does not move a document that is already quarantined', async () => {
    // Prepare
    const f = quarantiner(documentRecord({ status: 'REJECTED_INPUT', revision: 5 }));

    // Act
    const outcome = await quarantine(f.deps, event(lambdaCause('[corrupt] bad xref')));

    // Assess
    expect(outcome.quarantineKey).toBe(targetKey);
    expect(f.moves).toEqual([]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'REJECTED_INPUT', revision: 5 });
  });

  it('moves the document once and audits once across a retry', async () => {
    // Prepare
    const f = quarantiner();
    const rejected = event(lambdaCause('[corrupt] bad xref'));

    // Act
    await quarantine(f.deps, rejected);
    await quarantine(f.deps, rejected);

    // Assess
    expect(f.moves).toHaveLength(1);
    expect(f.audit.ofType('QUARANTINED')).toHaveLength(1);
    expect(f.audit.ofType('STATUS_CHANGED')).toHaveLength(1);
  });

  it("leaves another execution's document where it is and its status alone", async () => {
    // Prepare
    const f = quarantiner(documentRecord({ status: 'EXECUTING', ownerExecution: otherExecutionArn }));

    // Act
    await quarantine(f.deps, event(lambdaCause('[corrupt] bad xref')));

    // Assess
    expect(f.moves).toEqual([]);
    expect(f.documents.peek(documentId)?.status).toBe('EXECUTING');
    expect(f.audit.ofType('STATUS_CHANGE_REFUSED')).toHaveLength(1);
  });

  it.each([
    ['between the copy and the removal of the original', 'copy'],
    ['between the removal and the status', 'remove'],
  ])('copies once when re-run after a crash %s, and finishes the move', async (_name, cutAfter) => {
    // Prepare
    const f = quarantiner();
    const rejected = event(lambdaCause('[corrupt] bad xref'));
    const { remove } = f.deps.objects;
    const crashing: QuarantineDeps = {
      ...f.deps,
      objects: {
        copyOnce: async (...args) => {
          const copied = await f.deps.objects.copyOnce(...args);
          if (cutAfter === 'copy') throw new Error('runtime killed');
          return copied;
        },
        remove: async (source) => {
          await remove(source);
          throw new Error('runtime killed');
        },
      },
    };
    await expect(quarantine(crashing, rejected)).rejects.toThrow('runtime killed');

    // Act
    const outcome = await quarantine(f.deps, rejected);

    // Assess
    expect(outcome.status).toBe('REJECTED_INPUT');
    expect(f.moves).toHaveLength(1);
    expect(f.removals).toEqual(['invoices/acme-0107.pdf']);
    expect([...f.bucket.keys()]).toEqual([targetKey]);
    expect(f.audit.ofType('QUARANTINED')).toMatchObject([{ details: { copy: 'found' } }]);
  });

  it('writes nothing when re-run after it succeeded', async () => {
    // Prepare
    const f = quarantiner();
    const rejected = event(lambdaCause('[corrupt] bad xref'));
    await quarantine(f.deps, rejected);
    const before = { audit: f.audit.records.length, record: f.documents.peek(documentId) };

    // Act
    await quarantine(f.deps, rejected);

    // Assess
    expect(f.moves).toHaveLength(1);
    expect(f.removals).toHaveLength(1);
    expect(f.audit.records).toHaveLength(before.audit);
    expect(f.documents.peek(documentId)).toEqual(before.record);
  });
});
