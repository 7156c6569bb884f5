import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type { DocumentStore, Move, TransitionOptions, TransitionResult } from '../stores/documents.ts';
import { logger } from './observability.ts';
import { mayWrite } from './ownership.ts';
import type { DocumentStatus } from './status.ts';

export interface StatusChange extends TransitionOptions {
  readonly documentId: string;
  readonly to: DocumentStatus;
  readonly step: string;
  readonly actor: AuditEvent['actor'];
  readonly versions: AuditEvent['versions'];
  readonly details?: AuditEvent['details'];
  /** Events that record the same change (FINALIZED, FAILED, QUARANTINED…), written with the move after its own. */
  readonly with?: readonly AuditEvent[] | ((move: Move) => readonly AuditEvent[]);
}

type Stores = { readonly documents: DocumentStore; readonly audit: AuditTrail };

/**
 * Moves a document's status; the move and its audit events are one write, so a move is never left
 * unaudited and nothing audits it again. A refused move (backwards, or from an execution that does not
 * own the document) is logged and audited as refused, never applied; a move the same writer already
 * made (a retry) writes nothing: its events went with it.
 */
export async function changeStatus(stores: Stores, change: StatusChange): Promise<TransitionResult> {
  const result = await stores.documents.transition(change.documentId, change.to, {
    ...change,
    events: (move) => [
      statusChanged(change, move),
      ...(typeof change.with === 'function' ? change.with(move) : (change.with ?? [])),
    ],
  });
  if (result.applied) return result;
  const current = result.current;
  if (current !== undefined && current.status === change.to && mayWrite(current, change.executionArn))
    return result;
  logger.warn('Status change refused', {
    to: change.to,
    current: current?.status,
    owner: current?.ownerExecution === change.executionArn ? 'self' : 'other',
  });
  await stores.audit.append(
    {
      documentId: change.documentId,
      step: change.step,
      actor: change.actor,
      versions: change.versions,
      executionArn: change.executionArn,
      type: 'STATUS_CHANGE_REFUSED',
      decision: change.to,
      rationale: [
        `current status ${current?.status ?? 'missing'} does not allow ${change.to} from this writer`,
      ],
    },
    // A retried step is refused again: its refusal is recorded once.
    { idempotencyKey: `${change.documentId}/${change.executionArn ?? '-'}/refused/${change.to}` },
  );
  return result;
}

/** The audit event of a move: from which status, to which, at which revision. */
function statusChanged(change: StatusChange, move: Move): AuditEvent {
  return {
    documentId: change.documentId,
    step: change.step,
    actor: change.actor,
    versions: change.versions,
    executionArn: change.executionArn,
    type: 'STATUS_CHANGED',
    decision: change.to,
    rationale: change.reason ? [change.reason] : undefined,
    details: { from: move.from, to: change.to, revision: move.revision, ...change.details },
  };
}
