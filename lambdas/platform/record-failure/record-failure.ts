import type { AuditTrail } from '../shared/audit.ts';
import type { DocumentStore } from '../shared/documents.ts';
import { causeMessage, classOfErrorName } from '../shared/errors.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { StateEvent, WorkflowState } from '../shared/workflow.ts';

export interface RecordFailureDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
}

/** The step that failed, read from what the state already holds (every Catch writes `$.failure`). */
export function failedStep(state: WorkflowState): string {
  if (!state.extraction) return state.rejection ? 'quarantine' : 'extract';
  if (!state.score) return 'score';
  if (!state.rules) return 'rules';
  const decided = state.approval !== undefined || state.approvalRejection !== undefined;
  if (state.rules.approval.required && !decided) return 'approval';
  return 'finalize';
}

/** Records FAILED with the error's class (transient or permanent), the step and the cause. */
export async function recordFailure(deps: RecordFailureDeps, event: StateEvent) {
  const { state, executionArn } = event;
  const error = state.failure?.Error ?? 'Unknown';
  const failureClass = classOfErrorName(error);
  const step = failedStep(state);
  const cause = causeMessage(state.failure?.Cause).slice(0, 500);
  const versions = {
    workflow: state.workflowVersion,
    model: state.score?.modelVersion,
    rules: state.rules?.ruleSetVersion,
  };
  const actor = { kind: 'system', id: 'record-failure' } as const;
  const documentId = state.document.documentId;
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
    },
  );
  await deps.audit.append(
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
    { idempotencyKey: `${documentId}/${executionArn}/failed/${step}` },
  );
  return { failureClass, failedStep: step, error };
}
