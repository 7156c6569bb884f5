import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../shared/errors.ts';
import { type ChainHead, genesis, headAfter, headOnRecord, linkEvents } from './audit-chain.ts';
import type { AuditEvent, ChainedAuditRecord } from './audit-event.ts';
import {
  auditItemIds,
  type ChainTables,
  headAttributes,
  mergeParts,
  readDocument,
  readTrailHead,
  type UpdateParts,
  updateExpressions,
} from './chain-items.ts';
import type { DocumentRecord } from './document-record.ts';
import { cancellationCodes } from './transaction-cancellation.ts';

/** What one write changes besides appending its events; decided from the document record as read. */
export interface WritePlan {
  /** The events, appended in order as the chain's next links. */
  readonly events: readonly AuditEvent[];
  /** Merged into the document record's own update beside its head (a status move). */
  readonly document?: UpdateParts;
  /** Creates the document record with its first events (intake); refused when it exists. */
  readonly create?: DocumentRecord;
  /** Another item changed with the events (an approval's vote, decision, delivery); refused when its condition fails. */
  readonly item?: {
    readonly table: string;
    readonly key: Readonly<Record<string, unknown>>;
    readonly parts: UpdateParts;
  };
}

export interface ChainedWrite {
  readonly documentId: string;
  /** The write to make given the record as read (undefined: none); undefined refuses it without writing. */
  readonly plan: (document: DocumentRecord | undefined) => WritePlan | undefined;
  /** Makes the write once per document and key: a second one is answered 'recorded'. */
  readonly idempotencyKey?: string;
  /** The events' time. */
  readonly now?: Date;
}

export type ChainedOutcome =
  | {
      readonly written: true;
      /** The record as read before the write (undefined for a trail with no document record, or a creation). */
      readonly document: DocumentRecord | undefined;
      readonly records: readonly ChainedAuditRecord[];
    }
  | {
      readonly written: false;
      /** refused: the plan or the item's condition said no; recorded: the idempotency key was used. */
      readonly why: 'refused' | 'recorded';
      readonly document: DocumentRecord | undefined;
    };

/** Attempts before a chain that keeps moving under the writer is reported as transient. */
const maxAttempts = 10;

/**
 * Writes a state change and its audit events as one TransactWriteItems: the change, the head's update
 * (condition: unchanged since read) and each event's create-only put under `s#<seq>`. When another
 * writer moved the head first the write reads again and retries (bounded, with jitter); a change whose
 * own condition fails is refused, so a retry that finds its change made writes nothing: its events
 * went with it. Each attempt carries its own ClientRequestToken, so the SDK's retries of one attempt
 * are applied once (the token is idempotent for 10 minutes; API Reference, TransactWriteItems).
 */
export async function writeChained(
  db: DynamoDBDocumentClient,
  tables: ChainTables,
  write: ChainedWrite,
): Promise<ChainedOutcome> {
  for (let attempt = 1; ; attempt++) {
    // Each attempt's own time, unless the caller fixed it: a retry that links later is not dated earlier.
    const at = (write.now ?? new Date()).toISOString();
    const document = await readDocument(db, tables.documents, write.documentId);
    const plan = write.plan(document);
    if (!plan) return { written: false, why: 'refused', document };
    const head = document
      ? headOnRecord(document)
      : plan.create
        ? genesis
        : ((await readTrailHead(db, tables.audit, write.documentId)) ?? genesis);
    const records = linkEvents(head, plan.events, at);
    const { items, roles } = transaction(tables, write, document, head, plan, records, at);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }));
      return { written: true, document, records };
    } catch (error) {
      const failed = failedRoles(cancellationCodes(error), roles);
      if (failed.has('marker')) return { written: false, why: 'recorded', document };
      if (failed.has('item')) return { written: false, why: 'refused', document };
      if (failed.has('create'))
        return {
          written: false,
          why: 'refused',
          document: await readDocument(db, tables.documents, write.documentId),
        };
      if (plan.create && failed.has('event'))
        throw new Error(
          `the audit trail of ${write.documentId} has events but the document has no record: it cannot be created under that id`,
        );
      if (attempt >= maxAttempts)
        throw new TransientError(
          `the audit chain of ${write.documentId} kept moving under this write (${maxAttempts} attempts)`,
          { cause: error },
        );
      // The head moved, the record appeared or a transaction conflicted: read again after a jittered pause.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 10 * 2 ** attempt)));
    }
  }
}

