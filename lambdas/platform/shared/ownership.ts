import type { DocumentRecord } from '../stores/document-record.ts';

/**
 * Whether an execution may move a document: it owns the document, or no execution does (nor when there
 * is no record yet). The document store's conditional writes hold the same rule.
 *
 * @example
 * if (!mayWrite(await documents.get(documentId), executionArn)) return stale();
 */
export function mayWrite(
  record: Pick<DocumentRecord, 'ownerExecution'> | undefined,
  executionArn: string | undefined,
): boolean {
  return record?.ownerExecution === undefined || record.ownerExecution === executionArn;
}
