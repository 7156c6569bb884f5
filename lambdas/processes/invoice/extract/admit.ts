import { classify, InputRejectedError, TowerError } from '../../../platform/shared/errors.ts';
import { logger } from '../../../platform/shared/observability.ts';
import type { ExtractionRequest } from '../../../platform/textract/request.ts';
import { withThrottleRetries } from '../../../platform/textract/throttle-retry.ts';
import { cachedExtraction, recordExtraction } from './finish.ts';
import { inspectDocument } from './inspect-document.ts';
import { normaliseExpense } from './normalise-expense.ts';
import type { AdmitDeps } from './ports.ts';
import { recordRejection } from './rejection.ts';

export type Admission =
  | { readonly outcome: 'done'; readonly how: 'cached' | 'sync' | 'async-started' | 'rejected' | 'failed' }
  | { readonly outcome: 'defer'; readonly seconds: number; readonly why: string };

/** A job's slot is held at most this long; a lost completion frees it when the lease runs out. */
export const jobLeaseSeconds = 3600;
// How long a request may wait here for a rate slot before going back to the queue.
const slotWaitMs = 5000;

const defer = (seconds: number, why: string): Admission => ({
  outcome: 'defer',
  seconds: Math.ceil(seconds + Math.random() * 2),
  why,
});

/**
 * Admits one extraction request at the account's Textract rate. Capacity that is not there yet sends
 * the request back to the queue (cheap), never to Step Functions retries. The workflow hears only the
 * outcome: the extraction (sync), later from the job's completion (async), or a classified failure.
 */
export async function admit(
  deps: AdmitDeps,
  request: ExtractionRequest,
  lastAttempt: boolean,
): Promise<Admission> {
  const { document, taskToken } = request;
  const context = {
    document,
    workflowVersion: request.workflowVersion,
    executionArn: request.executionArn,
  };
  try {
    const stored = await cachedExtraction(deps, document);
    if (stored) {
      await deps.succeed(taskToken, await recordExtraction(deps, context, stored, 'stored'));
      return { outcome: 'done', how: 'cached' };
    }
    const input = await inspectDocument(deps, document, deps.activeContentPolicy);
    if (input.path === 'sync') {
      if (!(await deps.rates.take('sync', deps.limits.syncTps, deps.now() + slotWaitMs)))
        return defer(1, 'sync rate');
      const analysed = await withThrottleRetries(() => deps.analyzeExpense(document));
      if (!analysed.ok) return defer(2, 'throttled');
      const result = await recordExtraction(
        deps,
        context,
        { ...normaliseExpense(analysed.value), activeContent: input.activeContent },
        'textract:AnalyzeExpense',
      );
      await deps.succeed(taskToken, result);
      return { outcome: 'done', how: 'sync' };
    }
    const lease = await deps.leases.acquire(
      document.documentId,
      deps.limits.maxConcurrentJobs,
      jobLeaseSeconds,
      deps.now(),
    );
    if (!lease) return defer(5, 'concurrent jobs');
    if (!(await deps.rates.take('start', deps.limits.startTps, deps.now() + slotWaitMs))) {
      await deps.leases.release(lease, document.documentId);
      return defer(1, 'start rate');
    }
    const started = await withThrottleRetries(() => deps.startExpenseAnalysis(document));
    if (!started.ok) {
      await deps.leases.release(lease, document.documentId);
      return defer(2, 'throttled');
    }
    await deps.jobs.record(
      {
        jobId: started.value,
        taskToken,
        document,
        workflowVersion: request.workflowVersion,
        executionArn: request.executionArn,
        leaseKey: lease,
        startedAt: new Date(deps.now()).toISOString(),
        activeContent: input.activeContent,
      },
      deps.now(),
    );
    await deps.audit.append(
      {
        documentId: document.documentId,
        step: 'extract',
        type: 'EXTRACTION_STARTED',
        actor: { kind: 'model', id: 'textract:StartExpenseAnalysis' },
        inputHash: document.contentSha256 ?? document.documentId,
        versions: { workflow: request.workflowVersion },
        executionArn: request.executionArn,
        details: { jobId: started.value, pageCount: input.pageCount },
      },
      { idempotencyKey: `${document.documentId}/${request.executionArn}/extraction-started` },
    );
    return { outcome: 'done', how: 'async-started' };
  } catch (error) {
    const classified = error instanceof TowerError ? error : classify(error);
    if (classified.errorClass === 'transient' && !lastAttempt) return defer(5, classified.name);
    logger.warn('Extraction refused', { errorName: classified.name, errorClass: classified.errorClass });
    if (classified instanceof InputRejectedError) await recordRejection(deps, document, classified);
    await deps.fail(taskToken, classified);
    return { outcome: 'done', how: classified instanceof InputRejectedError ? 'rejected' : 'failed' };
  }
}
