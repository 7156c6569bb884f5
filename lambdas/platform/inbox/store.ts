import type { ApproverEntry } from '../human-step/record.ts';
import type { AuditEvent } from '../stores/audit.ts';
import type { Delegation, InboxRecord, TaskClaim } from './task.ts';

/** A claim to write: the holder, and the approver entry their vote will go under. */
export interface ClaimWrite {
  readonly claim: TaskClaim;
  readonly approverId: string;
  readonly entry: ApproverEntry;
  readonly event: AuditEvent;
  /** A lead's reassignment takes the task from whoever holds it; a claim only from an expired holder. */
  readonly override: boolean;
}

/**
 * The inbox's store port: the index read per holder, claims written on the task itself (one holder at a
 * time, conditionally, with their audit event in the same write), and delegations.
 */
export interface InboxStore {
  /** The ids of the tasks indexed under a holder (`inboxKeys.person(…)`, `inboxKeys.group(…)`). */
  indexed(holder: string): Promise<string[]>;
  task(approvalId: string): Promise<InboxRecord | undefined>;
  /** Claims or reassigns a pending task; false when another holds it (or it ended), and nothing is written. */
  claim(approvalId: string, write: ClaimWrite, now: Date): Promise<boolean>;
  /** Returns a claimed task to its group; false when `by` does not hold it. */
  release(approvalId: string, by: string, event: AuditEvent): Promise<boolean>;
  putDelegation(delegation: Delegation): Promise<void>;
  /** Every delegation given to a person (in force or not). */
  delegationsTo(email: string): Promise<Delegation[]>;
}
