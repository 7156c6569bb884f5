import { type DocumentStatus, isTerminal } from '../../lambdas/platform/shared/status.ts';
import { executionName } from '../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import type { InvocationRecord } from '../../local/lambda/invocation.ts';
import { inPool } from '../../local/runtime/pool.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { inspect } from '../common/inspect.ts';
import { type DecisionRecord, MailboxApprover } from './approver.ts';
import type { BenchDocument, PlannedPath } from './workload.ts';

export interface DocumentOutcome {
  readonly documentId: string;
  readonly fileName: string;
  readonly planned: PlannedPath;
  readonly executionName: string;
  readonly droppedAt: number;
  /** When its status became terminal (the record's `updatedAt`); absent when it never did. */
  readonly terminalAt?: number;
  /** The last status seen; `none` when no record was ever written. */
  readonly status: DocumentStatus | 'none';
}

export interface EndToEndResult {
  readonly outcomes: readonly DocumentOutcome[];
  readonly firstDropAt: number;
  readonly executions: readonly ExecutionRecord[];
  readonly invocations: readonly InvocationRecord[];
  readonly decisions: readonly DecisionRecord[];
  readonly intakeBatches: number;
}

export interface EndToEndOptions {
  readonly processId: string;
  /** Uploads in flight while dropping. */
  readonly concurrency: number;
  /** From the first drop; documents not terminal by then are lost. */
  readonly timeoutMs: number;
  /** Whose emailed links are followed (not the submitter: separation of duties). */
  readonly approver: string;
  readonly submittedBy: string;
  /** Between choosing and confirming on the approval page. */
  readonly dwellMs: number;
  /** Progress lines while waiting (every sweep). */
  readonly progress?: (line: string) => void;
  /** How often the documents table is scanned for statuses not signalled by an execution's end. @default 10000 */
  readonly sweepMs?: number;
}

interface Tracked {
  droppedAt: number;
  status: DocumentStatus | 'none';
  terminalAt?: number;
}

/**
 * Drops every document into the intake prefix, approves the ones that wait for a person through the
 * emailed link, and waits until each is terminal or the timeout passes. A document's end time is its
 * record's `updatedAt` when it turned terminal, so how often this side looks does not change it.
 */
export async function runEndToEnd(
  runtime: LocalRuntime,
  documents: readonly BenchDocument[],
  options: EndToEndOptions,
): Promise<EndToEndResult> {
  const tools = inspect(runtime);
  const tracked = new Map<string, Tracked>(
    documents.map((d) => [d.documentId, { droppedAt: 0, status: 'none' }]),
  );
  const byExecution = new Map(documents.map((d) => [executionName(options.processId, d.documentId), d]));
  let remaining = documents.length;
  let allTerminal: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    allTerminal = resolve;
  });
  const observe = (record: DocumentRecord) => {
    const entry = tracked.get(record.documentId);
    if (!entry || entry.terminalAt !== undefined) return;
    entry.status = record.status;
    if (!isTerminal(record.status)) return;
    entry.terminalAt = Date.parse(record.updatedAt);
    remaining -= 1;
    if (remaining === 0) allTerminal();
  };
  const approver = new MailboxApprover(() => tools.approvalLinks(), {
    approver: options.approver,
    dwellMs: options.dwellMs,
  });
  let listening = true;
  // An execution ends right after its last step wrote the final status: read it then.
  runtime.stepFunctions.onExecutionEnded(({ executionArn }) => {
    const doc = listening ? byExecution.get(executionArn.split(':').at(-1) ?? '') : undefined;
    if (doc)
      void tools.document(doc.documentId).then(
        (r) => r && observe(r),
        () => undefined,
      );
  });
  const sweep = async () => {
    for (const record of await tools.documents()) observe(record);
    const awaiting = [...tracked.values()].filter((t) => t.status === 'AWAITING_APPROVAL').length;
    options.progress?.(
      `${documents.length - remaining}/${documents.length} terminal, ${awaiting} awaiting approval, ${approver.decisions.length} approved`,
    );
  };

  approver.start();
  const sweeper = setInterval(() => void sweep().catch(() => undefined), options.sweepMs ?? 10_000);
  const firstDropAt = Date.now();
  let deadline: NodeJS.Timeout | undefined;
  try {
    await inPool(documents, options.concurrency, async (doc) => {
      const entry = tracked.get(doc.documentId);
      if (entry) entry.droppedAt = Date.now();
      const id = await tools.drop(options.processId, doc.fileName, doc.body, {
        'submitted-by': options.submittedBy,
      });
      if (id !== doc.documentId)
        throw new Error(`${doc.fileName} was stored as ${id}, not ${doc.documentId}`);
    });
    const timedOut = new Promise<void>((resolve) => {
      deadline = setTimeout(resolve, Math.max(0, firstDropAt + options.timeoutMs - Date.now()));
    });
    await Promise.race([finished, timedOut]);
  } finally {
    listening = false;
    clearTimeout(deadline);
    clearInterval(sweeper);
    await approver.stop();
  }
  // One last look, so a lost document is reported with its latest status.
  if (remaining > 0) await sweep();

  return {
    outcomes: documents.map((d) => {
      const t = tracked.get(d.documentId) ?? { droppedAt: 0, status: 'none' as const };
      return {
        documentId: d.documentId,
        fileName: d.fileName,
        planned: d.planned,
        executionName: executionName(options.processId, d.documentId),
        droppedAt: t.droppedAt,
        status: t.status,
        ...(t.terminalAt === undefined ? {} : { terminalAt: t.terminalAt }),
      };
    }),
    firstDropAt,
    executions: runtime.stepFunctions.store.list().filter((e) => byExecution.has(e.name)),
    invocations: [...runtime.lambda.invocations],
    decisions: [...approver.decisions],
    intakeBatches: runtime.intake.batchesInvoked,
  };
}
