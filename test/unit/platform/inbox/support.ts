import type { DecideDeps } from '../../../../lambdas/platform/human-step/approval-api/caller.ts';
import type { ApprovalPolicy } from '../../../../lambdas/platform/human-step/policy.ts';
import { defaultApprovalPolicy } from '../../../../lambdas/platform/human-step/policy.ts';
import type { ApprovalRecord } from '../../../../lambdas/platform/human-step/record.ts';
import type { SessionReader, SignedInPerson } from '../../../../lambdas/platform/identity/signed-in.ts';
import type { Actor, InboxDeps } from '../../../../lambdas/platform/inbox/actor.ts';
import { inboxKeys } from '../../../../lambdas/platform/inbox/index-keys.ts';
import { holdersOf } from '../../../../lambdas/platform/inbox/indexed-approvals.ts';
import type { ClaimWrite, InboxStore } from '../../../../lambdas/platform/inbox/store.ts';
import type { Delegation, InboxRecord, TaskClaim } from '../../../../lambdas/platform/inbox/task.ts';
import type { AuditEvent } from '../../../../lambdas/platform/stores/audit.ts';
import { approvalRecord } from '../shared/support/builders.ts';
import { clock, fakeMailer, fakeSfn, MemoryApprovals } from '../shared/support/fakes.ts';

/**
 * The inbox's store in memory, over MemoryApprovals: a claim is checked and set with nothing awaited in
 * between (DynamoDB's conditional write), its entry added with if_not_exists, its event linked with it.
 */
export class MemoryInbox implements InboxStore {
  readonly index = new Map<string, Set<string>>();
  readonly claims = new Map<string, TaskClaim>();
  readonly delegations: Delegation[] = [];

  constructor(readonly approvals: MemoryApprovals) {}

  addToIndex(record: ApprovalRecord, policies: Readonly<Record<string, ApprovalPolicy>>): void {
    for (const holder of holdersOf(record, policies)) {
      const set = this.index.get(holder) ?? new Set<string>();
      set.add(record.approvalId);
      this.index.set(holder, set);
    }
  }

  async indexed(holder: string): Promise<string[]> {
    return [...(this.index.get(holder) ?? [])];
  }

  async task(approvalId: string): Promise<InboxRecord | undefined> {
    const record = await this.approvals.get(approvalId);
    const claim = this.claims.get(approvalId);
    return record && claim ? { ...record, claim } : record;
  }

  async claim(approvalId: string, write: ClaimWrite, now: Date): Promise<boolean> {
    const record = this.approvals.peek(approvalId);
    const held = this.claims.get(approvalId);
    if (record?.status !== 'PENDING') return false;
    if (!write.override && held && held.until > now.toISOString() && held.by !== write.claim.by) return false;
    this.claims.set(approvalId, write.claim);
    this.approvals.audit.link(record.documentId, [write.event]);
    await this.approvals.addApprovers(approvalId, { [write.approverId]: write.entry });
    return true;
  }

  async release(approvalId: string, by: string, event: AuditEvent): Promise<boolean> {
    const record = this.approvals.peek(approvalId);
    if (record?.status !== 'PENDING' || this.claims.get(approvalId)?.by !== by) return false;
    this.claims.delete(approvalId);
    this.approvals.audit.link(record.documentId, [event]);
    return true;
  }

  async putDelegation(delegation: Delegation): Promise<void> {
    this.delegations.push(delegation);
  }

  async delegationsTo(email: string): Promise<Delegation[]> {
    return this.delegations.filter((d) => d.to === email);
  }
}

export const groupPolicy: ApprovalPolicy = {
  ...defaultApprovalPolicy,
  approvers: ['ann@example.com', 'bob@example.com'],
  groups: { claims: { members: ['gus@example.com', 'gina@example.com'], leads: ['lea@example.com'] } },
  claimSeconds: 600,
};

/** n pending tasks of the invoice policy, with distinct ids and due times one hour apart. */
export function tasks(n: number, overrides: (i: number) => Partial<ApprovalRecord> = () => ({})) {
  return Array.from({ length: n }, (_, i) =>
    approvalRecord({
      approvalId: `task-${String(i).padStart(6, '0')}`,
      deadlineAt: new Date(Date.parse('2025-03-02T10:00:00.000Z') + i * 3600_000).toISOString(),
      ...overrides(i),
    }),
  );
}

/** The inbox's ports, faked, around some tasks; `policies` defaults to the invoice policy with one group. */
export function inboxWorld(records: readonly ApprovalRecord[], policies = { invoice: groupPolicy }) {
  const time = clock('2025-03-01T10:00:00.000Z');
  const approvals = new MemoryApprovals(records);
  const inbox = new MemoryInbox(approvals);
  for (const record of records) inbox.addToIndex(record, policies);
  const sfn = fakeSfn();
  const deps: InboxDeps & DecideDeps = {
    inbox,
    approvals: approvals.store,
    audit: approvals.audit.trail,
    policies,
    sendEmail: fakeMailer().send,
    sfn: sfn.client,
    now: time.now,
  };
  const events = (type?: string) =>
    approvals.audit.records.filter((r) => type === undefined || r.type === type);
  return { deps, approvals, inbox, time, sfn, events };
}

export const person = (email: string): SignedInPerson => ({
  email,
  method: 'passkey',
  credentialId: `cred-${email}`,
  sessionId: `session-${email}`,
});

export const actor = (email: string): Actor => ({
  person: person(email),
  client: { ip: '198.51.100.9', userAgent: 'test-agent' },
});

/** A session reader that signs in whoever the `session` cookie names, with the token `csrf-<email>`. */
export const fakeSessions: SessionReader = {
  signedIn: async (request) => {
    const email = request.cookies.session;
    return email ? person(email) : undefined;
  },
  csrfMatches: (p, token) => token === `csrf-${p.email}`,
  csrfToken: (p) => `csrf-${p.email}`,
};

export { inboxKeys };
