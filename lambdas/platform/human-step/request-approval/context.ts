import type { SendEmail } from '../../mail/mailer.ts';
import type { AuditEvent, AuditTrail } from '../../stores/audit.ts';
import type { DocumentStore } from '../../stores/documents.ts';
import type { TaskResultSender } from '../../workflows/task-results.ts';
import type { ApprovalPolicy } from '../policy.ts';
import { type ApprovalRecord, versionsOf } from '../record.ts';
import type { ApprovalStore } from '../store.ts';

/** The task a phase runs for; a task never prepared is a permanent error. */
export { taskOf } from '../lifecycle/state.ts';

/** What every phase of the human step works with: the stores, the mailer, Step Functions, the policies. */
export interface ApprovalDeps {
  readonly approvals: ApprovalStore;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly sendEmail: SendEmail;
  readonly sfn: TaskResultSender;
  /** Every process's human-step policy, by policy id (APPROVAL_POLICIES). */
  readonly policies: Readonly<Record<string, ApprovalPolicy>>;
  readonly baseUrl: string;
  readonly now: () => Date;
}

/** The actor every phase audits as. */
export const actor = { kind: 'system', id: 'request-approval' } as const;

/** What every audit event of the task carries: its step, what was shown, the versions that asked. */
export function auditBase(record: ApprovalRecord, executionArn: string) {
  return {
    documentId: record.documentId,
    step: record.step,
    actor,
    inputHash: record.summaryHash,
    versions: versionsOf(record),
    executionArn,
  } satisfies Omit<AuditEvent, 'type'>;
}
