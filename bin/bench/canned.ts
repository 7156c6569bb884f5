import type { FinalizeOutcome } from '../../lambdas/platform/finish/finalize.ts';
import type { Catalog } from '../../lambdas/platform/registry/catalog.ts';
import type { FunctionId } from '../../lambdas/platform/registry/functions.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import type { ApprovalOutcome, WorkflowInput } from '../../lambdas/platform/shared/workflow.ts';
import type { InvoiceHeader } from '../../lambdas/processes/invoice/domain/invoice.ts';
import type {
  ExtractionResult,
  RulesResult,
  ScoreResult,
} from '../../lambdas/processes/invoice/domain/workflow.ts';
import { type AslDefinition, allStates } from '../../local/stepfunctions/definition.ts';

/**
 * Instant handlers for the orchestration-overhead runs: each workflow function's result, typed against
 * the handler contracts, sized like a real one, returned at once. The rules never require approval, so
 * executions take the happy path and no `.waitForTaskToken` state waits for a callback.
 */

const hash = 'b'.repeat(64);
const field = (value: string) => ({ value, confidence: 98.5 });

const invoice: InvoiceHeader = {
  vendor: field('Hartmann Elektro GmbH'),
  invoiceNumber: field('RE-2024-00417'),
  invoiceDate: field('2024-05-02'),
  dueDate: field('2024-06-01'),
  currency: field('EUR'),
  subtotal: field('1840.00'),
  tax: field('349.60'),
  total: field('2189.60'),
  bankAccountHash: 'a'.repeat(64),
  pageCount: 1,
  warnings: [],
  lineItemCount: 3,
};

const extraction: ExtractionResult = {
  invoice,
  artifactKey: `extractions/invoice/${hash}.json`,
  inputHash: hash,
  activeContent: [],
};

const score: ScoreResult = {
  score: 0.08,
  band: 'low',
  rationale: [
    { feature: 'vendorHistory', value: 12, contribution: -1.2, explanation: 'known vendor, 12 invoices' },
    { feature: 'amountVsMedian', value: 1.1, contribution: 0.1, explanation: 'close to the usual amount' },
    { feature: 'daysToDue', value: 30, contribution: -0.2, explanation: 'standard terms' },
  ],
  features: { vendorHistory: 12, amountVsMedian: 1.1, daysToDue: 30, bankDetailsChanged: 0, duplicate: 0 },
  modelVersion: 'vendor-risk@bench',
  method: 'model',
  degraded: false,
  inputHash: hash,
};

const rules: RulesResult = {
  ruleSetVersion: 'invoice-rules@bench',
  terms: { code: 'NET30', days: 30 },
  dueDate: '2024-06-01',
  discount: null,
  approval: {
    required: false,
    reasons: [],
    request: {
      title: 'Invoice RE-2024-00417 from Hartmann Elektro GmbH (EUR 2,189.60)',
      facts: [{ label: 'Amount', value: 'EUR 2,189.60' }],
      reasons: [],
      requirement: {},
    },
  },
  fired: ['payment-terms-net30'],
  inputHash: hash,
};

const approval: ApprovalOutcome = {
  approvalId: 'bench-approval',
  decision: 'approved',
  votes: [{ approver: 'alice@example.com', decision: 'approve', at: '2024-05-03T09:00:00.000Z' }],
  decidedAt: '2024-05-03T09:00:00.000Z',
};

const finalized: FinalizeOutcome = {
  status: 'COMPLETED',
  resultKey: `results/invoice/${hash}.json`,
  finishedNow: true,
};

export const cannedResults: Readonly<Partial<Record<FunctionId, unknown>>> = {
  extract: extraction,
  score,
  rules,
  'request-approval': approval,
  finalize: finalized,
  'invoice-finalize': finalized,
  quarantine: { status: 'REJECTED_INPUT' },
  'record-failure': { status: 'FAILED', failureClass: 'permanent' },
};

/** A fresh copy, as a worker's structured-cloned answer would be. */
export function cannedResult(functionId: string): unknown {
  const result = cannedResults[functionId as FunctionId];
  return result === undefined ? undefined : structuredClone(result);
}

/** The execution input the starter would write for the n-th document. */
export function cannedInput(process: ProcessSpec, n: number, workflowVersion: string): WorkflowInput {
  const documentId = n.toString(16).padStart(64, '0');
  return {
    document: {
      documentId,
      process: process.id,
      bucket: 'tower-bench',
      key: `${process.intakePrefix}bench-${n}.pdf`,
      size: 2_140,
      contentType: 'application/pdf',
      submittedBy: 'bench@tower.local',
      receivedAt: '2024-05-02T08:00:00.000Z',
    },
    workflowVersion,
    humanTasks: {},
  };
}

/**
 * Which function answers each Task state, read from the unsubstituted ASL: the `${Placeholder}` in its
 * Resource or `Parameters.FunctionName` (Lambda tasks), or in `Parameters.QueueUrl` (a queue task,
 * answered by the queue's consumer).
 */
export function taskFunctions(
  rawDefinition: AslDefinition,
  process: ProcessSpec,
  catalog: Catalog,
): Map<string, FunctionId> {
  const found = new Map<string, FunctionId>();
  const placeholders = catalog.placeholdersOf(process);
  // A queue task is answered by the queue's consumer.
  const consumerOf = (name: string) => {
    const queueId = placeholders.queues[name];
    return queueId === undefined ? undefined : catalog.queue(queueId).consumer;
  };
  const placeholder = (value: unknown) =>
    typeof value === 'string' && value.startsWith('${') && value.endsWith('}')
      ? value.slice(2, -1)
      : undefined;
  for (const [name, state] of allStates(rawDefinition)) {
    if (state.Type !== 'Task') continue;
    const parameters = (state.Parameters ?? {}) as { FunctionName?: unknown; QueueUrl?: unknown };
    const fn = placeholder(state.Resource) ?? placeholder(parameters.FunctionName);
    const queue = placeholder(parameters.QueueUrl);
    const functionId = fn ? placeholders.functions[fn] : queue ? consumerOf(queue) : undefined;
    if (functionId) found.set(name, functionId);
  }
  return found;
}

/** The task tokens in an SQS event's message bodies (a queue task's `$$.Task.Token`). */
export function taskTokensIn(event: unknown): string[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [];
  return records.flatMap((record: { body?: unknown }) => {
    try {
      const body = JSON.parse(String(record.body)) as { taskToken?: unknown };
      return typeof body.taskToken === 'string' ? [body.taskToken] : [];
    } catch {
      return [];
    }
  });
}
