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
 * does not own the document) is logged and audited as refused, never applied.
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
  if (result.applied) {
    await stores.audit.append(
      {
        ...common,
        type: 'STATUS_CHANGED',
        decision: change.to,
        rationale: change.reason ? [change.reason] : undefined,
        details: { from: result.from, to: change.to, ...change.details },
      },
      {
        idempotencyKey: `${change.documentId}/${change.executionArn ?? '-'}/status/${result.from}->${change.to}`,
      },
    );
  } else {
    logger.warn('Status change refused', {
      to: change.to,
      current: result.current?.status,
      owner: result.current?.ownerExecution === change.executionArn ? 'self' : 'other',
    });
    await stores.audit.append(
      {
        ...common,
        type: 'STATUS_CHANGE_REFUSED',
        decision: change.to,
        rationale: [
          `current status ${result.current?.status ?? 'missing'} does not allow ${change.to} from this writer`,
        ],
      },
      { idempotencyKey: `${change.documentId}/${change.executionArn ?? '-'}/refused/${change.to}` },
    );
  }
  return result;
}
