import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import {
  type ChainVerdict,
  describeVerdict,
  headOnRecord,
  verifyChain,
} from '../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { Operator } from './context.ts';
import { RefusedError } from './errors.ts';

/** A document's audit chain checked: the verdict, and one line for people. */
export interface ChainCheck {
  readonly documentId: string;
  readonly events: number;
  readonly verdict: ChainVerdict;
  readonly summary: string;
}

/** Checks a trail against the head its document record holds (audit-chain.ts verifies). */
export function checkChain(document: DocumentRecord, audit: readonly AuditRecord[]): ChainCheck {
  const verdict = verifyChain(audit, headOnRecord(document));
  return {
    documentId: document.documentId,
    events: audit.length,
    verdict,
    summary: describeVerdict(verdict),
  };
}

/** `verify <documentId>`: reads the document's record and trail and names the first broken link, if any. */
export async function verifyDocument(operator: Operator, documentId: string): Promise<ChainCheck> {
  const document = await operator.documents.get(documentId);
  if (!document) throw new RefusedError(`no document ${documentId} on ${operator.target.label}`);
  return checkChain(document, await operator.audit.list(documentId));
}
