import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from './audit.ts';
import type { ChainTables, UpdateParts } from './chain-items.ts';
import { writeChained } from './chained-write.ts';

/**
 * Updates one item (not a document record) and appends its audit events to their document's chain,
 * as one write: true when written, false when the item's condition failed (or it does not exist),
 * and then nothing is written.
 *
 * @example
 * await updateAudited(db, chain, { table, key: { approvalId }, parts, events: [decided] });
 */
export async function updateAudited(
  db: DynamoDBDocumentClient,
  chain: ChainTables,
  change: {
    readonly table: string;
    readonly key: Readonly<Record<string, unknown>>;
    readonly parts: UpdateParts;
    readonly events: readonly AuditEvent[];
  },
): Promise<boolean> {
  const documentId = change.events[0]?.documentId;
  if (documentId === undefined || change.events.some((e) => e.documentId !== documentId))
    throw new Error(`a change of ${JSON.stringify(change.key)} needs its audit events, all of one document`);
  // By placeholder: a key attribute may be one of DynamoDB's reserved words (`key`).
  const keyNames = Object.fromEntries(Object.keys(change.key).map((attribute, i) => [`#key${i}`, attribute]));
  const exists = Object.keys(keyNames).map((name) => `attribute_exists(${name})`);
  const outcome = await writeChained(db, chain, {
    documentId,
    plan: () => ({
      events: change.events,
      item: {
        table: change.table,
        key: change.key,
        parts: {
          ...change.parts,
          conditions: [...exists, ...(change.parts.conditions ?? [])],
          names: { ...keyNames, ...change.parts.names },
        },
      },
    }),
  });
  return outcome.written;
}
