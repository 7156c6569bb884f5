import type { AuditTrail } from '../shared/audit.ts';
import type { DocumentStore } from '../shared/documents.ts';
import { isTerminal } from '../shared/status.ts';
import { changeStatus } from '../shared/status-change.ts';
import { type FinalStatus, type FinishEvent, resultDocument, type Verdict, verdictOf } from './result.ts';

export interface FinalizeDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly writeResult: (key: string, body: string) => Promise<void>;
  readonly resultsPrefix: string;
  readonly now: () => Date;
}

export interface FinalizeOutcome {
  readonly status: FinalStatus | 'STALE';
  readonly resultKey?: string;
}

/** A process's side effects of finishing (vendor history…), run once the result is written, before the status. */
export type AfterFinish = (verdict: Verdict, at: string) => Promise<void>;

/**
 * Ends the document: result JSON to S3, the process's own effects, final status and audit. An execution
 * that no longer owns the document (a stale duplicate) writes nothing; one that already ended it returns
 * what it recorded.
 */
export async function finalize(
  deps: FinalizeDeps,
  event: FinishEvent,
  body: Readonly<Record<string, unknown>> = event.result ?? {},
  afterFinish?: AfterFinish,
): Promise<FinalizeOutcome> {
  const { document, executionArn } = event;
  const { documentId, process } = document;
  const versions = { workflow: event.workflowVersion, ...event.versions };
  const actor = { kind: 'system', id: 'finalize' } as const;
  const record = await deps.documents.get(documentId);
  if (record?.ownerExecution !== undefined && record.ownerExecution !== executionArn) {
    await deps.audit.append(
      {
        documentId,
        step: 'finalize',
        type: 'STALE_EXECUTION_IGNORED',
        actor,
        versions,
        executionArn,
        rationale: ['another execution owns this document'],
      },
      { idempotencyKey: `${documentId}/${executionArn}/stale` },
    );
    return { status: 'STALE' };
  }
  const resultKey = `${deps.resultsPrefix}${process}/${documentId}.json`;
  if (record && isTerminal(record.status) && (record.status === 'COMPLETED' || record.status === 'REJECTED'))
    // This execution already finished the document (a retried invocation): nothing is written again.
    return { status: record.status, resultKey: record.resultKey ?? resultKey };
  const verdict = verdictOf(event.humanTasks);
  const at = deps.now().toISOString();
  await deps.writeResult(resultKey, JSON.stringify(resultDocument(event, body, verdict, at), null, 2));
  await afterFinish?.(verdict, at);
  const change = await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      documentId,
      to: verdict.status,
      step: 'finalize',
      actor,
      versions,
      executionArn,
      reason: verdict.reason,
      attributes: { resultKey },
    },
  );
  await deps.audit.append(
    {
      documentId,
      step: 'finalize',
      type: 'FINALIZED',
      actor,
      decision: verdict.status,
      rationale: [verdict.reason],
      versions,
      executionArn,
      details: { resultKey, applied: change.applied },
    },
    { idempotencyKey: `${documentId}/${executionArn}/finalized` },
  );
  return { status: verdict.status, resultKey };
}
