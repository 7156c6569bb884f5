import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '../registry/tables.ts';
import { requiredEnv } from '../shared/env.ts';
import type { AuditEvent } from '../stores/audit.ts';
import { updateAudited } from '../stores/audited-item.ts';
import { type ChainTables, chainTablesFromEnv } from '../stores/chain-items.ts';
import { dynamo } from '../stores/client.ts';
import { queryAll } from '../stores/dynamo-pages.ts';
import { type IndexItem, inboxKeys } from './index-keys.ts';
import type { ClaimWrite, InboxStore } from './store.ts';
import { inboxTable } from './table.ts';
import type { Delegation, InboxRecord } from './task.ts';

/** The tables the inbox reads and writes. */
export interface InboxTableNames {
  readonly inbox: string;
  readonly approvals: string;
}

/** The tables from the environment, read when first needed (a function's module loads before its first request). */
export function inboxTablesFromEnv(): InboxTableNames {
  return {
    get inbox() {
      return requiredEnv(inboxTable.envVar);
    },
    get approvals() {
      return requiredEnv(tables.approvals.envVar);
    },
  };
}

const delegationKeepSeconds = 400 * 24 * 3600;

/** DynamoDB adapter: the index and delegations in the inbox table, claims on the approval item. */
export class DynamoInboxStore implements InboxStore {
  constructor(
    private readonly db: DynamoDBDocumentClient = dynamo,
    private readonly names: InboxTableNames = inboxTablesFromEnv(),
    private readonly chain: ChainTables = chainTablesFromEnv(),
  ) {}

  async indexed(holder: string): Promise<string[]> {
    const items = await queryAll<IndexItem>(this.db, {
      TableName: this.names.inbox,
      // By placeholder, so no attribute name can clash with DynamoDB's reserved words.
      KeyConditionExpression: '#h = :h AND begins_with(#e, :t)',
      ExpressionAttributeNames: { '#h': 'holder', '#e': 'entry' },
      ExpressionAttributeValues: { ':h': holder, ':t': inboxKeys.task('') },
    });
    return items.map((item) => item.approvalId);
  }

  async task(approvalId: string): Promise<InboxRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.names.approvals, Key: { approvalId }, ConsistentRead: true }),
    );
    return out.Item as InboxRecord | undefined;
  }

  async claim(approvalId: string, write: ClaimWrite, now: Date): Promise<boolean> {
    // ISO times compare as text: a claim whose `until` has passed is free to take.
    const free = '(attribute_not_exists(#claim) OR #claim.#until <= :now OR #claim.#by = :by)';
    return this.change(approvalId, [write.event], {
      set: ['#claim = :claim', '#approvers.#id = if_not_exists(#approvers.#id, :entry)'],
      conditions: ['#status = :pending', ...(write.override ? [] : [free])],
      names: {
        '#claim': 'claim',
        '#approvers': 'approvers',
        '#id': write.approverId,
        '#status': 'status',
        ...(write.override ? {} : { '#until': 'until', '#by': 'by' }),
      },
      values: {
        ':claim': write.claim,
        ':entry': write.entry,
        ':pending': 'PENDING',
        ...(write.override ? {} : { ':now': now.toISOString(), ':by': write.claim.by }),
      },
    });
  }

  async release(approvalId: string, by: string, event: AuditEvent): Promise<boolean> {
    return this.change(approvalId, [event], {
      remove: ['#claim'],
      conditions: ['#status = :pending', '#claim.#by = :by'],
      names: { '#claim': 'claim', '#by': 'by', '#status': 'status' },
      values: { ':by': by, ':pending': 'PENDING' },
    });
  }

  async putDelegation(d: Delegation): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.names.inbox,
        Item: {
          holder: inboxKeys.delegate(d.to),
          entry: inboxKeys.delegationFrom(d.from),
          ...d,
          purgeAt: Math.floor(Date.parse(d.until) / 1000) + delegationKeepSeconds,
        },
      }),
    );
  }

  async delegationsTo(email: string): Promise<Delegation[]> {
    const items = await queryAll<Delegation & { holder: string; entry: string }>(this.db, {
      TableName: this.names.inbox,
      KeyConditionExpression: '#h = :h',
      ExpressionAttributeNames: { '#h': 'holder' },
      ExpressionAttributeValues: { ':h': inboxKeys.delegate(email) },
    });
    return items.map(({ from, to, startsAt, until, createdAt }) => ({
      from,
      to,
      startsAt,
      until,
      createdAt,
    }));
  }

  private change(
    approvalId: string,
    events: readonly AuditEvent[],
    parts: Parameters<typeof updateAudited>[2]['parts'],
  ) {
    return updateAudited(this.db, this.chain, {
      table: this.names.approvals,
      key: { approvalId },
      parts,
      events,
    });
  }
}
