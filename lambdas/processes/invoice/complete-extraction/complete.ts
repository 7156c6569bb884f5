import { InputRejectedError, PermanentError } from '../../../platform/shared/errors.ts';
import type { JobLeases } from '../../../platform/textract/job-leases.ts';
import type { JobStore } from '../../../platform/textract/jobs.ts';
import type { TaskDelivery } from '../../../platform/workflows/task-results.ts';
import type { JobStatus } from '../extract/expense-job.ts';
import { recordExtraction } from '../extract/finish.ts';
import { normaliseExpense } from '../extract/normalise-expense.ts';
import type { ArtifactPorts } from '../extract/ports.ts';
import type { JobNotification } from './notification.ts';

export interface CompleteDeps extends ArtifactPorts {
  readonly jobs: Pick<JobStore, 'byJob' | 'complete'>;
  readonly leases: Pick<JobLeases, 'release'>;
  readonly readJob: (jobId: string) => Promise<JobStatus>;
  readonly succeed: (taskToken: string, output: unknown) => Promise<TaskDelivery>;
  readonly fail: (taskToken: string, error: { name: string; message: string }) => Promise<TaskDelivery>;
  readonly now: () => Date;
}

export type Completion =
  | 'unknown-job'
  | 'already-handled'
  | 'still-running'
  | 'no-capacity'
  | 'delivered'
  | 'wait-ended'
  | 'failed';

/** Textract refuses some documents only when it reads them; those are bad input, not failures. */
export function jobFailure(message: string): Error {
  return /unsupported|invalid|password|encrypt|corrupt|malformed/i.test(message)
    ? new InputRejectedError('corrupt', `Textract could not read the document: ${message}`)
    : new PermanentError(`Textract expense job failed: ${message}`);
}

/**
 * A job finished: read all its pages, normalise them into one invoice, store it, resume the waiting
 * workflow, and free the job's slot. A notification for a job already handled (SNS delivers at least
 * once) does nothing.
 */
export async function completeJob(deps: CompleteDeps, notification: JobNotification): Promise<Completion> {
  const job = await deps.jobs.byJob(notification.jobId);
  if (!job) return 'unknown-job';
  if (job.completedAt) return 'already-handled';
  const status = await deps.readJob(job.jobId);
  if (status.status === 'IN_PROGRESS') return 'still-running';
  // Nothing is marked yet, so the redelivered notification reads the job again when a slot is free.
  if (status.status === 'NO_CAPACITY') return 'no-capacity';
  if (!(await deps.jobs.complete(job.jobId, deps.now().toISOString()))) return 'already-handled';
  await deps.leases.release(job.leaseKey, job.document.documentId);
  const context = {
    document: job.document,
    workflowVersion: job.workflowVersion,
    executionArn: job.executionArn,
  };
  if (status.status === 'FAILED') {
    await deps.fail(job.taskToken, jobFailure(status.message));
    return 'failed';
  }
  const result = await recordExtraction(
    deps,
    context,
    { ...normaliseExpense(status.pages), activeContent: job.activeContent ?? [] },
    'textract:StartExpenseAnalysis',
  );
  const delivery = await deps.succeed(job.taskToken, result);
  // A wait that ended (timed out) was or will be recovered from the stored artifact.
  return delivery === 'delivered' ? 'delivered' : 'wait-ended';
}
