import { describe, expect, it } from 'vitest';
import { claimTask, reassignTask, releaseTask } from '../../../../lambdas/platform/inbox/claims.ts';
import { delegate } from '../../../../lambdas/platform/inbox/delegations.ts';
import { inboxOf } from '../../../../lambdas/platform/inbox/list.ts';
import { actor, inboxWorld, tasks } from './support.ts';

describe('group tasks: claim, release, expiry, reassignment', () => {
  it('lets one member hold a task at a time; two claims at once: exactly one wins', async () => {
    // Prepare
    const w = inboxWorld(tasks(1));
    // Act
    const [gus, gina] = await Promise.all([
      claimTask(w.deps, actor('gus@example.com'), 'task-000000'),
      claimTask(w.deps, actor('gina@example.com'), 'task-000000'),
    ]);
    // Assess
    expect([gus.ok, gina.ok].filter(Boolean)).toHaveLength(1);
    expect(gina).toMatchObject({
      ok: false,
      status: 409,
      reason: expect.stringContaining('gus@example.com holds'),
    });
    expect(w.events('TASK_CLAIMED')).toHaveLength(1);
    expect(w.events('TASK_CLAIMED')[0]).toMatchObject({
      actor: { kind: 'person', id: 'gus@example.com' },
      details: { group: 'claims', identityMethod: 'passkey', clientIp: '198.51.100.9' },
    });
  });

  it('refuses people outside the candidate groups', async () => {
    const w = inboxWorld(tasks(1));
    const out = await claimTask(w.deps, actor('zed@example.com'), 'task-000000');
    expect(out).toMatchObject({ ok: false, status: 403 });
    expect(w.events('TASK_CLAIMED')).toHaveLength(0);
  });

  it('returns the task to the group when the claim expires, and on release', async () => {
    const w = inboxWorld(tasks(1));
    await claimTask(w.deps, actor('gus@example.com'), 'task-000000');
    expect((await inboxOf(w.deps, 'gina@example.com'))[0]).toMatchObject({
      standing: 'claimed',
      claimedBy: 'gus@example.com',
    });
    // The policy's claim lasts 600 s.
    w.time.advance(601_000);
    expect((await inboxOf(w.deps, 'gina@example.com'))[0]).toMatchObject({ standing: 'may-claim' });
    const taken = await claimTask(w.deps, actor('gina@example.com'), 'task-000000');
    expect(taken.ok).toBe(true);
    expect(w.events('TASK_CLAIMED')[1]?.details).toMatchObject({ previousClaimExpired: 'gus@example.com' });
    expect(await releaseTask(w.deps, actor('gus@example.com'), 'task-000000')).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await releaseTask(w.deps, actor('gina@example.com'), 'task-000000')).toEqual({ ok: true });
    expect(w.events('TASK_RELEASED')).toHaveLength(1);
    expect((await inboxOf(w.deps, 'gus@example.com'))[0]).toMatchObject({ standing: 'may-claim' });
  });

  it('lets a lead reassign to a member, and nobody else reassign', async () => {
    const w = inboxWorld(tasks(1));
    await claimTask(w.deps, actor('gus@example.com'), 'task-000000');
    expect(
      await reassignTask(w.deps, actor('gina@example.com'), 'task-000000', 'gina@example.com'),
    ).toMatchObject({ status: 403 });
    expect(
      await reassignTask(w.deps, actor('lea@example.com'), 'task-000000', 'zed@example.com'),
    ).toMatchObject({ status: 400 });
    const out = await reassignTask(w.deps, actor('lea@example.com'), 'task-000000', 'Gina@Example.com');
    expect(out).toMatchObject({ ok: true, claim: { by: 'gina@example.com', group: 'claims' } });
    expect(w.events('TASK_REASSIGNED')[0]).toMatchObject({
      actor: { id: 'lea@example.com' },
      details: { to: 'gina@example.com', from: 'gus@example.com' },
    });
    expect((await inboxOf(w.deps, 'gina@example.com'))[0]).toMatchObject({ standing: 'may-act' });
  });

  it('refuses claims on tasks that ended', async () => {
    const w = inboxWorld(tasks(1, () => ({ status: 'APPROVED' })));
    expect(await claimTask(w.deps, actor('gus@example.com'), 'task-000000')).toMatchObject({ status: 409 });
  });
});

describe('delegation while away', () => {
  it('lets the delegate see and act on the giver’s tasks only during the period, audited with both names', async () => {
    const w = inboxWorld(tasks(2));
    expect(await inboxOf(w.deps, 'dee@example.com')).toHaveLength(0);
    const out = await delegate(w.deps, actor('ann@example.com'), {
      to: 'dee@example.com',
      until: '2025-03-03',
    });
    expect(out.ok).toBe(true);
    expect(w.events('DELEGATION_GRANTED')[0]).toMatchObject({
      documentId: 'inbox/delegations',
      actor: { id: 'ann@example.com' },
      details: { from: 'ann@example.com', to: 'dee@example.com', until: '2025-03-03T00:00:00.000Z' },
    });
    const seen = await inboxOf(w.deps, 'dee@example.com');
    expect(seen.map((t) => [t.id, t.standing, t.onBehalfOf])).toEqual([
      ['task-000000', 'may-act', 'ann@example.com'],
      ['task-000001', 'may-act', 'ann@example.com'],
    ]);
    w.time.advance(2 * 24 * 3600_000);
    expect(await inboxOf(w.deps, 'dee@example.com')).toHaveLength(0);
  });

  it.each([
    [{ to: 'ann@example.com', until: '2025-03-03' }, 'themselves'],
    [{ to: 'not-an-email', until: '2025-03-03' }, 'email'],
    [{ to: 'dee@example.com', until: '2025-02-01' }, 'future'],
    [{ to: 'dee@example.com', until: '2026-03-01' }, 'at most 90 days'],
    [{ to: 'dee@example.com', until: 'soon' }, 'dates'],
  ])('refuses %j (%s)', async (input, reason) => {
    const w = inboxWorld(tasks(1));
    const out = await delegate(w.deps, actor('ann@example.com'), input);
    expect(out).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining(reason) });
    expect(w.inbox.delegations).toHaveLength(0);
  });
});
