/** What the request-approval phase tests share: deps over the in-memory fakes, events, and reading links. */

import { voteEvent } from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import {
  type ApprovalPolicy,
  defaultApprovalPolicy,
} from '../../../../../lambdas/platform/human-step/policy.ts';
import type { ApprovalPhase, ApprovalRecord } from '../../../../../lambdas/platform/human-step/record.ts';
import type { ApprovalDeps } from '../../../../../lambdas/platform/human-step/request-approval/context.ts';
import type {
  PrepareEvent,
  WaitEvent,
} from '../../../../../lambdas/platform/human-step/request-approval/events.ts';
import { prepare } from '../../../../../lambdas/platform/human-step/request-approval/prepare.ts';
import { runWaitPhase } from '../../../../../lambdas/platform/human-step/request-approval/wait.ts';
import { approvalIdFor, secretMatches } from '../../../../../lambdas/platform/human-step/secrets.ts';
import type { Email } from '../../../../../lambdas/platform/mail/mailer.ts';
import type { DocumentRecord } from '../../../../../lambdas/platform/stores/documents.ts';
import { documentRecord, documentRef, executionArn, humanRequest } from '../../shared/support/builders.ts';
import {
  clock,
  fakeMailer,
  fakeSfn,
  MemoryApprovals,
  MemoryAudit,
  MemoryDocuments,
} from '../../shared/support/fakes.ts';

export const approvalId = approvalIdFor(executionArn, 'approval');
/** The invoice's rules asked for one approval more than the quorum, and a one-time code. */
export const request = humanRequest({
  requirement: { additionalApprovals: 1, stepUp: true, amount: { value: '12138.00', currency: 'EUR' } },
});

export interface Options {
  readonly policy?: Partial<ApprovalPolicy>;
  /** Whether the n-th send (1-based) of an email fails. */
  readonly mailFails?: (email: Email, attempt: number) => boolean;
  readonly refuse?: (taskToken: string) => string | undefined;
  /** The document as the store holds it. @default EXECUTING, owned by this execution */
  readonly document?: Partial<DocumentRecord>;
}

export function approvalDeps(options: Options = {}) {
  const time = clock('2025-03-01T09:00:00.000Z');
  // One trail, as the stores share one audit table: a change and its events are one write.
  const audit = new MemoryAudit();
  const approvals = new MemoryApprovals([], audit);
  const documents = new MemoryDocuments(
    [documentRecord({ status: 'EXECUTING', ...options.document })],
    audit,
  );
  const mail = fakeMailer(options.mailFails);
  const sfn = fakeSfn(options.refuse);
  const deps: ApprovalDeps = {
    approvals: approvals.store,
    documents: documents.store,
    audit: audit.trail,
    sendEmail: mail.send,
    sfn: sfn.client,
    policies: {
      invoice: {
        ...defaultApprovalPolicy,
        approvers: ['ann@example.com', 'bob@example.com'],
        escalationApprovers: ['boss@example.com'],
        ...options.policy,
      },
    },
    baseUrl: 'https://approvals.example.com/',
    now: time.now,
  };
  const record = () => approvals.peek(approvalId) as ApprovalRecord;
  return { deps, approvals, documents, audit, mail, sfn, time, record };
}

export const prepared = (overrides: Partial<PrepareEvent> = {}): PrepareEvent => ({
  phase: 'prepare',
  step: 'approval',
  document: documentRef(),
  workflowVersion: 'invoice@2+0123abcd',
  executionArn,
  request,
  ...overrides,
});

export const wait = (phase: ApprovalPhase, taskToken: string): WaitEvent => ({
  phase,
  taskToken,
  taskId: approvalId,
  executionArn,
});

/** The prepare phase, then the first wait: what the state machine does on entering the human step. */
export async function requested(f: ReturnType<typeof approvalDeps>, taskToken = 'token-1'): Promise<void> {
  await prepare(f.deps, prepared());
  await runWaitPhase(f.deps, wait('request', taskToken));
}

export const recipients = (emails: readonly Email[]) => emails.map((e) => e.to);

/** Whether an email's link opens the approval as this recipient (its secret matches their stored hashes). */
export function linkWorks(record: ApprovalRecord, email: Email, as = email.to): boolean {
  const match = /\/a\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/m.exec(email.text);
  const approver = Object.values(record.approvers).find((a) => a.email === as);
  return (
    match?.[1] === record.approvalId &&
    approver !== undefined &&
    secretMatches(match[2] ?? '', approver.secretHashes)
  );
}

/** A stored vote, as the approval API records it. */
export async function vote(
  f: ReturnType<typeof approvalDeps>,
  approverId: string,
  decision: 'approve' | 'reject',
) {
  const email = f.record().approvers[approverId]?.email ?? '';
  const stored = {
    approver: email,
    decision,
    at: f.time.now().toISOString(),
    clientIp: '198.51.100.7',
    userAgent: 'test',
    summaryHash: f.record().summaryHash,
  };
  await f.approvals.recordVote(approvalId, approverId, stored, voteEvent(f.record(), stored));
}
