import type { FunctionId } from '../lambdas/platform/registry/functions.ts';
import type { QueueId } from '../lambdas/platform/registry/queues.ts';

/**
 * The processes Tower runs, as pure data: one Step Functions state machine each. The CDK app and the
 * local runtime both read this registry, so placeholders, prefixes and functions cannot drift apart.
 */
export interface ProcessSpec {
  /** Short id (≤ 15 characters, lowercase): it prefixes execution names. */
  readonly id: string;
  readonly title: string;
  /** The ASL file in `statemachines/`. */
  readonly definitionFile: string;
  /** Declared workflow version; the ASL content hash is appended at build time. */
  readonly version: string;
  /** Objects created under this prefix of the data bucket start this process. */
  readonly intakePrefix: string;
  /** `${Placeholder}` in the ASL → the function whose ARN replaces it. */
  readonly functionPlaceholders: Readonly<Record<string, FunctionId>>;
  /** `${Placeholder}` in the ASL → the queue whose URL replaces it (sqs:sendMessage tasks). */
  readonly queuePlaceholders: Readonly<Record<string, QueueId>>;
}

export const processes: readonly ProcessSpec[] = [
  {
    id: 'invoice',
    title: 'Invoice processing',
    definitionFile: 'invoice.asl.json',
    version: '1',
    intakePrefix: 'invoices/',
    functionPlaceholders: {
      RecoverExtractionFunctionArn: 'recover-extraction',
      ScoreFunctionArn: 'score',
      RulesFunctionArn: 'rules',
      RequestApprovalFunctionArn: 'request-approval',
      FinalizeFunctionArn: 'finalize',
      QuarantineFunctionArn: 'quarantine',
      RecordFailureFunctionArn: 'record-failure',
    },
    queuePlaceholders: { ExtractionQueueUrl: 'extraction' },
  },
];

/** The process whose intake prefix the key starts with, if any. */
export function processForKey(key: string): ProcessSpec | undefined {
  return processes.find((p) => key.startsWith(p.intakePrefix));
}

/** Every function some process's state machine invokes. */
export function workflowFunctionIds(process: ProcessSpec): FunctionId[] {
  return [...new Set(Object.values(process.functionPlaceholders))];
}
