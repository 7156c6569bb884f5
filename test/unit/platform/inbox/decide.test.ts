import { describe, expect, it } from 'vitest';
import { claimTask } from '../../../../lambdas/platform/inbox/claims.ts';
import { decideTasks } from '../../../../lambdas/platform/inbox/decide.ts';
import { delegate } from '../../../../lambdas/platform/inbox/delegations.ts';
import { actor, inboxWorld, tasks } from './support.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `task-${String(i).padStart(6, '0')}`);

describe('batch decisions from the inbox', () => {
  it('decides each allowed task on its own and skips the forbidden ones with the reason: 10 tasks, 10 audit events', async () => {
    // Prepare: tasks 3 and 7 are above the step-up amount, 5 is Ann's own submission.
    const w = inboxWorld(
      tasks(10, (i) => ({
        ...(i === 3 || i === 7 ? { stepUp: true } : {}),
        ...(i === 5 ? { submittedBy: 'ann@example.com' } : {}),
      })),
    );
    // Act
    const results = await decideTasks(w.deps, actor('ann@example.com'), ids(10), 'approve', 'fine');
    // Assess
    expect(results.filter((r) => r.outcome === 'recorded')).toHaveLength(7);
    expect(
      results.filter((r) => r.outcome === 'skipped').map((r) => [r.id, 'reason' in r && r.reason]),
    ).toEqual([
      ['task-000003', expect.stringContaining('step-up')],
      ['task-000005', 'it is your own submission'],
      ['task-000007', expect.stringContaining('step-up')],
    ]);
    const votes = w.events('VOTE_RECORDED');
    const skips = w.events('BATCH_DECISION_SKIPPED');
    expect(votes.length + skips.length).toBe(10);
    expect(votes[0]).toMatchObject({
      actor: { id: 'ann@example.com' },
      details: { via: 'inbox', identityMethod: 'passkey' },
    });
    expect(skips[0]).toMatchObject({ decision: 'refused', rationale: [expect.stringContaining('step-up')] });
    // The same settle as the link's: one approval decides, and the decision reaches the workflow.
    expect(w.approvals.peek('task-000000')?.status).toBe('APPROVED');
    expect(w.events('APPROVAL_DECIDED')).toHaveLength(7);
    expect(w.sfn.results.filter((r) => r.kind === 'success')).toHaveLength(7);
  });

  it('skips tasks whose policy asks for a passkey or a code for each decision: a batch carries no such proof', async () => {
    const w = inboxWorld(tasks(3, (i) => ({ identity: (['passkey', 'code', 'link'] as const)[i] })));
    const results = await decideTasks(w.deps, actor('ann@example.com'), ids(3), 'approve', '');
    expect(results.map((r) => ('reason' in r ? r.reason : r.outcome))).toEqual([
      expect.stringContaining('passkey for each decision'),
      expect.stringContaining('one-time code for each decision'),
      'recorded',
    ]);
    expect(w.approvals.peek('task-000000')?.status).toBe('PENDING');
    expect(w.events('BATCH_DECISION_SKIPPED')).toHaveLength(2);
  });

  it('skips group tasks nobody holds, and decides them once claimed', async () => {
    const w = inboxWorld(tasks(1, () => ({ approvers: {} })));
    const before = await decideTasks(w.deps, actor('gus@example.com'), ids(1), 'reject', '');
    expect(before[0]).toMatchObject({ outcome: 'skipped', reason: 'it is a group task: claim it first' });
    await claimTask(w.deps, actor('gus@example.com'), 'task-000000');
    const after = await decideTasks(w.deps, actor('gus@example.com'), ids(1), 'reject', '');
    expect(after[0]).toMatchObject({ outcome: 'recorded', status: 'REJECTED' });
  });

  it('records a delegate’s vote under the giver’s entry, the audit naming both', async () => {
    const w = inboxWorld(tasks(1));
    await delegate(w.deps, actor('ann@example.com'), { to: 'dee@example.com', until: '2025-03-03' });
    const out = await decideTasks(w.deps, actor('dee@example.com'), ids(1), 'approve', '');
    expect(out[0]).toMatchObject({ outcome: 'recorded', status: 'APPROVED' });
    expect(w.approvals.peek('task-000000')?.approvers.a1?.vote?.approver).toBe('dee@example.com');
    expect(w.events('VOTE_RECORDED')[0]).toMatchObject({
      actor: { id: 'dee@example.com' },
      details: { onBehalfOf: 'ann@example.com' },
    });
  });

  it('refuses a delegate deciding what the giver submitted', async () => {
    const w = inboxWorld(tasks(1, () => ({ submittedBy: 'ann@example.com' })));
    await delegate(w.deps, actor('ann@example.com'), { to: 'dee@example.com', until: '2025-03-03' });
    const out = await decideTasks(w.deps, actor('dee@example.com'), ids(1), 'approve', '');
    expect(out[0]).toMatchObject({ outcome: 'skipped', reason: 'it is your own submission' });
  });

  it('skips an unknown choice, a task already voted on, and people not asked', async () => {
    const w = inboxWorld(tasks(2, () => ({ requiredApprovals: 2 })));
    await decideTasks(w.deps, actor('ann@example.com'), ['task-000000'], 'approve', '');
    const again = await decideTasks(w.deps, actor('ann@example.com'), ids(2), 'maybe', '');
    expect(again.map((r) => 'reason' in r && r.reason)).toEqual([
      'you have already voted on it',
      'it offers no such choice',
    ]);
    const stranger = await decideTasks(w.deps, actor('zed@example.com'), ids(1), 'approve', '');
    expect(stranger[0]).toMatchObject({ reason: 'you may not act on it' });
  });
});
