import type { AuditEvent, AuditTrail } from './audit.ts';
import type { DocumentStore, TransitionOptions, TransitionResult } from './documents.ts';
import { logger } from './observability.ts';
import type { DocumentStatus } from './status.ts';

export interface StatusChange extends TransitionOptions {
  readonly documentId: string;
  readonly to: DocumentStatus;
  readonly step: string;
  readonly actor: AuditEvent['actor'];
  readonly versions: AuditEvent['versions'];
  readonly details?: AuditEvent['details'];
}

/**
 * Moves a document's status and audits the move. A refused move (backwards, or from an execution that
 * does not own the document) is logged and audited as refused, never applied; a move the same writer
 * already made (a retry) is audited once and not refused.
 */
export async function changeStatus(
  stores: { readonly documents: DocumentStore; readonly audit: AuditTrail },
  change: StatusChange,
): Promise<TransitionResult> {
  const result = await stores.documents.transition(change.documentId, change.to, change);
  const common = {
    documentId: change.documentId,
    step: change.step,
    actor: change.actor,
    versions: change.versions,
    executionArn: change.executionArn,
  };
  const current = result.applied ? undefined : result.current;
  // A retried step finds its own move already made: it records the audit event the first try may have missed.
  const alreadyMade =
    current !== undefined &&
    current.status === change.to &&
    (current.ownerExecution === undefined || current.ownerExecution === change.executionArn);
  if (result.applied || alreadyMade) {
    const revision = result.applied ? result.revision : (current?.revision ?? 0);
    await stores.audit.append(
      {
        ...common,
        type: 'STATUS_CHANGED',
        decision: change.to,
        rationale: change.reason ? [change.reason] : undefined,
        details: { from: result.applied ? result.from : undefined, to: change.to, ...change.details },
      },
      // Keyed by the revision the move produced: one event per move, a repeat after a redrive its own.
      { idempotencyKey: `${change.documentId}/status/${revision}` },
    );
    return result;
  }
  logger.warn('Status change refused', {
    to: change.to,
    current: current?.status,
    owner: current?.ownerExecution === change.executionArn ? 'self' : 'other',
  });
  await stores.audit.append(
    {
      ...common,
      type: 'STATUS_CHANGE_REFUSED',
      decision: change.to,
      rationale: [
        `current status ${current?.status ?? 'missing'} does not allow ${change.to} from this writer`,
      ],
    },
    { idempotencyKey: `${change.documentId}/${change.executionArn ?? '-'}/refused/${change.to}` },
  );
  return result;
}
