import { describe, expect, it } from 'vitest';
import {
  canTransition,
  type DocumentStatus,
  isStatus,
  isTerminal,
  statuses,
  terminalStatuses,
} from '../../../../lambdas/platform/shared/status.ts';

const happyPath: readonly DocumentStatus[] = [
  'RECEIVED',
  'QUEUED',
  'EXECUTING',
  'AWAITING_APPROVAL',
  'COMPLETED',
];
const allPairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

describe('canTransition', () => {
  it('allows the happy path, one step at a time', () => {
    // Act
    const steps = happyPath.slice(1).map((to, i) => canTransition(happyPath[i] as DocumentStatus, to));

    // Assess
    expect(steps).toEqual([true, true, true, true]);
  });

  it.each([
    ['QUEUED', 'RECEIVED'],
    ['EXECUTING', 'RECEIVED'],
    ['EXECUTING', 'QUEUED'],
    ['AWAITING_APPROVAL', 'QUEUED'],
    ['COMPLETED', 'EXECUTING'],
    ['COMPLETED', 'AWAITING_APPROVAL'],
    ['REJECTED', 'AWAITING_APPROVAL'],
    ['REJECTED_INPUT', 'EXECUTING'],
  ] as const)('refuses the backwards move %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it.each(statuses)('never moves a document to RECEIVED (from %s)', (from) => {
    expect(canTransition(from, 'RECEIVED')).toBe(false);
  });

  it.each(statuses)('never "moves" %s to itself', (status) => {
    expect(canTransition(status, status)).toBe(false);
  });

  it.each(['COMPLETED', 'REJECTED', 'REJECTED_INPUT', 'COMPENSATED'] as const)(
    'lets nothing leave %s',
    (from) => {
      expect(statuses.filter((to) => canTransition(from, to))).toEqual([]);
    },
  );

  it('lets a FAILED document be redriven (QUEUED, EXECUTING) or compensated, and nothing else', () => {
    expect(statuses.filter((to) => canTransition('FAILED', to))).toEqual([
      'QUEUED',
      'EXECUTING',
      'COMPENSATED',
    ]);
  });

  it('lets a document awaiting approval end in every way but a rejected input', () => {
    expect(statuses.filter((to) => isTerminal(to) && canTransition('AWAITING_APPROVAL', to))).toEqual([
      'COMPLETED',
      'REJECTED',
      'FAILED',
      'COMPENSATED',
    ]);
  });

  it('reaches a terminal status from every non-terminal one', () => {
    const stuck = statuses.filter(
      (from) => !isTerminal(from) && !statuses.some((to) => isTerminal(to) && canTransition(from, to)),
    );
    expect(stuck).toEqual([]);
  });

  it('has no edge out of a terminal status other than FAILED', () => {
    const leaving = allPairs.filter(
      ([from, to]) => isTerminal(from) && from !== 'FAILED' && canTransition(from, to),
    );
    expect(leaving).toEqual([]);
  });
});

describe('isTerminal', () => {
  it('names the five ends of a document', () => {
    expect(statuses.filter(isTerminal)).toEqual([
      'COMPLETED',
      'REJECTED',
      'REJECTED_INPUT',
      'FAILED',
      'COMPENSATED',
    ]);
    expect([...terminalStatuses].sort()).toEqual(statuses.filter(isTerminal).sort());
  });
});

describe('isStatus', () => {
  it.each(statuses)('accepts %s', (status) => {
    expect(isStatus(status)).toBe(true);
  });

  it.each([['completed'], ['DONE'], [''], [undefined], [3], [{ status: 'COMPLETED' }]])(
    'refuses %j',
    (value) => {
      expect(isStatus(value)).toBe(false);
    },
  );
});
