import { causeMessage } from '../shared/errors.ts';
import type { ApprovalOutcome, CaughtError, HumanTaskState, StepEvent } from '../shared/workflow.ts';

export type FinalStatus = 'COMPLETED' | 'REJECTED';

export interface Verdict {
  readonly status: FinalStatus;
  readonly reason: string;
}

/** What a finishing Task hands its handler: the document, its human tasks, and the versions that decided. */
export interface FinishEvent extends StepEvent {
  readonly humanTasks: Readonly<Record<string, HumanTaskState>>;
  /** What the process puts in its result document; the platform's finalize writes it as given. */
  readonly result?: Readonly<Record<string, unknown>>;
  readonly versions?: { readonly model?: string; readonly rules?: string };
}

const isError = (outcome: ApprovalOutcome | CaughtError): outcome is CaughtError => 'Error' in outcome;

/** A human task's outcome as recorded in the result: a decision, or a rejection with its detail. */
export function outcomeRecord(outcome: ApprovalOutcome | CaughtError): unknown {
  if (!isError(outcome)) return outcome;
  let detail: unknown = causeMessage(outcome.Cause);
  try {
    detail = JSON.parse(outcome.Cause ?? '');
  } catch {
    // keep the message
  }
  return { decision: 'rejected', detail };
}

/**
 * The document's end, from its human tasks: any rejected or expired → REJECTED; otherwise COMPLETED,
 * approved or with no person needed.
 */
export function verdictOf(humanTasks: FinishEvent['humanTasks']): Verdict {
  const outcomes = Object.values(humanTasks).flatMap((t) => (t.outcome ? [t.outcome] : []));
  for (const outcome of outcomes) {
    if (isError(outcome) || outcome.decision === 'rejected')
      return { status: 'REJECTED', reason: 'rejected by the approvers' };
    if (outcome.decision === 'expired')
      return { status: 'REJECTED', reason: 'approval expired; rejected automatically' };
  }
  if (outcomes.length > 0) return { status: 'COMPLETED', reason: 'approved' };
  return { status: 'COMPLETED', reason: 'no approval required' };
}

/** The result document written to `results/<process>/`: what was decided, by whom, under which versions. */
export function resultDocument(
  event: FinishEvent,
  body: Readonly<Record<string, unknown>>,
  verdict: Verdict,
  at: string,
) {
  const { document } = event;
  return {
    documentId: document.documentId,
    process: document.process,
    status: verdict.status,
    reason: verdict.reason,
    source: { bucket: document.bucket, key: document.key, versionId: document.versionId },
    ...body,
    humanTasks: Object.fromEntries(
      Object.entries(event.humanTasks).map(([step, t]) => [
        step,
        t.outcome ? outcomeRecord(t.outcome) : null,
      ]),
    ),
    versions: {
      workflow: event.workflowVersion,
      model: event.versions?.model ?? null,
      rules: event.versions?.rules ?? null,
    },
    executionArn: event.executionArn,
    finalizedAt: at,
  };
}
