import { TransientError } from '../../shared/errors.ts';
import { executionArnOf } from '../../shared/execution-arn.ts';
import { mayWrite } from '../../shared/ownership.ts';
import { changeStatus } from '../../shared/status-change.ts';
import { type DocumentRef, documentIdOf, executionName, type WorkflowInput } from '../../shared/workflow.ts';
import type { AuditTrail } from '../../stores/audit.ts';
import type { DocumentStore } from '../../stores/documents.ts';
import type { IdempotencyStore } from '../../stores/idempotency.ts';
import type { DuplicateRemoval } from './duplicate-object.ts';
import type { CreatedObject } from './s3-events.ts';

/** What the starter learns by reading the object: its content hash and who submitted it. */
export interface ObjectContent {
  readonly sha256: string;
  readonly size: number;
  readonly contentType?: string;
  readonly submittedBy?: string;
  /** The ETag of the content read, so a later removal acts on this content only. */
  readonly eTag?: string;
  /** The name the file had before it was given its key (metadata `original-name`), shown escaped. */
  readonly originalName?: string;
}

export interface StarterDeps {
  readonly idempotency: Pick<IdempotencyStore, 'claim' | 'complete'>;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  /** Hashes the object; undefined when it no longer exists. */
  readonly readObject: (object: CreatedObject) => Promise<ObjectContent | undefined>;
  /** Removes a duplicate's intake object while it still has the ETag read. */
  readonly removeDuplicate: (object: CreatedObject, eTag: string | undefined) => Promise<DuplicateRemoval>;
  /** Starts an execution; 'exists' when one with this name already exists. */
  readonly startExecution: (
    stateMachineArn: string,
    name: string,
    input: WorkflowInput,
  ) => Promise<'started' | 'exists'>;
  readonly stateMachines: Readonly<Record<string, string>>;
  readonly workflowVersions: Readonly<Record<string, string>>;
  /** Process id → the intake prefix that starts it (INTAKE_PREFIXES). */
  readonly intakePrefixes: Readonly<Record<string, string>>;
  readonly now: () => Date;
}

export type StartOutcome =
  | 'started'
  | 'duplicate-event'
  | 'duplicate-document'
  | 'not-a-process'
  | 'object-missing';

const claim = { lockSeconds: 120, ttlSeconds: 14 * 24 * 3600 };
const actor = { kind: 'system', id: 'start-execution' } as const;

/**
 * Turns one created object into exactly one workflow: the event is deduplicated by its identity,
 * the document by its process and content hash, and the execution by a name derived from both.
 */
