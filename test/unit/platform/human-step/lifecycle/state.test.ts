import { describe, expect, it } from 'vitest';
import { decisionOf, stateOf } from '../../../../../lambdas/platform/human-step/lifecycle/state.ts';

describe('stateOf', () => {
  it.each([
    ['PENDING', undefined, 'pending', undefined],
    ['PENDING', '2025-03-01T10:00:00.000Z', 'pending', undefined],
    ['APPROVED', undefined, 'decided', 'approved'],
    ['REJECTED', undefined, 'decided', 'rejected'],
    ['APPROVED', '2025-03-01T10:00:00.000Z', 'delivered', 'approved'],
    ['REJECTED', '2025-03-01T10:00:00.000Z', 'delivered', 'rejected'],
    ['EXPIRED', undefined, 'expired', undefined],
    ['CANCELLED', undefined, 'cancelled', undefined],
  ] as const)('reads %s (deliveredAt %s) as %s, decision %s', (status, deliveredAt, state, decision) => {
    // Act
    const read = { state: stateOf({ status, deliveredAt }), decision: decisionOf({ status }) };

    // Assess
    expect(read).toEqual({ state, decision });
  });
});
