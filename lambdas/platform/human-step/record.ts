import type { ApprovalVote } from '../shared/workflow.ts';

/** What the approver is shown and decides on; its hash is audited with every decision. */
export interface ApprovalSummary {
  readonly process: string;
  readonly documentId: string;
  readonly vendor: string | null;
  readonly invoiceNumber: string | null;
  readonly invoiceDate: string | null;
  readonly dueDate: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly riskBand: string;
  readonly riskScore: number;
  readonly riskRationale: readonly string[];
  readonly degraded: boolean;
  /** Why the rules asked for a person. */
  readonly reasons: readonly string[];
}

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';
export type ApprovalPhase = 'request' | 'remind' | 'escalate';

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
  readonly notifiedAt?: string;
  readonly remindedAt?: string;
  readonly vote?: StoredVote;
  readonly oneTimeCode?: OneTimeCode;
}

/** One approval, stored in the KMS-encrypted approvals table: the task token never leaves it. */
export interface ApprovalRecord {
  readonly approvalId: string;
  readonly documentId: string;
  readonly process: string;
  readonly executionArn: string;
  readonly workflowVersion: string;
  readonly status: ApprovalStatus;
  readonly phase: ApprovalPhase;
  /** The current wait's task token; replaced when the workflow moves to the next phase. */
  readonly taskToken?: string;
  readonly approvers: Readonly<Record<string, ApproverEntry>>;
  readonly requiredApprovals: number;
  readonly veto: boolean;
  readonly separationOfDuties: boolean;
  readonly submittedBy?: string;
  readonly stepUp: boolean;
  readonly minDwellSeconds: number;
  readonly summary: ApprovalSummary;
  readonly summaryHash: string;
  /** Random key for the page nonces (HMAC), so nonces need no storage. */
  readonly pageKey: string;
  readonly createdAt: string;
  readonly deadlineAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: readonly string[];
  readonly purgeAt: number;
}
