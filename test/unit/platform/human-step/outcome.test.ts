import { describe, expect, it } from 'vitest';
import { isSubmitter, tally } from '../../../../lambdas/platform/human-step/outcome.ts';
import type { ApprovalRecord, ApproverEntry } from '../../../../lambdas/platform/human-step/record.ts';

type Vote = 'approve' | 'reject' | undefined;

/** Approvers a1…aN with the given votes (undefined = not voted yet). */
function record(
  votes: readonly Vote[],
  policy: Partial<
    Pick<ApprovalRecord, 'requiredApprovals' | 'veto' | 'separationOfDuties' | 'submittedBy'>
  > = {},
) {
  const approvers: Record<string, ApproverEntry> = {};
  votes.forEach((decision, i) => {
    const email = `p${i + 1}@example.com`;
    approvers[`a${i + 1}`] = {
      email,
      role: 'approver',
      secretHashes: [],
      vote: decision
        ? {
            approver: email,
            decision,
            at: `2025-03-01T10:0${i}:00.000Z`,
            clientIp: '198.51.100.7',
            userAgent: 'test',
            summaryHash: 'h',
          }
        : undefined,
    };
  });
  return { approvers, requiredApprovals: 1, veto: true, separationOfDuties: true, ...policy };
}

describe('tally', () => {
  it.each([
    ['no votes yet', [undefined, undefined], 1, { result: 'pending', approvals: 0, rejections: 0 }],
    [
      'one approval of one needed',
      ['approve', undefined],
      1,
      { result: 'approved', deciders: ['p1@example.com'] },
    ],
    [
      'one approval of two needed',
      ['approve', undefined, undefined],
      2,
      { result: 'pending', approvals: 1, rejections: 0 },
    ],
    [
      'two approvals of two needed',
      ['approve', undefined, 'approve'],
      2,
      { result: 'approved', deciders: ['p1@example.com', 'p3@example.com'] },
    ],
  ] as const)('with %s', (_name, votes, requiredApprovals, expected) => {
    expect(tally(record(votes, { requiredApprovals }))).toEqual(expected);
  });

  it('rejects on one rejection when the policy has a veto, whatever the approvals', () => {
    // Act
    const result = tally(record(['approve', 'reject', undefined], { requiredApprovals: 2, veto: true }));

    // Assess
    expect(result).toEqual({ result: 'rejected', deciders: ['p2@example.com'] });
  });

  it('waits after a rejection without a veto while the quorum is still reachable', () => {
    expect(tally(record(['reject', undefined, undefined], { requiredApprovals: 2, veto: false }))).toEqual({
      result: 'pending',
      approvals: 0,
      rejections: 1,
    });
  });

  it('rejects without a veto once the quorum can no longer be reached', () => {
    expect(tally(record(['reject', 'reject', undefined], { requiredApprovals: 2, veto: false }))).toEqual({
      result: 'rejected',
      deciders: ['p1@example.com', 'p2@example.com'],
    });
  });

  it('approves without a veto when the quorum is met despite a rejection', () => {
    expect(tally(record(['approve', 'reject', 'approve'], { requiredApprovals: 2, veto: false }))).toEqual({
      result: 'approved',
      deciders: ['p1@example.com', 'p3@example.com'],
    });
  });

  it('does not count the submitter as a voter who could still approve', () => {
    // Prepare: p1 submitted the document; p2 rejected; only p1 has not voted.
    const votes: Vote[] = [undefined, 'reject'];
    const policy = { requiredApprovals: 1, veto: false, submittedBy: 'P1@Example.com ' };

    // Act
    const withSeparation = tally(record(votes, { ...policy, separationOfDuties: true }));
    const withoutSeparation = tally(record(votes, { ...policy, separationOfDuties: false }));

    // Assess
    expect(withSeparation).toEqual({ result: 'rejected', deciders: ['p2@example.com'] });
    expect(withoutSeparation).toEqual({ result: 'pending', approvals: 0, rejections: 1 });
  });
});

describe('isSubmitter', () => {
  it.each([
    ['the same address', 'clerk@example.com', 'clerk@example.com', true],
    ['another case', 'Clerk@Example.COM', 'clerk@example.com', true],
    ['surrounding spaces', ' clerk@example.com ', 'clerk@example.com', true],
    ['another address', 'clerk@example.com', 'boss@example.com', false],
    ['no known submitter', undefined, 'clerk@example.com', false],
  ])('with %s', (_name, submittedBy, email, expected) => {
    expect(isSubmitter({ separationOfDuties: true, submittedBy }, email)).toBe(expected);
  });

  it('is never true when separation of duties is off', () => {
    expect(
      isSubmitter({ separationOfDuties: false, submittedBy: 'clerk@example.com' }, 'clerk@example.com'),
    ).toBe(false);
  });
});
