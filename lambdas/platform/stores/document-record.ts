import type { DocumentStatus } from '../shared/status.ts';
import type { DocumentRef } from '../shared/workflow.ts';

// A document's record shape, apart from its store, so ownership and the chained writer can use it without a cycle.
/**
 * The result finishing is about to write, recorded before the write: a re-run of the same execution
 * writes the same body (same `at`), and an object already under `key` is recognised by `hash`.
 */
export interface PendingResult {
  readonly executionArn: string;
  readonly key: string;
  /** SHA-256 (hex) of the body. */
  readonly hash: string;
  /** The time the body carries. */
  readonly at: string;
}

/** A document's record: where it came from, where it is now, and which execution owns it. */
export interface DocumentRecord extends DocumentRef {
  readonly status: DocumentStatus;
  /** ARN of the execution allowed to move this document's status. */
  readonly ownerExecution?: string;
  readonly statusReason?: string;
  readonly failureClass?: string;
  readonly failedStep?: string;
  readonly errorName?: string;
  readonly resultKey?: string;
  readonly pendingResult?: PendingResult;
  readonly quarantineKey?: string;
  readonly rejectionReason?: string;
  readonly updatedAt: string;
  /** Incremented on every transition, so readers can tell two states apart. */
  readonly revision: number;
  /** The head of the document's audit chain (audit-chain.ts): its last event's seq and hash. */
  readonly auditSeq?: number;
  readonly auditHash?: string;
}
