import { causeMessage, classOfErrorName } from '../shared/errors.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { CaughtError, StepEvent } from '../shared/workflow.ts';
import type { AuditTrail } from '../stores/audit.ts';
import type { DocumentStore } from '../stores/documents.ts';

export interface RecordFailureDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
}

/** What the RecordFailure Task hands this function: the step that failed is named by the ASL. */
export interface RecordFailureEvent extends StepEvent {
  /** Set by the `<Step>Failed` Pass state each Catch leads to. */
  readonly failedStep: string;
  readonly failure: CaughtError;
}

/** Records FAILED with the error's class (transient or permanent), the step and the cause. */
export async function recordFailure(deps: RecordFailureDeps, event: RecordFailureEvent) {
  const { executionArn, failedStep: step } = event;
  const error = event.failure?.Error ?? 'Unknown';
  const failureClass = classOfErrorName(error);
  const cause = causeMessage(event.failure?.Cause).slice(0, 500);
  const versions = { workflow: event.workflowVersion };
  const actor = { kind: 'system', id: 'record-failure' } as const;
  const documentId = event.document.documentId;
  // FAILED is written with the move, in one write: a retry that finds the move made writes nothing.
  await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      documentId,
      to: 'FAILED',
      step: 'failure',
      actor,
      versions,
      executionArn,
      reason: `${step}: ${error}: ${cause}`,
      attributes: { failureClass, failedStep: step, errorName: error },
      with: [
        {
          documentId,
          step: 'failure',
          type: 'FAILED',
          actor,
          decision: failureClass,
          rationale: [`${step} failed with ${error}`, cause],
          versions,
          executionArn,
          details: { failedStep: step, error, failureClass },
        },
      ],
    },
  );
  return { failureClass, failedStep: step, error };
}
