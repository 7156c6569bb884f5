import { type DocumentStatus, isTerminal, statuses } from '../../lambdas/platform/shared/status.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { Operator } from './context.ts';
import { age, table } from './format.ts';
import { queryPages } from './query-pages.ts';

export interface DocumentsQuery {
  readonly status?: DocumentStatus;
  /** Only documents whose status last changed at least this long ago. */
  readonly olderThanMs?: number;
  readonly limit: number;
}

/**
 * Documents by status and age, through the `byStatus` index: stuck ones (statuses that have not ended)
 * oldest first, then ended ones newest first.
 */
export async function listDocuments(operator: Operator, query: DocumentsQuery): Promise<DocumentRecord[]> {
  const cutoff =
    query.olderThanMs === undefined ? undefined : new Date(operator.now().getTime() - query.olderThanMs);
  const wanted = query.status ? [query.status] : statuses;
  const found = await Promise.all(wanted.map((s) => byStatus(operator, s, query.limit, cutoff)));
  const all = found.flat();
  const stuck = all.filter((d) => !isTerminal(d.status)).sort((a, b) => compare(a.updatedAt, b.updatedAt));
  const ended = all.filter((d) => isTerminal(d.status)).sort((a, b) => compare(b.updatedAt, a.updatedAt));
  return [...stuck, ...ended].slice(0, query.limit);
}

function byStatus(
  operator: Operator,
  status: DocumentStatus,
  limit: number,
  cutoff: Date | undefined,
): Promise<DocumentRecord[]> {
  return queryPages<DocumentRecord>(
    operator,
    {
      TableName: operator.target.tables.documents,
      IndexName: 'byStatus',
      KeyConditionExpression: cutoff ? '#status = :s AND #updatedAt < :cutoff' : '#status = :s',
      ExpressionAttributeNames: { '#status': 'status', ...(cutoff ? { '#updatedAt': 'updatedAt' } : {}) },
      ExpressionAttributeValues: { ':s': status, ...(cutoff ? { ':cutoff': cutoff.toISOString() } : {}) },
      // Stuck documents are listed oldest first, ended ones newest first: read each end of the index.
      ScanIndexForward: !isTerminal(status),
    },
    limit,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderDocuments(documents: readonly DocumentRecord[], now: Date): string {
  const stuck = documents.filter((d) => !isTerminal(d.status)).length;
  return [
    table(documents, [
      { header: 'STATUS', value: (d) => d.status },
      { header: 'SINCE', value: (d) => age(d.updatedAt, now) },
      { header: 'PROCESS', value: (d) => d.process },
      { header: 'DOCUMENT', value: (d) => d.documentId },
      { header: 'KEY', value: (d) => d.key },
      { header: 'NOTE', value: note, wrap: 60 },
    ]),
    '',
    `${documents.length} document(s): ${stuck} not ended, ${documents.length - stuck} ended`,
  ].join('\n');
}

function note(d: DocumentRecord): string {
  if (d.status === 'FAILED')
    return `${d.failureClass ?? '?'} in ${d.failedStep ?? '?'}: ${d.errorName ?? ''}`;
  return d.rejectionReason ?? d.statusReason ?? '';
}
