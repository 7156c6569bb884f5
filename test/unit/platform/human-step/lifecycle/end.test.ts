import { describe, expect, it } from 'vitest';
import { cancelTask, stateOf } from '../../../../../lambdas/platform/human-step/lifecycle/index.ts';
import type { AuditEvent } from '../../../../../lambdas/platform/stores/audit.ts';
import { documentId } from '../../shared/support/builders.ts';
import { lifecycle } from './support.ts';

const cancelled: AuditEvent = {
  documentId,
  step: 'approval',
  type: 'APPROVAL_CANCELLED',
  actor: { kind: 'system', id: 'execution-ended' },
  decision: 'cancelled',
  versions: {},
};

describe('cancelTask', () => {
  it('cancels a pending task once, with its audit event', async () => {
    // Prepare
    const f = lifecycle();

    // Act
    const first = await cancelTask(f.deps, f.record(), '2025-03-01T10:00:00.000Z', cancelled);
    const again = await cancelTask(f.deps, f.seeded, '2025-03-01T10:00:01.000Z', cancelled);

    // Assess
    expect([first, again]).toEqual([true, false]);
    expect(stateOf(f.record())).toBe('cancelled');
    expect(f.audit.types()).toEqual(['APPROVAL_CANCELLED']);
  });

  it('leaves a decided task decided', async () => {
    // Prepare
    const f = lifecycle({ status: 'REJECTED', decidedBy: ['bob@example.com'] });

    // Act
    const done = await cancelTask(f.deps, f.record(), '2025-03-01T10:00:00.000Z', cancelled);

    // Assess
    expect(done).toBe(false);
    expect(f.record().status).toBe('REJECTED');
    expect(f.audit.records).toEqual([]);
  });
});
