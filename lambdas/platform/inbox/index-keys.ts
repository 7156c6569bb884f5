import type { ApprovalRecord } from '../human-step/record.ts';
import { folded } from './groups.ts';

/**
 * The inbox table's keys. One small item per (holder, task): the holder is a person (a named approver)
 * or a candidate group; delegations live beside them under the delegate. Read with one Query per
 * holder, never a scan.
 */
export const inboxKeys = {
  person: (email: string) => `person#${folded(email)}`,
  group: (name: string) => `group#${name}`,
  delegate: (email: string) => `delegate#${folded(email)}`,
  task: (approvalId: string) => `task#${approvalId}`,
  delegationFrom: (email: string) => `from#${folded(email)}`,
};

/** One index item: a holder may see a task; what is shown is read from the task itself. */
export interface IndexItem {
  readonly holder: string;
  readonly entry: string;
  readonly approvalId: string;
  readonly process: string;
  readonly dueAt: string;
  readonly purgeAt: number;
}

/** The index items of a task for some of its people and groups. */
export function indexItems(
  record: Pick<ApprovalRecord, 'approvalId' | 'process' | 'deadlineAt' | 'purgeAt'>,
  holders: readonly string[],
): IndexItem[] {
  return [...new Set(holders)].map((holder) => ({
    holder,
    entry: inboxKeys.task(record.approvalId),
    approvalId: record.approvalId,
    process: record.process,
    dueAt: record.deadlineAt,
    purgeAt: record.purgeAt,
  }));
}
