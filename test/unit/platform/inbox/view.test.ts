import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../../../lambdas/platform/inbox/list.ts';
import { humanRequest } from '../shared/support/builders.ts';
import { inboxWorld, tasks } from './support.ts';

// Tasks due 10:00, 11:00, 12:00 … on 2 March; "now" is 1 March 10:00.
const world = () =>
  inboxWorld([
    ...tasks(3, (i) => ({
      request: { ...humanRequest(), title: `T${i}`, priority: (['low', 'urgent', 'normal'] as const)[i] },
    })),
    ...tasks(1, () => ({
      approvalId: 'claim-000001',
      process: 'claims',
      deadlineAt: '2025-02-28T10:00:00.000Z',
    })),
  ]);

describe('the inbox list: filters and sorts', () => {
  it('sorts by due time by default, then by priority or process on request', async () => {
    const w = world();
    expect((await inboxOf(w.deps, 'ann@example.com')).map((t) => t.id)).toEqual([
      'claim-000001',
      'task-000000',
      'task-000001',
      'task-000002',
    ]);
    expect((await inboxOf(w.deps, 'ann@example.com', { sort: 'priority' })).map((t) => t.priority)).toEqual([
      'urgent',
      'normal',
      'normal',
      'low',
    ]);
    expect((await inboxOf(w.deps, 'ann@example.com', { sort: 'process' })).map((t) => t.process)).toEqual([
      'claims',
      'invoice',
      'invoice',
      'invoice',
    ]);
  });

  it('filters by process, overdue and group, and shows time left', async () => {
    const w = world();
    expect((await inboxOf(w.deps, 'ann@example.com', { process: 'claims' })).map((t) => t.id)).toEqual([
      'claim-000001',
    ]);
    const overdue = await inboxOf(w.deps, 'ann@example.com', { overdue: true });
    expect(overdue.map((t) => [t.id, t.overdue, t.secondsLeft])).toEqual([['claim-000001', true, -86_400]]);
    expect(await inboxOf(w.deps, 'gus@example.com', { group: 'claims' })).toHaveLength(4);
    expect(await inboxOf(w.deps, 'gus@example.com', { group: 'other' })).toHaveLength(0);
  });

  it('shows the process, title, facts, priority, assignees and groups of each task', async () => {
    const [first] = await inboxOf(world().deps, 'ann@example.com', { process: 'invoice' });
    expect(first).toMatchObject({
      process: 'invoice',
      title: 'T0',
      priority: 'low',
      assignees: ['ann@example.com', 'bob@example.com'],
      groups: ['claims'],
      standing: 'may-act',
      choices: [{ id: 'approve' }, { id: 'reject' }],
    });
    expect(first?.facts.length).toBeGreaterThan(0);
  });

  it('leaves out ended tasks and tasks the person already voted on', async () => {
    const w = inboxWorld(tasks(2, (i) => (i === 0 ? { status: 'REJECTED' } : {})));
    expect((await inboxOf(w.deps, 'ann@example.com')).map((t) => t.id)).toEqual(['task-000001']);
  });
});
