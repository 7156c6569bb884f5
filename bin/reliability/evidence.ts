import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalRecord } from '../../lambdas/platform/human-step/record.ts';
import { bucketPrefixes } from '../../lambdas/platform/registry/names.ts';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import type { TableId } from '../../lambdas/platform/registry/tables.ts';
import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import { auditItemIds } from '../../lambdas/platform/stores/chain-items.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import type { SentEmail } from '../../local/emulators/ses.ts';
import type { LocalClients } from '../../local/runtime/clients.ts';
import { type ExecutionRecord, ExecutionStore } from '../../local/stepfunctions/executions.ts';

/** A runtime as the judge sees it: its stores, reached the same way in this process or in a child. */
export interface Target {
  readonly clients: Pick<LocalClients, 'documents' | 's3' | 'sqs'>;
  readonly table: (id: TableId) => string;
  readonly bucket: string;
  readonly queueUrls: Readonly<Record<QueueId, string>>;
  readonly dataDir: string;
  readonly mailbox?: () => Promise<readonly SentEmail[]>;
}

/** Everything the runtime recorded: documents, audit trail, executions (from disk), approvals, S3 prefixes. */
export interface Evidence {
  readonly documents: readonly DocumentRecord[];
  readonly audit: readonly AuditRecord[];
  readonly executions: readonly ExecutionRecord[];
  readonly approvals: readonly ApprovalRecord[];
  /** Keys under quarantine/ → last modified (epoch ms). */
  readonly quarantine: ReadonlyMap<string, number>;
  /** Items of the tables whose items are each one document's effect (`oneItemPerDocument`), by table. */
  readonly effects: readonly { readonly table: TableId; readonly documentId: string }[];
  /** Result key → last modified (epoch ms). */
  readonly results: ReadonlyMap<string, number>;
  readonly mail: readonly SentEmail[];
}

export async function scanTable<T>(target: Target, id: TableId): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await target.clients.documents.send(
      new ScanCommand({ TableName: target.table(id), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Retries what the local S3 sometimes answers with a 500 under load (s3rver listing a busy prefix). */
async function withRetries<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

export async function listKeys(target: Target, prefix: string): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await withRetries(() =>
      target.clients.s3.send(
        new ListObjectsV2Command({ Bucket: target.bucket, Prefix: prefix, ContinuationToken: token }),
      ),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.set(o.Key, o.LastModified?.getTime() ?? 0);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** Executions as the local Step Functions persisted them (`<dataDir>/executions/*.json`). */
export function executionsOnDisk(dataDir: string): ExecutionRecord[] {
  return new ExecutionStore(join(dataDir, 'executions')).list();
}

/** The tables of every registered process whose items are each one document's effect. */
const effectTables = towerCatalog(processes).tables.filter((t) => t.oneItemPerDocument);

async function effectItems(target: Target): Promise<Evidence['effects']> {
  const tables = await Promise.all(
    effectTables.map(async (t) =>
      (await scanTable<{ documentId?: unknown }>(target, t.id)).flatMap((item) =>
        typeof item.documentId === 'string' ? [{ table: t.id, documentId: item.documentId }] : [],
      ),
    ),
  );
  return tables.flat();
}

export async function collectEvidence(target: Target): Promise<Evidence> {
  const [documents, audit, approvals, quarantine, results, mail, effects] = await Promise.all([
    scanTable<DocumentRecord>(target, 'documents'),
    scanTable<AuditRecord>(target, 'audit'),
    scanTable<ApprovalRecord>(target, 'approvals'),
    listKeys(target, bucketPrefixes.quarantine),
    listKeys(target, bucketPrefixes.results),
    target.mailbox ? target.mailbox() : Promise.resolve([]),
    effectItems(target),
  ]);
  return {
    documents,
    // Events only: an idempotency key's marker and a trail's head share the table.
    audit: audit.filter((item) => auditItemIds.isEvent(item.eventId)),
    executions: executionsOnDisk(target.dataDir),
    approvals,
    quarantine,
    effects,
    results,
    mail,
  };
}

/** Messages waiting or in flight in a queue. */
export async function queueDepth(target: Target, id: QueueId): Promise<number> {
  const out = await target.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: target.queueUrls[id],
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
