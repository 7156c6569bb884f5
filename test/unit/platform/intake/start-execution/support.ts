import type { CreatedObject } from '../../../../../lambdas/platform/intake/start-execution/s3-events.ts';
import type {
  ObjectContent,
  StarterDeps,
} from '../../../../../lambdas/platform/intake/start-execution/start-document.ts';
import type { WorkflowInput } from '../../../../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../../../../lambdas/platform/stores/documents.ts';
import { contentSha256, stateMachineArn } from '../../shared/support/builders.ts';
import {
  clock,
  MemoryAudit,
  MemoryDocuments,
  MemoryIdempotency,
  sdkError,
} from '../../shared/support/fakes.ts';

/** The starter's ports, faked: in-memory stores, an object whose content is given, recorded starts and removals. */
export function created(overrides: Partial<CreatedObject> = {}): CreatedObject {
  return {
    bucket: 'tower-data',
    key: 'invoices/acme-0107.pdf',
    size: 2048,
    eventIdentity: 'seq-0001',
    uploader: 'AWS:AIDAUPLOADER',
    ...overrides,
  };
}

/** The idempotency table: a claim blocks others until its lock expires; a completed unit is done. */
export interface StarterOptions {
  readonly documents?: readonly DocumentRecord[];
  readonly content?: ObjectContent | null;
  /** What StartExecution answers, in turn: started, exists, or an error name to throw. */
  readonly answers?: readonly string[];
  readonly stateMachines?: Readonly<Record<string, string>>;
}

export function starter(options: StarterOptions = {}) {
  const time = clock('2025-03-01T09:00:00.000Z');
  const audit = new MemoryAudit();
  const documents = new MemoryDocuments(options.documents, audit);
  const idempotency = new MemoryIdempotency();
  const reads: CreatedObject[] = [];
  const removed: { key: string; eTag: string | undefined }[] = [];
  const starts: { stateMachineArn: string; name: string; input: WorkflowInput }[] = [];
  const answers = [...(options.answers ?? [])];
  const content: ObjectContent | undefined =
    options.content === null
      ? undefined
      : (options.content ?? { sha256: contentSha256, size: 4096, contentType: 'application/pdf' });
  const deps: StarterDeps = {
    idempotency,
    documents: documents.store,
    audit: audit.trail,
    readObject: async (object) => {
      reads.push(object);
      return content;
    },
    removeDuplicate: async (object, eTag) => {
      removed.push({ key: object.key, eTag });
      return 'removed';
    },
    startExecution: async (stateMachine, executionName, input) => {
      starts.push({ stateMachineArn: stateMachine, name: executionName, input });
      const answer = answers.shift() ?? 'started';
      if (answer === 'started' || answer === 'exists') return answer;
      throw sdkError(answer);
    },
    stateMachines: options.stateMachines ?? { invoice: stateMachineArn },
    workflowVersions: { invoice: 'invoice@1+0123abcd' },
    intakePrefixes: { invoice: 'invoices/' },
    now: time.now,
  };
  return { deps, documents, audit, idempotency, reads, removed, starts, time };
}
