import type { FormValues } from '../human-step/form/types.ts';
import type { ApprovalTimings } from '../human-step/policy.ts';
import { sha256Hex } from './hash.ts';

/**
 * The contracts between every process's state machine and the platform's handlers: what the starter
 * writes as execution input, what each platform Task is handed, and what the human step leaves in
 * the state (see statemachines/ and docs/processes.md).
 */

/** The document a workflow runs on; its id derives from its process and the SHA-256 of its content. */
export interface DocumentRef {
  readonly documentId: string;
  readonly process: string;
  /** SHA-256 of the content (the same file dropped into two processes is two documents with one hash). */
  readonly contentSha256?: string;
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
  /** Each human step of the execution writes its state under its step name (empty at the start). */
  readonly humanTasks: Readonly<Record<string, HumanTaskState>>;
}

/** What a plain step Task hands its handler. */
export interface StepEvent {
  readonly document: DocumentRef;
  readonly workflowVersion: string;
  readonly executionArn: string;
}

/** Step Functions' Catch output. */
export interface CaughtError {
  readonly Error: string;
  readonly Cause?: string;
}

export interface ApprovalVote {
  readonly approver: string;
  readonly decision: 'approve' | 'reject';
  /** The choice clicked, when the process offered its own. */
  readonly choice?: string;
  readonly at: string;
  readonly comment?: string;
  /** What this person handed back, when the step declared a form. */
  readonly values?: FormValues;
}

/** The human step's result: SendTaskSuccess's output, or the expiry step's result. */
export interface ApprovalOutcome {
  readonly approvalId: string;
  readonly decision: 'approved' | 'rejected' | 'expired';
  /** The choice that decided, when the process offered its own. */
  readonly choice?: string;
  readonly votes: readonly ApprovalVote[];
  readonly decidedAt: string;
  /** The form's values (`$.humanTasks.<Step>.outcome.values`), when the step declared one: see decidingValues. */
  readonly values?: FormValues;
}

/**
 * One human step's part of the state (`$.humanTasks.<step>`): the task and its waits (from the
 * prepare phase), then its outcome — a decision, or the `Approval.Rejected` error a rejection ends with.
 */
export interface HumanTaskState {
  readonly taskId: string;
  readonly timings: ApprovalTimings;
  readonly outcome?: ApprovalOutcome | CaughtError;
}

/** The execution name for a document: deterministic, so a redelivered event never starts a second workflow. */
export function executionName(process: string, documentId: string): string {
  return `${process}-${documentId}`;
}

/**
 * A document's id: the SHA-256 of its process and its content's SHA-256, so the same bytes dropped into
 * two processes' intakes are two documents, each idempotent within its process.
 */
export function documentIdOf(process: string, contentSha256: string): string {
  return sha256Hex(`document:${process}:${contentSha256}`);
}
