import { describe, expect, it } from 'vitest';
import { startDocument } from '../../../../../lambdas/platform/intake/start-execution/start-document.ts';
import { TransientError } from '../../../../../lambdas/platform/shared/errors.ts';
import { executionArnOf } from '../../../../../lambdas/platform/shared/execution-arn.ts';
import type { DocumentStatus } from '../../../../../lambdas/platform/shared/status.ts';
import { documentIdOf } from '../../../../../lambdas/platform/shared/workflow.ts';
import { contentSha256, documentId, documentRecord, stateMachineArn } from '../../shared/support/builders.ts';
import { created, starter } from './support.ts';

const name = `invoice-${documentId}`;
const arn = executionArnOf(stateMachineArn, name);

describe('startDocument', () => {
  it('makes the same bytes two documents in two processes, each idempotent within its own', async () => {
    // Prepare
    const f = starter({
      stateMachines: { invoice: stateMachineArn, review: `${stateMachineArn}-review` },
    });
    const deps = {
      ...f.deps,
      intakePrefixes: { invoice: 'invoices/', review: 'reviews/' },
      workflowVersions: { invoice: 'invoice@1+0123abcd', review: 'review@1+0' },
    };

    // Act
    const first = await startDocument(deps, created());
    const second = await startDocument(deps, {
      ...created(),
      key: 'reviews/acme-0107.pdf',
      eventIdentity: 'other',
    });
    const again = await startDocument(deps, {
      ...created(),
      key: 'reviews/copy.pdf',
      eventIdentity: 'third',
    });

    // Assess
    expect([first, second, again]).toEqual(['started', 'started', 'duplicate-document']);
    const [invoice, review] = f.starts.map((s) => s.input.document);
    expect(invoice?.documentId).toBe(documentIdOf('invoice', contentSha256));
    expect(review?.documentId).toBe(documentIdOf('review', contentSha256));
    expect(review?.contentSha256).toBe(contentSha256);
    expect(f.starts.map((s) => s.name)).toEqual([
      `invoice-${invoice?.documentId}`,
      `review-${review?.documentId}`,
    ]);
  });

  it('starts one execution for a document seen for the first time, with the stored input', async () => {
    // Prepare
    const f = starter({
      content: {
        sha256: contentSha256,
        size: 4096,
        contentType: 'application/pdf',
        submittedBy: 'clerk@example.com',
      },
    });

    // Act
    const outcome = await startDocument(f.deps, created());

    // Assess
    expect(outcome).toBe('started');
    expect(f.starts).toEqual([
      {
        stateMachineArn,
        name,
        input: {
          document: {
            documentId,
            process: 'invoice',
            contentSha256,
            bucket: 'tower-data',
            key: 'invoices/acme-0107.pdf',
            size: 4096,
            contentType: 'application/pdf',
            submittedBy: 'clerk@example.com',
            receivedAt: '2025-03-01T09:00:00.000Z',
          },
          workflowVersion: 'invoice@1+0123abcd',
          humanTasks: {},
        },
      },
    ]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'EXECUTING', ownerExecution: arn });
    expect(f.audit.types()).toEqual(['DOCUMENT_RECEIVED', 'STATUS_CHANGED', 'STATUS_CHANGED']);
    expect(f.audit.ofType('STATUS_CHANGED').map((e) => e.decision)).toEqual(['QUEUED', 'EXECUTING']);
  });

  it.each([
    ['the uploaded metadata', 'clerk@example.com', 'clerk@example.com'],
    ['the uploading principal when there is no metadata', undefined, 'AWS:AIDAUPLOADER'],
  ])('takes the submitter from %s', async (_name, submittedBy, expected) => {
    // Prepare
    const f = starter({ content: { sha256: contentSha256, size: 1, submittedBy } });

    // Act
    await startDocument(f.deps, created());

    // Assess
    expect(f.starts[0]?.input.document.submittedBy).toBe(expected);
    expect(f.documents.peek(documentId)?.submittedBy).toBe(expected);
  });

  it('does nothing for an event it has already handled', async () => {
    // Prepare
    const f = starter();
    await startDocument(f.deps, created());

    // Act
    const outcome = await startDocument(f.deps, created());

    // Assess
    expect(outcome).toBe('duplicate-event');
    expect(f.starts).toHaveLength(1);
    expect(f.reads).toHaveLength(1);
    expect(f.audit.types()).toHaveLength(3);
  });

  it('leaves an event another starter is handling to be redelivered', async () => {
    // Prepare
    const f = starter();
    await f.idempotency.claim('s3#tower-data#invoices/acme-0107.pdf#seq-0001', {
      lockSeconds: 120,
      ttlSeconds: 60,
      now: f.time.now(),
    });

    // Act
    const attempt = startDocument(f.deps, created());

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TransientError);
    expect(f.reads).toEqual([]);
    expect(f.starts).toEqual([]);
  });

  it('records a re-upload under another name as a duplicate and starts nothing while the document runs', async () => {
    // Prepare
    const f = starter({
      documents: [documentRecord({ status: 'EXECUTING', ownerExecution: arn, revision: 3 })],
    });

    // Act
    const outcome = await startDocument(
      f.deps,
      created({ key: 'invoices/copy of acme.pdf', eventIdentity: 'seq-0002' }),
    );

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.starts).toEqual([]);
    expect(f.audit.records).toMatchObject([
      {
        type: 'DUPLICATE_RECEIVED',
        documentId,
        details: { key: 'invoices/copy of acme.pdf', firstKey: 'invoices/acme-0107.pdf' },
      },
    ]);
    expect(f.documents.peek(documentId)).toMatchObject({
      status: 'EXECUTING',
      revision: 3,
      key: 'invoices/acme-0107.pdf',
    });
  });

  it.each<DocumentStatus>([
    'EXECUTING',
    'AWAITING_APPROVAL',
    'COMPLETED',
    'REJECTED',
    'REJECTED_INPUT',
    'FAILED',
    'COMPENSATED',
  ])('starts nothing for a document already %s', async (status) => {
    // Prepare
    const f = starter({ documents: [documentRecord({ status })] });

    // Act
    const outcome = await startDocument(f.deps, created({ key: 'invoices/again.pdf' }));

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.starts).toEqual([]);
    expect(f.documents.peek(documentId)?.status).toBe(status);
  });

  it('resumes a start cut off after QUEUED: the same execution, the same input, audited once', async () => {
    // Prepare: the first try queues the document, then StartExecution is throttled.
    const f = starter({ answers: ['ThrottlingException', 'started'] });
    await expect(startDocument(f.deps, created())).rejects.toMatchObject({ name: 'ThrottlingException' });
    const queued = f.documents.peek(documentId);
    f.time.advance(5 * 60 * 1000);

    // Act: SQS redelivers the event after the claim's lock expired.
    const outcome = await startDocument(f.deps, created());

    // Assess
    expect(queued).toMatchObject({ status: 'QUEUED', ownerExecution: arn });
    expect(outcome).toBe('started');
    expect(f.starts).toHaveLength(2);
    expect(f.starts[1]).toEqual(f.starts[0]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'EXECUTING', ownerExecution: arn });
    expect(f.audit.ofType('STATUS_CHANGED').map((e) => e.decision)).toEqual(['QUEUED', 'EXECUTING']);
    expect(f.audit.ofType('STATUS_CHANGE_REFUSED')).toEqual([]);
  });

  it('treats an execution that already exists as started by an earlier try', async () => {
    // Prepare: the first try started the execution, then was cut off before marking the document.
    const f = starter({
      documents: [
        documentRecord({ status: 'QUEUED', ownerExecution: arn, receivedAt: '2025-03-01T08:00:00.000Z' }),
      ],
      answers: ['exists'],
    });

    // Act
    const outcome = await startDocument(f.deps, created());

    // Assess
    expect(outcome).toBe('duplicate-document');
    expect(f.starts[0]?.input.document.receivedAt).toBe('2025-03-01T08:00:00.000Z');
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'EXECUTING', ownerExecution: arn });
    expect(f.idempotency.units.get('s3#tower-data#invoices/acme-0107.pdf#seq-0001')?.state).toBe('DONE');
  });

  it('starts a document left RECEIVED by a try cut off after creating it', async () => {
    // Prepare
    const f = starter({
      documents: [documentRecord({ status: 'RECEIVED', ownerExecution: undefined, revision: 1 })],
    });

    // Act
    const outcome = await startDocument(f.deps, created());

    // Assess
    expect(outcome).toBe('started');
    expect(f.audit.ofType('DUPLICATE_RECEIVED')).toEqual([]);
    expect(f.documents.peek(documentId)).toMatchObject({ status: 'EXECUTING', ownerExecution: arn });
  });

  it('completes the event and creates nothing when the object has vanished', async () => {
    // Prepare
    const f = starter({ content: null });

    // Act
    const outcome = await startDocument(f.deps, created());
    const redelivered = await startDocument(f.deps, created());

    // Assess
    expect(outcome).toBe('object-missing');
    expect(redelivered).toBe('duplicate-event');
    expect(f.documents.peek(documentId)).toBeUndefined();
    expect(f.starts).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it.each([
    ['a key outside every intake prefix', created({ key: 'other/acme.pdf' }), undefined],
    ['a key that only contains the prefix', created({ key: 'archive/invoices/acme.pdf' }), undefined],
    ['a process without a deployed state machine', created(), {}],
  ])('ignores %s', async (_name, object, stateMachines) => {
    // Prepare
    const f = starter({ stateMachines });

    // Act
    const outcome = await startDocument(f.deps, object);

    // Assess
    expect(outcome).toBe('not-a-process');
    expect(f.idempotency.units.size).toBe(0);
    expect(f.reads).toEqual([]);
    expect(f.starts).toEqual([]);
  });
});
