/**
 * A process's approval policy, from CDK context (validated at synth) to the functions as the
 * APPROVAL_POLICY environment variable. The rules decide whether a person must approve; this policy
 * says who, how many, how fast, and with which safeguards.
 */
export interface ApprovalPolicy {
  /** Email addresses of the approvers. */
  readonly approvers: readonly string[];
  /** Who takes over once when the deadline passes; empty means no escalation. */
  readonly escalationApprovers: readonly string[];
  /** Approvals needed (1 = any one of the approvers). */
  readonly quorum: number;
  /** One rejection ends the approval as rejected, whatever the quorum. */
  readonly veto: boolean;
  /** The submitter of a document may not approve it. */
  readonly separationOfDuties: boolean;
  /** Invoices with a total above this amount need a person. Decimal string. */
  readonly amountThreshold: string;
  /** Invoices with a total above this amount need one more approval than the quorum. Decimal string. */
  readonly secondApproverAbove: string | null;
  /** Risk band from which a person must approve. */
  readonly riskBandRequiringApproval: 'medium' | 'high';
  /** Step-up one-time code: never, always, or when the total is above `stepUpAbove`. */
  readonly stepUp: 'never' | 'always' | 'above-amount';
  readonly stepUpAbove: string | null;
  /** The approval SLA, from request to deadline. */
  readonly timeoutSeconds: number;
  /** How long before the deadline the reminder goes out. */
  readonly reminderBeforeSeconds: number;
  /** How long the escalation approvers have. */
  readonly escalationTimeoutSeconds: number;
  /** Minimum seconds between rendering the page and a decision, so scanners that click cannot decide. */
  readonly minDwellSeconds: number;
}

export const defaultApprovalPolicy: ApprovalPolicy = {
  approvers: ['approver@example.com'],
  escalationApprovers: [],
  quorum: 1,
  veto: true,
  separationOfDuties: true,
  amountThreshold: '10000.00',
  secondApproverAbove: null,
  riskBandRequiringApproval: 'high',
  stepUp: 'never',
  stepUpAbove: null,
  timeoutSeconds: 3 * 24 * 3600,
  reminderBeforeSeconds: 24 * 3600,
  escalationTimeoutSeconds: 24 * 3600,
  minDwellSeconds: 3,
};
