import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type {
  DocumentRecord,
  DocumentStore,
  StatusMove,
  TransitionOptions,
  TransitionResult,
} from '../stores/documents.ts';
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
}

type Stores = { readonly documents: DocumentStore; readonly audit: AuditTrail };

/**
 * Moves a document's status and audits the move. A refused move (backwards, or from an execution that
 * does not own the document) is logged and audited as refused, never applied; a move the same writer
 * already made (a retry) is audited once and not refused. Each call also audits the move before it,
 * kept on the record, which is a no-op unless that move's writer was cut off before its audit.
 */
export async function changeStatus(stores: Stores, change: StatusChange): Promise<TransitionResult> {
  const move: StatusMove = {
    to: change.to,
    step: change.step,
    actor: change.actor,
    versions: change.versions,
    executionArn: change.executionArn,
    reason: change.reason,
    details: change.details,
    at: (change.now ?? new Date()).toISOString(),
  };
  const result = await stores.documents.transition(change.documentId, change.to, { ...change, move });
  const previous = result.applied ? result.before : result.current;
  const auditPrevious = previous ? auditRecordedMove(stores.audit, previous) : undefined;
  if (result.applied) {
    // Independent idempotent puts: the previous move's (almost always a no-op) costs no extra round trip.
    await Promise.all([
      auditPrevious,
      auditMove(stores.audit, {
        documentId: change.documentId,
        revision: result.revision,
        lastMove: move,
        lastMoveFrom: result.from,
      }),
    ]);
    return result;
  }
  await auditPrevious;
  const current = result.current;
  // A retried step finds its own move already made; a record from before moves were kept is audited here.
  const alreadyMade =
    current !== undefined && current.status === change.to && mayWrite(current, change.executionArn);
  if (alreadyMade) {
    if (!current.lastMove) await auditMove(stores.audit, { ...current, lastMove: move });
    return result;
  }
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
    { idempotencyKey: `${change.documentId}/${change.executionArn ?? '-'}/refused/${change.to}` },
  );
  return result;
}

/**
 * Audits the move that produced a record's current revision: a no-op unless its writer was cut off
 * between the move and its audit. For a step that finds its work done and moves nothing itself.
 */
export async function auditRecordedMove(audit: AuditTrail, record: DocumentRecord): Promise<void> {
  if (record.lastMove) await auditMove(audit, { ...record, lastMove: record.lastMove });
}

/** The audit event of the move that produced `record.revision`; keyed by that revision, so it is recorded once. */
function auditMove(
  audit: AuditTrail,
  record: Pick<DocumentRecord, 'documentId' | 'revision' | 'lastMoveFrom'> & {
    readonly lastMove: StatusMove;
  },
): Promise<boolean> {
  const move = record.lastMove;
  return audit.append(
    {
      documentId: record.documentId,
      step: move.step,
      actor: move.actor,
      versions: move.versions,
      executionArn: move.executionArn,
      type: 'STATUS_CHANGED',
      decision: move.to,
      rationale: move.reason ? [move.reason] : undefined,
      details: { from: record.lastMoveFrom, to: move.to, ...move.details },
    },
    // A repeat after a redrive moves again, to a new revision, and is its own event.
    { idempotencyKey: `${record.documentId}/status/${record.revision}`, now: new Date(move.at) },
  );
}