export async function startDocument(deps: StarterDeps, object: CreatedObject): Promise<StartOutcome> {
  const process = Object.entries(deps.intakePrefixes).find(([, prefix]) =>
    object.key.startsWith(prefix),
  )?.[0];
  const stateMachineArn = process ? deps.stateMachines[process] : undefined;
  const workflowVersion = process ? deps.workflowVersions[process] : undefined;
  if (!process || !stateMachineArn || !workflowVersion) return 'not-a-process';

  const eventKey = `s3#${object.bucket}#${object.key}#${object.eventIdentity}`;
  const claimed = await deps.idempotency.claim(eventKey, { ...claim, now: deps.now() });
  if (claimed.outcome === 'done') return 'duplicate-event';
  if (claimed.outcome === 'in-progress') throw new TransientError('another starter is handling this event');

  const content = await deps.readObject(object);
  if (!content) {
    await deps.idempotency.complete(eventKey, { outcome: 'object-missing' });
    return 'object-missing';
  }
  const ref: DocumentRef = {
    documentId: documentIdOf(process, content.sha256),
    process,
    contentSha256: content.sha256,
    bucket: object.bucket,
    key: object.key,
    versionId: object.versionId,
    size: content.size,
    contentType: content.contentType,
    submittedBy: content.submittedBy ?? object.uploader,
    receivedAt: deps.now().toISOString(),
  };
  const versions = { workflow: workflowVersion };
  // The record is created with its first audit event, in one write: the chain begins with the document.
  const received = {
    documentId: ref.documentId,
    step: 'intake',
    type: 'DOCUMENT_RECEIVED',
    actor,
    versions,
    ...(content.originalName
      ? { rationale: [`submitted as ${fileName(ref.key)}; the file was named ${content.originalName}`] }
      : {}),
    details: {
      key: ref.key,
      size: ref.size,
      ...(content.originalName ? { originalName: content.originalName } : {}),
    },
  };
  const created = await deps.documents.create(ref, [received], deps.now());
  const record = created ? { ...ref, status: 'RECEIVED' as const } : await deps.documents.get(ref.documentId);
  if (!record) throw new TransientError('document record vanished between create and read');
  if (!created && (record.key !== object.key || record.versionId !== object.versionId))
    await recordDuplicate(deps, object, record, content, eventKey);

  const name = executionName(process, ref.documentId);
  const executionArn = executionArnOf(stateMachineArn, name);
  const mayStart =
    record.status === 'RECEIVED' || (record.status === 'QUEUED' && mayWrite(record, executionArn));
  if (!mayStart) {
    await deps.idempotency.complete(eventKey, { outcome: 'duplicate-document', documentId: ref.documentId });
    return 'duplicate-document';
  }
  const stores = { documents: deps.documents, audit: deps.audit };
  // Also when already QUEUED (a resumed start): the move was audited with it, so this writes nothing.
  await changeStatus(stores, {
    documentId: ref.documentId,
    to: 'QUEUED',
    step: 'intake',
    actor,
    versions,
    executionArn,
    claimOwnership: true,
  });
  // The input is built from the stored record, so a retried start sends identical input.
  const input: WorkflowInput = { document: documentRef(record), workflowVersion, humanTasks: {} };
  const started = await deps.startExecution(stateMachineArn, name, input);
  await changeStatus(stores, {
    documentId: ref.documentId,
    to: 'EXECUTING',
    step: 'intake',
    actor,
    versions,
    executionArn,
  });
  const outcome = started === 'started' ? 'started' : 'duplicate-document';
  await deps.idempotency.complete(eventKey, { outcome, documentId: ref.documentId });
  return outcome;
}

/** The last segment of a key: the file's name. */
const fileName = (key: string) => key.split('/').pop() || key;

/**
 * Records a duplicate under its document, naming both files, and settles its intake object: under a key
 * of its own it is removed (the document holds the same content), so a restart never announces it again.
 * Recorded first, so a retry after a cut-off removal only finishes it.
 */
async function recordDuplicate(
  deps: StarterDeps,
  object: CreatedObject,
  record: DocumentRef,
  content: ObjectContent,
  eventKey: string,
): Promise<void> {
  const ownKey = object.key !== record.key;
  const name = content.originalName ?? fileName(object.key);
  await deps.audit.append(
    {
      documentId: record.documentId,
      step: 'intake',
      type: 'DUPLICATE_RECEIVED',
      actor,
      decision: 'not processed again',
      rationale: [
        `${name} has the same content as ${fileName(record.key)}, received ${record.receivedAt}` +
          (ownKey ? '; its intake object is removed' : ''),
      ],
      versions: { workflow: deps.workflowVersions[record.process] },
      details: {
        key: object.key,
        firstKey: record.key,
        ...(content.originalName ? { originalName: content.originalName } : {}),
        ...(ownKey ? { intake: 'removed' } : {}),
      },
    },
    // The same event handled again (its claim expired) records its duplicate once.
    { idempotencyKey: `${record.documentId}/duplicate/${eventKey}` },
  );
  // The same key uploaded again is the document's own object: it stays.
  if (ownKey) await deps.removeDuplicate(object, content.eTag);
}

function documentRef(record: DocumentRef): DocumentRef {
  const {
    documentId,
    process,
    contentSha256,
    bucket,
    key,
    versionId,
    size,
    contentType,
    submittedBy,
    receivedAt,
  } = record;
  return {
    documentId,
    process,
    contentSha256,
    bucket,
    key,
    versionId,
    size,
    contentType,
    submittedBy,
    receivedAt,
  };
}
