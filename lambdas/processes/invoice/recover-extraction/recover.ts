import { TransientError } from '../../../platform/shared/errors.ts';
import type { StepEvent } from '../../../platform/shared/workflow.ts';
import type { JobStore } from '../../../platform/textract/jobs.ts';
import { jobFailure } from '../complete-extraction/complete.ts';
import type { ExtractionResult } from '../domain/workflow.ts';
import type { JobStatus } from '../extract/expense-job.ts';
import { cachedExtraction, recordExtraction } from '../extract/finish.ts';
import { normaliseExpense } from '../extract/normalise-expense.ts';
import type { ArtifactPorts } from '../extract/ports.ts';
import { recordedRejection } from '../extract/rejection.ts';

export interface RecoverDeps extends ArtifactPorts {
  readonly jobs: Pick<JobStore, 'jobIdOf' | 'byJob'>;
  readonly readJob: (jobId: string) => Promise<JobStatus>;
}

/**
 * The extraction wait timed out (a lost notification, a lost callback): look for the result itself.
 * The stored artifact if the work finished; the recorded refusal if the input was refused; else the
 * job's status read directly (job ids live seven days); a job still running is transient (the state
 * machine retries with backoff); no job at all means the request was never admitted, also transient,
 * so an operator can redrive it.
 */
export async function recoverExtraction(deps: RecoverDeps, event: StepEvent): Promise<ExtractionResult> {
  const context = {
    document: event.document,
    workflowVersion: event.workflowVersion,
    executionArn: event.executionArn,
  };
  const stored = await cachedExtraction(deps, event.document);
  if (stored) return recordExtraction(deps, context, stored, 'stored');
  // Refused while nobody was waiting: it is quarantined with its reason, as the wait would have been told.
  const refused = await recordedRejection(deps, event.document);
  if (refused) throw refused;
  const jobId = await deps.jobs.jobIdOf(event.document.documentId);
  if (!jobId) throw new TransientError('the extraction request was not admitted before the wait timed out');
  const status = await deps.readJob(jobId);
  if (status.status === 'IN_PROGRESS') throw new TransientError(`Textract job ${jobId} is still running`);
  if (status.status === 'NO_CAPACITY')
    throw new TransientError(`no GetExpenseAnalysis capacity to read Textract job ${jobId} now`);
  if (status.status === 'FAILED') throw jobFailure(status.message);
  await deps.audit.append(
    {
      documentId: context.document.documentId,
      step: 'extract',
      type: 'EXTRACTION_RECOVERED',
      actor: { kind: 'system', id: 'recover-extraction' },
      versions: { workflow: context.workflowVersion },
      executionArn: context.executionArn,
      rationale: ['the completion notification never arrived; the job was read directly'],
      details: { jobId },
    },
    { idempotencyKey: `${context.document.documentId}/${context.executionArn}/recovered` },
  );
  // What admission found goes with the result, whichever way it arrives.
  const activeContent = (await deps.jobs.byJob(jobId))?.activeContent ?? [];
  return recordExtraction(
    deps,
    context,
    { ...normaliseExpense(status.pages), activeContent },
    'textract:StartExpenseAnalysis',
  );
}
