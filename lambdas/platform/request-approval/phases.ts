import { randomBytes } from 'node:crypto';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { deliverDecision, outcomeOf } from '../human-step/delivery.ts';
import type { ApprovalPolicy } from '../human-step/policy.ts';
import type { ApprovalPhase, ApprovalRecord, ApproverEntry } from '../human-step/record.ts';
import { approvalIdFor, hashSecret, newLinkSecret } from '../human-step/secrets.ts';
import type { ApprovalStore } from '../human-step/store.ts';
import type { AuditEvent, AuditTrail } from '../shared/audit.ts';
import type { DocumentStore } from '../shared/documents.ts';
import { hashJson } from '../shared/hash.ts';
import type { SendEmail } from '../shared/mailer.ts';
import { changeStatus } from '../shared/status-change.ts';
import type { ApprovalOutcome, WorkflowState } from '../shared/workflow.ts';
import { type ApprovalEmailKind, approvalEmail } from './emails.ts';
import { summaryOf } from './summary.ts';

export interface ApprovalDeps {
  readonly approvals: ApprovalStore;
  readonly documents: DocumentStore;
  readonly audit: AuditTrail;
  readonly sendEmail: SendEmail;
  readonly sfn: SFNClient;
  readonly policy: ApprovalPolicy;
  readonly baseUrl: string;
  readonly now: () => Date;
}

export interface WaitEvent {
  readonly phase: ApprovalPhase;
  readonly taskToken: string;
  readonly state: WorkflowState;
  readonly executionArn: string;
}

const actor = { kind: 'system', id: 'request-approval' } as const;

