import type { Sessions } from '../../identity/sessions.ts';
import type { SignedInPerson } from '../../identity/signed-in.ts';
import type { IdentityStore } from '../../identity/store.ts';
import type { SendEmail } from '../../mail/mailer.ts';
import type { AuditEvent, AuditTrail } from '../../stores/audit.ts';
import type { TaskResultSender } from '../../workflows/task-results.ts';
import { type ApprovalRecord, versionsOf } from '../record.ts';
import type { ApprovalStore } from '../store.ts';
import type { LinkDocument } from './document-link.ts';
import type { PageRequest } from './request.ts';

export interface DecideDeps {
  readonly approvals: ApprovalStore;
  readonly audit: AuditTrail;
  readonly sendEmail: SendEmail;
  readonly sfn: TaskResultSender;
  readonly now: () => Date;
  /** Signs a short-lived link to the document a request names. @default no link (the page says so) */
  readonly linkDocument?: LinkDocument;
  /** Sessions and passkeys, for tasks whose policy asks people to sign in. @default none: such tasks fail closed */
  readonly identity?: { readonly sessions: Sessions; readonly store: IdentityStore };
}

/** The authenticated approver behind a request, with the approval they hold a link to. */
export interface Caller {
  readonly record: ApprovalRecord;
  readonly approverId: string;
  readonly email: string;
  /** The signed-in person, when the task's identity method is not the link alone. */
  readonly person?: SignedInPerson;
}

/** The audit fields every event caused by an approver's request carries: who, from where, what they saw. */
export function auditBase(caller: Caller, request: PageRequest): Omit<AuditEvent, 'type'> {
  const { record } = caller;
  return {
    documentId: record.documentId,
    step: record.step,
    actor: { kind: 'person', id: caller.email },
    inputHash: record.summaryHash,
    versions: versionsOf(record),
    executionArn: record.executionArn,
    details: {
      approvalId: record.approvalId,
      clientIp: request.client.ip,
      userAgent: request.client.userAgent,
      ...(caller.person ? { method: caller.person.method, sessionId: caller.person.sessionId } : {}),
    },
  };
}
