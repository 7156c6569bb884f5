import { describe, expect, it } from 'vitest';
import {
  approvalPolicyProblems,
  defaultApprovalPolicy,
} from '../../../../lambdas/platform/human-step/policy.ts';
import { parseHumanStepRequest } from '../../../../lambdas/platform/human-step/request.ts';
import { humanRequest } from '../shared/support/builders.ts';

describe('candidate groups and claim lifetimes in the human-step policy', () => {
  it('accepts groups of members and leads', () => {
    const groups = { claims: { members: ['gus@example.com'], leads: ['lea@example.com'] } };
    expect(approvalPolicyProblems({ ...defaultApprovalPolicy, groups })).toEqual([]);
  });

  it.each([
    [{ groups: [] }, 'groups must be an object'],
    [
      { groups: { Claims: { members: ['a@example.com'], leads: [] } } },
      'groups.Claims must be named in lowercase',
    ],
    [
      { groups: { claims: { members: [], leads: [] } } },
      'groups.claims.members must list at least one person',
    ],
    [
      { groups: { claims: { members: ['nobody'], leads: [] } } },
      'groups.claims.members.0 must be an email address, got "nobody"',
    ],
    [
      { groups: { claims: { members: ['a@example.com'] } } },
      'groups.claims.leads must be a list of email addresses',
    ],
    [
      { groups: { claims: { members: ['a@example.com'], leads: [], extra: 1 } } },
      'groups.claims has unknown keys extra',
    ],
    [{ claimSeconds: 10 }, 'claimSeconds must be a whole number of seconds from 60 to 604800, got 10'],
  ])('names what is wrong with %j', (change, problem) => {
    expect(approvalPolicyProblems({ ...defaultApprovalPolicy, ...change }, { echo: true })).toEqual([
      expect.stringContaining(problem),
    ]);
  });

  it('takes a priority from the process’s request, and refuses an unknown one', () => {
    expect(parseHumanStepRequest({ ...humanRequest(), priority: 'urgent' }).priority).toBe('urgent');
    expect(() => parseHumanStepRequest({ ...humanRequest(), priority: 'asap' })).toThrow(
      'priority must be one of low, normal, high, urgent',
    );
  });
});
