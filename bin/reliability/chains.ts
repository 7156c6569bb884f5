import { type AuditRecord, orderTrail } from '../../lambdas/platform/stores/audit.ts';
import { describeVerdict, headOnRecord, verifyChain } from '../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';

/** What a document's audit chain shows: its first broken link, and the moves its record made that no event records. */
export interface ChainFindings {
  /** The first broken link, in words (audit-chain.ts names it); undefined when the chain verifies. */
  readonly broken?: string;
  /** Revisions the record reached (2…revision) with no STATUS_CHANGED event: moves left unaudited. */
  readonly unaudited: readonly number[];
  /** Revisions recorded by more than one STATUS_CHANGED event: a move audited twice. */
  readonly auditedTwice: readonly number[];
}

/**
 * Checks one document's trail with the platform's one verifier (against the head its record holds),
 * and that each move of its history (revision 2 to its current revision; each STATUS_CHANGED event
 * names the revision it made) has exactly one event, the last one naming the status the record holds.
 */
export function chainFindings(
  record: DocumentRecord | undefined,
  audit: readonly AuditRecord[],
): ChainFindings {
  const verdict = verifyChain(audit, record ? headOnRecord(record) : undefined);
  const moves = orderTrail(audit).filter((e) => e.type === 'STATUS_CHANGED');
  const revisions = moves.map((m) => Number(m.details?.revision));
  const unaudited: number[] = [];
  for (let revision = 2; revision <= (record?.revision ?? 1); revision++)
    if (!revisions.includes(revision)) unaudited.push(revision);
  const last = moves.at(-1);
  if (record && record.revision > 1 && last && last.decision !== record.status && unaudited.length === 0)
    unaudited.push(record.revision);
  const auditedTwice = [...new Set(revisions.filter((r, i) => revisions.indexOf(r) !== i))];
  return { ...(verdict.broken ? { broken: describeVerdict(verdict) } : {}), unaudited, auditedTwice };
}
