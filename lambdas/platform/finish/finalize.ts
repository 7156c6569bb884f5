import { sha256Hex } from '../shared/hash.ts';
import { mayWrite } from '../shared/ownership.ts';
import { isTerminal } from '../shared/status.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { AuditEvent, AuditTrail } from '../stores/audit.ts';
import type { DocumentRecord, DocumentStore, PendingResult } from '../stores/documents.ts';
import { type FinalStatus, type FinishEvent, resultDocument, type Verdict, verdictOf } from './result.ts';
import { type ResultObjects, type ResultWrite, writeResultOnce } from './result-object.ts';

export interface FinalizeDeps {
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly results: ResultObjects;
  readonly resultsPrefix: string;
  readonly now: () => Date;
}

export interface FinalizeOutcome {
  /** The document's end; STALE for an execution that does not own it, ENDED when it ended otherwise (cancelled…). */
  readonly status: FinalStatus | 'STALE' | 'ENDED';
  readonly resultKey?: string;
  /** False when an earlier run had already finished it: this one wrote nothing. */
  readonly finishedNow: boolean;
}

/** A process's side effects of finishing (vendor history…), run once the result is written, before the status. */
export type AfterFinish = (verdict: Verdict, at: string) => Promise<void>;

const actor = { kind: 'system', id: 'finalize' } as const;
const pendingAttempts = 3;

/**
 * Ends the document: result JSON to S3 (once, by conditional write), the process's own effects, final
 * status and audit. An execution that no longer owns the document (a stale duplicate) writes nothing;
 * one that already ended it (a retried invocation, a resumed execution) returns what it recorded.
 */
export async function finalize(
  deps: FinalizeDeps,
  event: FinishEvent,
  body: Readonly<Record<string, unknown>> = event.result ?? {},
  afterFinish?: AfterFinish,
): Promise<FinalizeOutcome> {
  const { document, executionArn } = event;
  const { documentId, process } = document;
  let record = await deps.documents.get(documentId);
  if (!mayWrite(record, executionArn)) return stale(deps, event);
  if (record && isTerminal(record.status)) return recorded(record);

  const resultKey = `${deps.resultsPrefix}${process}/${documentId}.json`;
  const verdict = verdictOf(event.humanTasks);
  // The body's time comes from the pending result an earlier run of this execution recorded, so a
  // re-run writes the same bytes and recognises them by hash.
  let pending: PendingResult | undefined;
  for (let attempt = 1; !pending; attempt++) {
    const held = record?.pendingResult;
    const ours = held?.executionArn === executionArn && held.key === resultKey ? held : undefined;
    const at = ours?.at ?? deps.now().toISOString();
    const text = JSON.stringify(resultDocument(event, body, verdict, at), null, 2);
    const candidate: PendingResult = { executionArn, key: resultKey, hash: sha256Hex(text), at };
    if (ours?.hash === candidate.hash) pending = ours;
    else if (await deps.documents.recordPendingResult(documentId, candidate, held)) pending = candidate;
    else {
      record = await deps.documents.get(documentId);
      if (!mayWrite(record, executionArn)) return stale(deps, event);
      if (record && isTerminal(record.status)) return recorded(record);
      if (attempt >= pendingAttempts) throw new Error(`the pending result of ${documentId} keeps changing`);
    }
  }
  const text = JSON.stringify(resultDocument(event, body, verdict, pending.at), null, 2);
  const write: ResultWrite = await writeResultOnce(deps.results, resultKey, text, pending.hash);
  await afterFinish?.(verdict, pending.at);
  // FINALIZED is written with the final move, in one write.
  await changeStatus(
    { documents: deps.documents, audit: deps.audit },
    {
      ...auditBase(event),
      to: verdict.status,
      reason: verdict.reason,
      attributes: { resultKey, resultHash: pending.hash },
      with: [
        {
          ...auditBase(event),
          type: 'FINALIZED',
          decision: verdict.status,
          rationale: [verdict.reason],
          details: { resultKey, resultHash: pending.hash, write },
        },
      ],
    },
  );
  return { status: verdict.status, resultKey, finishedNow: true };
}

/** What every audit event of finishing carries: the document, the step, the versions that decided. */
function auditBase(event: FinishEvent) {
  return {
    documentId: event.document.documentId,
    step: 'finalize',
    actor,
    versions: { workflow: event.workflowVersion, ...event.versions },
    executionArn: event.executionArn,
  } satisfies Omit<AuditEvent, 'type'>;
}

async function stale(deps: FinalizeDeps, event: FinishEvent): Promise<FinalizeOutcome> {
  await deps.audit.append(
    {
      ...auditBase(event),
      type: 'STALE_EXECUTION_IGNORED',
      rationale: ['another execution owns this document'],
    },
    // A retried stale step is recorded once.
    { idempotencyKey: `${event.document.documentId}/${event.executionArn}/stale` },
  );
  return { status: 'STALE', finishedNow: false };
}

/**
 * The document already ended under this execution: nothing is written again. Its final move and
 * FINALIZED were one write, so there is nothing left to audit either.
 */
function recorded(record: DocumentRecord): FinalizeOutcome {
  if (record.status !== 'COMPLETED' && record.status !== 'REJECTED')
    return { status: 'ENDED', finishedNow: false };
  return {
    status: record.status,
    resultKey: record.resultKey ?? record.pendingResult?.key,
    finishedNow: false,
  };
}