/** The link an approver clicks: the approval id and their secret, nothing else. */
export function approvalLink(baseUrl: string, approvalId: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/a/${approvalId}/${secret}`;
}

function entries(
  emails: readonly string[],
  prefix: string,
  role: ApproverEntry['role'],
  secrets: Map<string, string>,
) {
  return Object.fromEntries(
    emails.map((email, i) => {
      const id = `${prefix}${i + 1}`;
      const secret = newLinkSecret();
      secrets.set(id, secret);
      return [id, { email, role, secretHashes: [hashSecret(secret)] } satisfies ApproverEntry];
    }),
  );
}

function newRecord(deps: ApprovalDeps, event: WaitEvent, secrets: Map<string, string>): ApprovalRecord {
  const { state, executionArn } = event;
  const rules = state.rules;
  const summary = summaryOf(state);
  const now = deps.now();
  const deadline = new Date(now.getTime() + deps.policy.timeoutSeconds * 1000);
  return {
    approvalId: approvalIdFor(executionArn),
    documentId: state.document.documentId,
    process: state.document.process,
    executionArn,
    workflowVersion: state.workflowVersion,
    status: 'PENDING',
    phase: 'request',
    approvers: entries(deps.policy.approvers, 'a', 'approver', secrets),
    requiredApprovals: rules?.approval.requiredApprovals ?? deps.policy.quorum,
    veto: deps.policy.veto,
    separationOfDuties: deps.policy.separationOfDuties,
    submittedBy: state.document.submittedBy,
    stepUp: rules?.approval.stepUp ?? false,
    minDwellSeconds: deps.policy.minDwellSeconds,
    summary,
    summaryHash: hashJson(summary),
    pageKey: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    deadlineAt: deadline.toISOString(),
    purgeAt: Math.floor(deadline.getTime() / 1000) + 400 * 24 * 3600,
  };
}

/**
 * One wait of the approval: stores the task token with the approval, emails whoever this phase
 * concerns, and returns; the workflow resumes when the approval API (or this phase, if the approval
 * was decided in between) sends the task result.
 */
export async function runWaitPhase(deps: ApprovalDeps, event: WaitEvent): Promise<void> {
  const approvalId = approvalIdFor(event.executionArn);
  const secrets = new Map<string, string>();
  let record = await deps.approvals.get(approvalId);
  if (!record) {
    const fresh = newRecord(deps, event, secrets);
    record = (await deps.approvals.create(fresh)) ? fresh : await deps.approvals.get(approvalId);
    if (!record) throw new Error('approval record vanished after create');
  }
  if (event.phase === 'escalate') {
    await deps.approvals.addApprovers(
      approvalId,
      entries(deps.policy.escalationApprovers, 'e', 'escalation', secrets),
    );
    record = (await deps.approvals.get(approvalId)) ?? record;
  }

  const decided = await deps.approvals.registerToken(approvalId, event.taskToken, event.phase);
  if (decided && (decided.status === 'APPROVED' || decided.status === 'REJECTED')) {
    // Decided while no wait was registered: this wait delivers the decision itself.
    await deliverDecision(
      deps.sfn,
      event.taskToken,
      decided,
      decided.status === 'APPROVED' ? 'approved' : 'rejected',
    );
    return;
  }

  const base = auditBase(record, event);
  if (event.phase === 'request') {
    await changeStatus(
      { documents: deps.documents, audit: deps.audit },
      {
        documentId: record.documentId,
        to: 'AWAITING_APPROVAL',
        step: 'approval',
        actor,
        versions: base.versions,
        executionArn: event.executionArn,
      },
    );
  }
  const notified = await notify(deps, record, event.phase, secrets);
  const type = { request: 'APPROVAL_REQUESTED', remind: 'APPROVAL_REMINDED', escalate: 'APPROVAL_ESCALATED' }[
    event.phase
  ];
  await deps.audit.append(
    {
      ...base,
      type,
      details: {
        approvalId,
        notified,
        requiredApprovals: record.requiredApprovals,
        deadlineAt: record.deadlineAt,
      },
    },
    { idempotencyKey: `${approvalId}/${event.phase}` },
  );
}

/** Emails each approver this phase concerns and has not yet been emailed for it; returns their addresses. */
async function notify(
  deps: ApprovalDeps,
  record: ApprovalRecord,
  phase: ApprovalPhase,
  secrets: Map<string, string>,
): Promise<string[]> {
  const field = phase === 'remind' ? 'remindedAt' : 'notifiedAt';
  const kind: ApprovalEmailKind =
    phase === 'request' ? 'request' : phase === 'remind' ? 'reminder' : 'escalation';
  const wanted = Object.entries(record.approvers).filter(([, a]) =>
    phase === 'escalate' ? a.role === 'escalation' : a.role === 'approver' && !(phase === 'remind' && a.vote),
  );
  const sent: string[] = [];
  for (const [id, approver] of wanted) {
    if (approver[field]) continue;
    // A secret made in this run is used only if it is the one stored (another run may have stored its own).
    let secret = secrets.get(id);
    if (!secret || !approver.secretHashes.includes(hashSecret(secret))) {
      // Only hashes are stored, so a resend (retry or reminder) carries a new secret; earlier links stay valid.
      secret = newLinkSecret();
      await deps.approvals.addSecretHash(record.approvalId, id, hashSecret(secret));
    }
    const link = approvalLink(deps.baseUrl, record.approvalId, secret);
    await deps.sendEmail(approvalEmail(kind, approver.email, record.summary, link, record.deadlineAt));
    await deps.approvals.markApprover(record.approvalId, id, field, deps.now().toISOString());
    sent.push(approver.email);
  }
  return sent;
}

/** The deadline passed with no decision: revoke the links and reject automatically. */
export async function expire(
  deps: ApprovalDeps,
  event: Omit<WaitEvent, 'taskToken' | 'phase'>,
): Promise<ApprovalOutcome> {
  const approvalId = approvalIdFor(event.executionArn);
  const at = deps.now().toISOString();
  const expired = await deps.approvals.finish(approvalId, 'EXPIRED', at);
  const record = await deps.approvals.get(approvalId);
  if (!record) throw new Error(`approval ${approvalId} not found`);
  if (!expired && (record.status === 'APPROVED' || record.status === 'REJECTED')) {
    // A decision landed between the last wait's timeout and this step: it stands.
    return outcomeOf(record, record.status === 'APPROVED' ? 'approved' : 'rejected');
  }
  await deps.audit.append(
    {
      ...auditBase(record, event),
      type: 'APPROVAL_EXPIRED',
      decision: 'expired',
      rationale: ['no decision before the deadline; rejected automatically'],
    },
    { idempotencyKey: `${approvalId}/expired` },
  );
  return { ...outcomeOf(record, 'expired'), decidedAt: record.decidedAt ?? at };
}

function auditBase(
  record: ApprovalRecord,
  event: { readonly executionArn: string; readonly state: WorkflowState },
) {
  return {
    documentId: record.documentId,
    step: 'approval',
    actor,
    inputHash: record.summaryHash,
    versions: {
      workflow: event.state.workflowVersion,
      model: event.state.score?.modelVersion,
      rules: event.state.rules?.ruleSetVersion,
    },
    executionArn: event.executionArn,
  } satisfies Omit<AuditEvent, 'type'>;
}
