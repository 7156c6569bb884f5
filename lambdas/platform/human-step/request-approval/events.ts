import type { DocumentRef } from '../../shared/workflow.ts';
import type { ApprovalPhase } from '../record.ts';

/** The prepare phase (a synchronous Task): the process's request becomes a task, keyed by execution, step and item. */
export interface PrepareEvent {
  readonly phase: 'prepare';
  readonly step: string;
  readonly itemKey?: string;
  readonly document: DocumentRef;
  readonly workflowVersion: string;
  readonly executionArn: string;
  readonly request: unknown;
}

/** One wait of the task (`.waitForTaskToken`): request, remind or escalate. */
export interface WaitEvent {
  readonly phase: ApprovalPhase;
  readonly taskToken: string;
  readonly taskId: string;
  readonly executionArn: string;
  /** The document's process, for the metrics' Process dimension. */
  readonly process?: string;
}

/** The deadline passed (a synchronous Task). */
export interface ExpireEvent {
  readonly phase: 'expire';
  readonly taskId: string;
  readonly executionArn: string;
  readonly process?: string;
}

/** What the human step's function is invoked with, one shape per phase. */
export type RequestApprovalEvent = PrepareEvent | WaitEvent | ExpireEvent;
