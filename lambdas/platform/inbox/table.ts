import type { TableSpec } from '../registry/tables.ts';

/**
 * The inbox's index: one small item per (person or group, task), written with the task and its
 * escalation approvers, so "every task I may act on" is one Query per holder; delegations live here too.
 */
export const inboxTable: TableSpec = {
  id: 'inbox',
  envVar: 'INBOX_TABLE',
  partitionKey: 'holder',
  sortKey: 'entry',
  expiresAttribute: 'purgeAt',
};
