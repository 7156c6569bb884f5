import type { InvoiceHeader } from '../../processes/invoice/domain/invoice.ts';

/**
 * The contracts between the state machine and its handlers: what each Task's Parameters hand the
 * handler, and what the handler returns into the state (see statemachines/invoice.asl.json).
 */

/** The document a workflow runs on; its id is the SHA-256 of its content. */
export interface DocumentRef {
  readonly documentId: string;
  readonly process: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly size: number;
  readonly contentType?: string;
  /** Who submitted it (uploader principal or `submitted-by` metadata), for separation of duties. */
  readonly submittedBy?: string;
  readonly receivedAt: string;
}

/** The execution input written by the starter. */
export interface WorkflowInput {
  readonly document: DocumentRef;
  readonly workflowVersion: string;
}

/** What a plain step Task hands its handler. */
export interface StepEvent extends WorkflowInput {
  readonly executionArn: string;
}

export interface ExtractionResult {
  readonly invoice: InvoiceHeader;
  /** S3 key of the full normalised invoice, line items included. */
  readonly artifactKey: string;
  readonly inputHash: string;
}

export type RiskBand = 'low' | 'medium' | 'high';

export interface Contribution {
  readonly feature: string;
  readonly value: number;
  /** Signed contribution to the log-odds (model) or points (heuristic). */
  readonly contribution: number;
  readonly explanation: string;
}

export interface ScoreResult {
  readonly score: number;
  readonly band: RiskBand;
  /** Top contributing features, largest first. */
  readonly rationale: readonly Contribution[];
  /** Every feature's value, so later steps can act on a signal whether or not it made the top three. */
  readonly features: Readonly<Record<string, number>>;
  readonly modelVersion: string;
  readonly method: 'model' | 'heuristic';
  readonly degraded: boolean;
  readonly degradedReason?: string;
  readonly inputHash: string;
}

export interface ApprovalRequirement {
  readonly required: boolean;
  readonly reasons: readonly { readonly rule: string; readonly message: string }[];
  /** Votes needed to approve (N of the approvers). */
  readonly requiredApprovals: number;
  /** Step-up one-time code required for this decision. */
  readonly stepUp: boolean;
  /** Seconds the first wait lasts before the reminder. */
  readonly reminderAfterSeconds: number;
  /** Seconds from the reminder to the deadline. */
  readonly remainingAfterReminderSeconds: number;
  readonly escalate: boolean;
  readonly escalationSeconds: number;
}

export interface RulesResult {
  readonly ruleSetVersion: string;
  readonly terms: { readonly code: string; readonly days: number };
  readonly dueDate: string | null;
  readonly discount: {
    readonly percent: number;
    readonly withinDays: number;
    readonly deadline: string;
    readonly amount: string;
  } | null;
  readonly approval: ApprovalRequirement;
  /** Names of the rules that fired, in order. */
  readonly fired: readonly string[];
  readonly inputHash: string;
}

export interface ApprovalVote {
  readonly approver: string;
  readonly decision: 'approve' | 'reject';
  readonly at: string;
  readonly comment?: string;
}

/** The output of the approval wait: SendTaskSuccess's output, or the expiry step's result. */
export interface ApprovalOutcome {
  readonly approvalId: string;
  readonly decision: 'approved' | 'rejected' | 'expired';
  readonly votes: readonly ApprovalVote[];
  readonly decidedAt: string;
}

/** Step Functions' Catch output. */
export interface CaughtError {
  readonly Error: string;
  readonly Cause?: string;
}

/** The whole state as Finalize, RecordFailure and the approval steps receive it. */
export interface WorkflowState extends WorkflowInput {
  readonly extraction?: ExtractionResult;
  readonly score?: ScoreResult;
  readonly rules?: RulesResult;
  readonly approval?: ApprovalOutcome;
  readonly approvalRejection?: CaughtError;
  readonly approvalTimeout?: CaughtError;
  readonly rejection?: CaughtError;
  readonly failure?: CaughtError;
}

/** What Finalize, RecordFailure and the approval steps are handed. */
export interface StateEvent {
  readonly state: WorkflowState;
  readonly executionArn: string;
}

/** The execution name for a document: deterministic, so a redelivered event never starts a second workflow. */
export function executionName(process: string, documentId: string): string {
  return `${process}-${documentId}`;
}
