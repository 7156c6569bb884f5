import { statuses } from '../../lambdas/platform/shared/status.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { Operator } from './context.ts';
import { RefusedError, UsageError } from './errors.ts';
import { table } from './format.ts';
import { queryPages } from './query-pages.ts';

/** The fewest characters of a document id taken as its prefix: ids are shown cut to 12. */
export const minimumIdPrefix = 8;

type Match = Pick<DocumentRecord, 'documentId' | 'status' | 'key' | 'updatedAt'>;

/**
 * The whole id of the document `text` names: all 64 hex characters, or any unique prefix of at least
 * 8 (the 12 shown by `documents`, the console and npm start). An ambiguous prefix lists its matches.
 */
export async function resolveDocumentId(operator: Operator, text: string): Promise<string> {
  const wanted = text.trim().toLowerCase().replace(/…$/, '');
  if (!/^[0-9a-f]+$/.test(wanted) || wanted.length > 64)
    throw new UsageError(`${text} is not a document id (hex, as documents shows them)`);
  if (wanted.length === 64) return wanted;
  if (wanted.length < minimumIdPrefix)
    throw new UsageError(
      `give at least ${minimumIdPrefix} characters of the document id, not ${wanted.length}`,
    );
  const matches = await documentsStartingWith(operator, wanted);
  const [only] = matches;
  if (only && matches.length === 1) return only.documentId;
  if (matches.length === 0)
    throw new RefusedError(`no document id starts with ${wanted} on ${operator.target.label}`);
  throw new RefusedError(
    `${matches.length} documents start with ${wanted}; give more of the id:\n${table(matches, [
      { header: 'DOCUMENT', value: (d) => d.documentId },
      { header: 'STATUS', value: (d) => d.status },
      { header: 'KEY', value: (d) => d.key },
    ])}`,
  );
}

/**
 * Reads every status's part of the `byStatus` index (the one the operator may query), keeping ids that
 * start with `prefix`; a filter reads the whole index, which an operator's look-up can afford.
 */
async function documentsStartingWith(operator: Operator, prefix: string): Promise<Match[]> {
  const found = await Promise.all(
    statuses.map((status) =>
      queryPages<Match>(operator, {
        TableName: operator.target.tables.documents,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :s',
        FilterExpression: 'begins_with(#id, :prefix)',
        ProjectionExpression: '#id, #status, #key, #updatedAt',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#id': 'documentId',
          '#key': 'key',
          '#updatedAt': 'updatedAt',
        },
        ExpressionAttributeValues: { ':s': status, ':prefix': prefix },
      }),
    ),
  );
  return found.flat();
}
