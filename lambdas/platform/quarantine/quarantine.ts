import { causeMessage, rejectionReasonOf } from '../shared/errors.ts';
import { mayWrite } from '../shared/ownership.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { CaughtError, DocumentRef, StepEvent } from '../shared/workflow.ts';
import type { AuditTrail } from '../stores/audit.ts';
import type { DocumentStore } from '../stores/documents.ts';
import type { CopyOutcome, QuarantineObjects } from './objects.ts';

export interface QuarantineEvent extends StepEvent {
  readonly rejection: CaughtError;
}

export interface QuarantineDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly objects: QuarantineObjects;
  readonly quarantinePrefix: string;
  readonly now: () => Date;
}

/** `quarantine/<process>/<documentId>/<file name>`: one place per document, the original name kept. */
export function quarantineKey(prefix: string, document: DocumentRef): string {
  const name = document.key.split('/').pop() || 'document';
  return `${prefix}${document.process}/${document.documentId}/${name}`;
}

/** Keeps a bad input where people can find it, with its reason, and ends the document in REJECTED_INPUT. */
export async function quarantine(deps: QuarantineDeps, event: QuarantineEvent) {
  const { document, executionArn, workflowVersion } = event;
  const message = causeMessage(event.rejection.Cause);
  const reason = rejectionReasonOf(message);
  const targetKey = quarantineKey(deps.quarantinePrefix, document);
  const record = await deps.documents.get(document.documentId);
  const owned = mayWrite(record, executionArn);
  // The move is keyed by its target (one per document): a re-run finds its copy and only finishes the removal.
  let copy: CopyOutcome | 'skipped' = 'skipped';
  if (owned && record?.status !== 'REJECTED_INPUT') {
    copy = await deps.objects.copyOnce(document, targetKey, {
      'rejection-reason': reason,
      'document-id': document.documentId,
      'original-key': encodeURIComponent(document.key),
    });
    await deps.objects.remove(document);
  }
  const versions = { workflow: workflowVersion };
  const actor = { kind: 'system', id: 'quarantine' } as const;
  // QUARANTINED is written with the move, in one write: a re-run that finds the move made writes nothing.
  await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      documentId: document.documentId,
      to: 'REJECTED_INPUT',
      step: 'quarantine',
      actor,
      versions,
      executionArn,
      reason: message,
      attributes: { quarantineKey: targetKey, rejectionReason: reason },
      with: [
        {
          documentId: document.documentId,
          step: 'quarantine',
          type: 'QUARANTINED',
          actor,
          decision: reason,
          rationale: [message],
          versions,
          executionArn,
          details: { from: document.key, to: targetKey, copy },
        },
      ],
    },
  );
  return { status: 'REJECTED_INPUT', reason, quarantineKey: targetKey };
}
