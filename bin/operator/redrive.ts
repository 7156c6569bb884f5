import { RedriveExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import type { DocumentStatus } from '../../lambdas/platform/shared/status.ts';
import { changeStatus } from '../../lambdas/platform/shared/status-change.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import { auditAction, type Operator, operatorStep } from './context.ts';
import { errorName, RefusedError } from './errors.ts';
import { nextRedriveName, stateMachineOf } from './executions.ts';
import { failureRecorderStates, reachedFailurePath } from './failure-path.ts';
import { describeExecution, describeWhenEnded, executionHistory, workflowVersionOf } from './history.ts';

export type RedriveMode = 'redrive-execution' | 'new-execution';

export interface RedriveOutcome {
  readonly documentId: string;
  /** redrive-execution: the failed execution resumes (RedriveExecution); new-execution: a new one starts. */
  readonly mode: RedriveMode;
  readonly executionArn: string;
  readonly previousExecution: string;
  readonly status: DocumentStatus;
}

// A FAILED document's execution is between recording the failure and its Fail state for moments only.
const endingWaitMs = 30_000;

/**
 * Runs a FAILED document again. An execution that failed before reaching its failure path is redriven
 * where it failed; one that recorded its failure (and ended in its Fail state, which a redrive would
 * only re-enter) is replaced by a new execution `<process>-<documentId>-r<n>` with the same input, which
 * owns the document from before its start, so its steps' monotonic writes are accepted.
 */
export async function redriveDocument(
  operator: Operator,
  documentId: string,
  reason: string,
): Promise<RedriveOutcome> {
  const document = await operator.documents.get(documentId);
  if (!document) throw new RefusedError(`no document ${documentId} on ${operator.target.label}`);
  if (document.status !== 'FAILED')
    throw new RefusedError(`document is ${document.status}: only FAILED documents can be redriven`);
  const owner = document.ownerExecution;
  if (!owner) throw new RefusedError('document has no execution to redrive');
  const previous = await describeWhenEnded(operator.target.sfn, owner, endingWaitMs);
  if (!previous?.input) throw new RefusedError(`its execution ${owner} no longer exists; nothing to redrive`);
  if (previous.status === 'RUNNING')
    throw new RefusedError(
      `its execution is still running ${endingWaitMs / 1000} s after recording the failure; look at its timeline`,
    );

  const [audit, history] = await Promise.all([
    operator.audit.list(documentId),
    executionHistory(operator.target.sfn, owner),
  ]);
  const recorded = reachedFailurePath(owner, audit, history, failureRecorderStates(document.process));
  const workflow = workflowVersionOf(previous.input);
  const outcome = recorded
    ? await startNewExecution(operator, document, previous.input, reason, workflow)
    : await redriveExecution(operator, document, owner, reason, workflow);
  await auditAction(
    operator,
    {
      documentId,
      type: 'OPERATOR_REDRIVE',
      decision: outcome.mode,
      reason,
      versions: { workflow },
      executionArn: outcome.executionArn,
      details: { mode: outcome.mode, previousExecution: owner, execution: outcome.executionArn },
    },
    `${documentId}/operator/redrive/${outcome.executionArn}/${(previous.redriveCount ?? 0) + (recorded ? 0 : 1)}`,
  );
  return outcome;
}

async function redriveExecution(
  operator: Operator,
  document: DocumentRecord,
  executionArn: string,
  reason: string,
  workflow: string | undefined,
): Promise<RedriveOutcome> {
  // The document leaves FAILED first, so the resumed steps' writes are accepted.
  await move(operator, document, 'EXECUTING', { executionArn, reason, workflow });
  try {
    await operator.target.sfn.send(new RedriveExecutionCommand({ executionArn }));
  } catch (error) {
    await move(
      operator,
      document,
      'FAILED',
      { executionArn, reason: `redrive refused: ${describe(error)}`, workflow },
      false,
    );
    throw new RefusedError(`Step Functions refused to redrive ${executionArn}: ${describe(error)}`, {
      cause: error,
    });
  }
  return {
    documentId: document.documentId,
    mode: 'redrive-execution',
    executionArn,
    previousExecution: executionArn,
    status: 'EXECUTING',
  };
}

async function startNewExecution(
  operator: Operator,
  document: DocumentRecord,
  input: string,
  reason: string,
  workflow: string | undefined,
): Promise<RedriveOutcome> {
  const stateMachineArn = stateMachineOf(operator.target, document);
  const name = nextRedriveName(document);
  const executionArn = executionArnOf(stateMachineArn, name);
  if (await describeExecution(operator.target.sfn, executionArn))
    throw new RefusedError(`execution ${name} exists already; the document changed meanwhile`);
  // Ownership passes to the new execution before it starts, as the starter does for the first one.
  await move(operator, document, 'QUEUED', { executionArn, claimOwnership: true, reason, workflow });
  try {
    await operator.target.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
  } catch (error) {
    const failed = `redrive failed to start: ${describe(error)}`;
    await move(operator, document, 'FAILED', { executionArn, reason: failed, workflow }, false);
    throw new RefusedError(`could not start ${name}: ${describe(error)}`, { cause: error });
  }
  await move(operator, document, 'EXECUTING', { executionArn, reason, workflow }, false);
  return {
    documentId: document.documentId,
    mode: 'new-execution',
    executionArn,
    previousExecution: document.ownerExecution ?? '',
    status: 'EXECUTING',
  };
}

/** A status change by the operator; a refused one is an error unless `required` is false (the workflow may be ahead). */
async function move(
  operator: Operator,
  document: DocumentRecord,
  to: DocumentStatus,
  change: { executionArn: string; reason: string; workflow: string | undefined; claimOwnership?: boolean },
  required = true,
): Promise<void> {
  const result = await changeStatus(
    { documents: operator.documents, audit: operator.audit },
    {
      documentId: document.documentId,
      to,
      step: operatorStep,
      actor: operator.actor,
      versions: { workflow: change.workflow },
      executionArn: change.executionArn,
      claimOwnership: change.claimOwnership,
      reason: change.reason,
      now: operator.now(),
    },
  );
  if (!result.applied && required)
    throw new RefusedError(
      `the document changed meanwhile (now ${result.current?.status ?? 'missing'}); nothing was redriven`,
    );
}

function describe(error: unknown): string {
  return `${errorName(error) ?? 'Error'}: ${error instanceof Error ? error.message : String(error)}`;
}
