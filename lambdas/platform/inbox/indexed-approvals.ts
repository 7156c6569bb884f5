import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalPolicy } from '../human-step/policy.ts';
import type { ApprovalRecord, ApproverEntry } from '../human-step/record.ts';
import type { ApprovalStore } from '../human-step/store.ts';
import { cancellationCodes } from '../stores/transaction-cancellation.ts';
import { inboxKeys, indexItems } from './index-keys.ts';

/** TransactWriteItems takes at most 100 actions (API Reference, TransactWriteItems): the task and 99 holders. */
const maxHolders = 99;

export interface IndexedApprovalsOptions {
  readonly db: DynamoDBDocumentClient;
  readonly tables: { readonly inbox: string; readonly approvals: string };
  readonly policies: Readonly<Record<string, ApprovalPolicy>>;
}

/** The holders a task is indexed under: its named approvers and its policy's candidate groups. */
export function holdersOf(
  record: Pick<ApprovalRecord, 'approvers' | 'policyId'>,
  policies: Readonly<Record<string, ApprovalPolicy>>,
): string[] {
  return [
    ...Object.values(record.approvers).map((a) => inboxKeys.person(a.email)),
    ...Object.keys(policies[record.policyId]?.groups ?? {}).map(inboxKeys.group),
  ];
}

/**
 * The approval store with the inbox's index kept beside it: a task is created in one transaction with
 * its index items; escalation approvers are indexed just before they are added (the index is only ever
 * read through the task, so an item ahead of its approver shows nothing). Everything else is the base's.
 */
export function indexedApprovals(base: ApprovalStore, options: IndexedApprovalsOptions): ApprovalStore {
  const { db, tables, policies } = options;
  const create = async (record: ApprovalRecord): Promise<boolean> => {
    const items = indexItems(record, holdersOf(record, policies));
    if (items.length > maxHolders)
      throw new Error(
        `a human task may be indexed for at most ${maxHolders} people and groups, got ${items.length}`,
      );
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.approvals,
                Item: record,
                ConditionExpression: 'attribute_not_exists(approvalId)',
              },
            },
            ...items.map((Item) => ({ Put: { TableName: tables.inbox, Item } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      // The task exists already (a retried prepare): nothing was written, as with putIfAbsent.
      if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  };
  const addApprovers = async (approvalId: string, entries: Readonly<Record<string, ApproverEntry>>) => {
    const record = await base.get(approvalId);
    if (record)
      for (const item of indexItems(record, holdersOf({ approvers: entries, policyId: '' }, {})))
        await db.send(new PutCommand({ TableName: tables.inbox, Item: item }));
    await base.addApprovers(approvalId, entries);
  };
  return {
    get: (id) => base.get(id),
    listByExecution: (arn) => base.listByExecution(arn),
    create,
    addApprovers,
    addSecretHash: (id, approver, hash) => base.addSecretHash(id, approver, hash),
    markApprover: (id, approver, field, at) => base.markApprover(id, approver, field, at),
    claimNotice: (id, approver, field, at) => base.claimNotice(id, approver, field, at),
    releaseNotice: (id, approver, field) => base.releaseNotice(id, approver, field),
    registerToken: (id, token, phase) => base.registerToken(id, token, phase),
    recordVote: (id, approver, vote, event) => base.recordVote(id, approver, vote, event),
    finish: (id, status, ending) => base.finish(id, status, ending),
    markDelivered: (id, at, event) => base.markDelivered(id, at, event),
    setOneTimeCode: (id, approver, code) => base.setOneTimeCode(id, approver, code),
    countCodeAttempt: (id, approver, max) => base.countCodeAttempt(id, approver, max),
  };
}
