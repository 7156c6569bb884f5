import type { IdentityMethod } from '../identity/signed-in.ts';
import type { ApprovalVote } from '../shared/workflow.ts';
import type { HumanStepChoice, HumanStepRequest } from './request.ts';

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';
export type ApprovalPhase = 'request' | 'remind' | 'escalate';

/** The approver fields that say an email was sent, and the ones that say a run claimed it. */
export type NoticeField = 'notifiedAt' | 'remindedAt';
export const noticeIntent = { notifiedAt: 'notifyingAt', remindedAt: 'remindingAt' } as const;

/** A vote as stored: the decision plus who clicked, from where, and what they saw. */
export interface StoredVote extends ApprovalVote {
  readonly clientIp: string;
  readonly userAgent: string;
  readonly summaryHash: string;
}

export interface OneTimeCode {
  readonly codeHash: string;
  readonly expiresAt: number;
  readonly attempts: number;
}

export interface ApproverEntry {
  readonly email: string;
  readonly role: 'approver' | 'escalation';
  /** SHA-256 of each link secret this approver was sent; a reminder adds one, earlier links keep working. */
  readonly secretHashes: readonly string[];
  /** When the email of this phase was sent (SES accepted it). */
  readonly notifiedAt?: string;
  readonly remindedAt?: string;
  /**
   * When a run claimed the email of this phase, just before sending: set without the sent mark, the
   * run was cut off around the send, and no later run sends it again (at most once; see notices.ts).
   */
  readonly notifyingAt?: string;
  readonly remindingAt?: string;
  readonly vote?: StoredVote;
  readonly oneTimeCode?: OneTimeCode;
}

/**
 * One human task, stored in the KMS-encrypted approvals table: the task token never leaves it. Keyed by
 * execution, step and item, so one execution can ask people several times.
 */
export interface ApprovalRecord {
  readonly approvalId: string;
  readonly documentId: string;
  readonly process: string;
  readonly executionArn: string;
  /** The ASL's name for this human step (`approval`), and the item it decides on, if any. */
  readonly step: string;
  readonly itemKey?: string;
  /** The policy that governs it (a process id). */
  readonly policyId: string;
  readonly workflowVersion: string;
  readonly status: ApprovalStatus;
  readonly phase: ApprovalPhase;
  /** The current wait's task token; replaced when the workflow moves to the next phase. */
  readonly taskToken?: string;
  readonly approvers: Readonly<Record<string, ApproverEntry>>;
  /** Who takes over at the deadline, fixed when the task was created. */
  readonly escalationApprovers: readonly string[];
  readonly requiredApprovals: number;
  readonly veto: boolean;
  readonly separationOfDuties: boolean;
  readonly submittedBy?: string;
  readonly stepUp: boolean;
  readonly minDwellSeconds: number;
  /** How the approvers prove who they are; absent on tasks created before it existed, which used the link alone. */
  readonly identity?: IdentityMethod;
  /** What the process asked the person to see and decide, as it worded it. */
  readonly request: HumanStepRequest;
  readonly choices: readonly HumanStepChoice[];
  /** Audited with every vote: what the person saw. */
  readonly summaryHash: string;
  /** Random key for the page nonces (HMAC), so nonces need no storage. */
  readonly pageKey: string;
  readonly createdAt: string;
  readonly deadlineAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: readonly string[];
  /** When the decision reached the waiting workflow (SendTask* accepted); unset, whoever finds it delivers it. */
  readonly deliveredAt?: string;
  readonly purgeAt: number;
}

/** The versions every audit event of a task carries: the workflow's, and the model's and rules' that asked. */
export function versionsOf(record: ApprovalRecord) {
  return {
    workflow: record.workflowVersion,
    model: record.request.versions?.model,
    rules: record.request.versions?.rules,
  };
}