type Role = 'document' | 'create' | 'absent' | 'head' | 'item' | 'event' | 'marker';
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function transaction(
  tables: ChainTables,
  write: ChainedWrite,
  document: DocumentRecord | undefined,
  head: ChainHead,
  plan: WritePlan,
  records: readonly ChainedAuditRecord[],
  at: string,
): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  const add = (role: Role, item: TransactItem) => {
    roles.push(role);
    items.push(item);
  };
  const next = headAfter(head, records);
  const documentId = write.documentId;
  if (plan.create) {
    const head =
      records.length > 0 ? { [headAttributes.seq]: next.seq, [headAttributes.hash]: next.hash } : {};
    const record = { ...plan.create, ...head };
    add('create', { Put: { TableName: tables.documents, Item: record, ...absent('documentId') } });
  } else if (document) {
    const parts = mergeParts(plan.document ?? {}, headUpdate(head, next), {
      conditions: ['attribute_exists(documentId)'],
    });
    add('document', {
      Update: { TableName: tables.documents, Key: { documentId }, ...updateExpressions(parts) },
    });
  } else {
    // A trail with no document record: its head is an item of its own, while the record stays absent.
    add('absent', {
      ConditionCheck: { TableName: tables.documents, Key: { documentId }, ...absent('documentId') },
    });
    const item = { documentId, eventId: auditItemIds.head, seq: next.seq, hash: next.hash };
    const unchanged =
      head.seq === genesis.seq
        ? absent('eventId')
        : {
            ConditionExpression: '#seq = :read',
            ExpressionAttributeNames: { '#seq': 'seq' },
            ExpressionAttributeValues: { ':read': head.seq },
          };
    add('head', { Put: { TableName: tables.audit, Item: item, ...unchanged } });
  }
  if (plan.item)
    add('item', {
      Update: {
        TableName: plan.item.table,
        Key: { ...plan.item.key },
        ...updateExpressions(plan.item.parts),
      },
    });
  for (const record of records)
    add('event', { Put: { TableName: tables.audit, Item: { ...record }, ...absent('eventId') } });
  if (write.idempotencyKey !== undefined) {
    const eventId = auditItemIds.marker(write.idempotencyKey);
    const marker = { documentId, eventId, seq: records[0]?.seq ?? next.seq, at };
    add('marker', { Put: { TableName: tables.audit, Item: marker, ...absent('eventId') } });
  }
  return { items, roles };
}

/** The head's move from what was read to after the events; its condition: still what was read. */
function headUpdate(read: ChainHead, next: ChainHead): UpdateParts {
  const names = { '#headSeq': headAttributes.seq, '#headHash': headAttributes.hash };
  const values = { ':headSeq': next.seq, ':headHash': next.hash, ':headRead': read.seq };
  return {
    set: ['#headSeq = :headSeq', '#headHash = :headHash'],
    // A record from before the chain (or created with no event) holds no head: seq 0 then.
    conditions: [
      read.seq === genesis.seq
        ? '(attribute_not_exists(#headSeq) OR #headSeq = :headRead)'
        : '#headSeq = :headRead',
    ],
    names,
    values,
  };
}

const absent = (attribute: string) => ({
  ConditionExpression: 'attribute_not_exists(#key)',
  ExpressionAttributeNames: { '#key': attribute },
});

/** The roles of the actions DynamoDB refused for their condition; other cancellations are conflicts to retry. */
function failedRoles(codes: readonly string[], roles: readonly Role[]): Set<Role> {
  const failed = new Set<Role>();
  codes.forEach((code, i) => {
    const role = roles[i];
    if (code === 'ConditionalCheckFailed' && role) failed.add(role);
  });
  return failed;
}
