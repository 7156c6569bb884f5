import { describe, expect, it } from 'vitest';
import {
  type ApprovalPolicy,
  approvalPolicyProblems,
  approvalTimings,
  defaultApprovalPolicy,
  parseApprovalPolicies,
  parseApprovalPolicy,
} from '../../../../lambdas/platform/human-step/policy.ts';

const policy = (overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  ...defaultApprovalPolicy,
  ...overrides,
});

it('asks for passkeys by default (a new deployment signs people in)', () => {
  expect(defaultApprovalPolicy.identity).toBe('passkey');
});

// One validator serves the CDK config (echoing values) and the functions (never echoing them).
describe('approvalPolicyProblems', () => {
  it.each([
    ['the default policy', policy()],
    ['a step-up above an amount', policy({ stepUp: 'above-amount', stepUpAbove: '2500' })],
    ['a quorum of every approver', policy({ approvers: ['a@x.io', 'b@x.io'], quorum: 2 })],
    ['sign-in by code', policy({ identity: 'code' })],
    ['the link alone (opted into, warned at synth)', policy({ identity: 'link' })],
  ])('accepts %s', (_, given) => {
    expect(approvalPolicyProblems(given)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'policy', '(policy) must be an object'],
    ['no approvers', policy({ approvers: [] }), 'approvers must list at least one approver'],
    [
      'an approver that is not an email',
      policy({ approvers: ['bob'] }),
      'approvers.0 must be an email address',
    ],
    [
      'an approver listed twice, in another case',
      policy({ approvers: ['a@x.io', 'A@x.io'] }),
      'approvers must not list',
    ],
    ['a zero quorum', policy({ quorum: 0 }), 'quorum must be a whole number of approvals from 1'],
    ['a fractional quorum', policy({ quorum: 1.5 }), 'quorum must be a whole number'],
    [
      'a quorum above the approvers',
      policy({ quorum: 2 }),
      'quorum must be between 1 and the number of approvers (1)',
    ],
    ['a veto that is no boolean', { ...policy(), veto: 'yes' }, 'veto must be true or false'],
    [
      'an unknown step-up mode',
      { ...policy(), stepUp: 'sometimes' },
      'stepUp must be "never", "always" or "above-amount"',
    ],
    [
      'a step-up amount missing',
      policy({ stepUp: 'above-amount' }),
      'stepUpAbove must be set when stepUp is "above-amount"',
    ],
    [
      'a step-up amount with a comma',
      policy({ stepUpAbove: '1,000' }),
      'stepUpAbove must be a decimal string',
    ],
    [
      'a zero timeout',
      policy({ timeoutSeconds: 0 }),
      'timeoutSeconds must be a positive whole number of seconds',
    ],
    [
      'a reminder of 0 seconds',
      policy({ reminderBeforeSeconds: 0 }),
      'reminderBeforeSeconds must be a positive whole number',
    ],
    [
      'a fractional reminder',
      policy({ reminderBeforeSeconds: 0.5 }),
      'reminderBeforeSeconds must be a positive whole number',
    ],
    [
      'a timeout not after the reminder',
      policy({ timeoutSeconds: 3600, reminderBeforeSeconds: 3600 }),
      'timeoutSeconds must be greater than reminderBeforeSeconds (3600)',
    ],
    [
      'a negative escalation timeout',
      policy({ escalationTimeoutSeconds: -1 }),
      'escalationTimeoutSeconds must be a positive whole number',
    ],
    [
      'a negative dwell',
      policy({ minDwellSeconds: -1 }),
      'minDwellSeconds must be a whole number of seconds from 0 to 3600',
    ],
    ['a missing field', { ...policy(), veto: undefined }, 'veto must be true or false'],
    ['a misspelt field', { ...policy(), quorom: 1 }, '(policy) has unknown key "quorom"'],
    [
      'an unknown identity method',
      policy({ identity: 'sms' as 'code' }),
      'identity must be "passkey", "oidc", "code" or "link"',
    ],
    ['no identity method', { ...policy(), identity: undefined }, 'identity must be'],
  ])('refuses %s, naming the field', (_, raw, fragment) => {
    expect(approvalPolicyProblems(raw).join('\n')).toContain(fragment);
  });

  it('shows the values only when asked, as the CDK config does', () => {
    const raw = policy({ approvers: ['secret.person@corp.example', 'x'], quorum: 0 });
    expect(approvalPolicyProblems(raw, { echo: true })).toEqual([
      'approvers.1 must be an email address, got "x"',
      'quorum must be a whole number of approvals from 1, got 0',
    ]);
    expect(approvalPolicyProblems(raw).join()).not.toMatch(/secret\.person|got/);
  });
});

describe('parseApprovalPolicies: the APPROVAL_POLICIES map the functions read', () => {
  it('returns every policy by id', () => {
    const policies = { invoice: policy(), review: policy({ quorum: 1, approvers: ['r@x.io'] }) };
    expect(parseApprovalPolicies(policies)).toEqual(policies);
  });

  it.each<[string, unknown, string]>([
    ['not a map', [policy()], 'APPROVAL_POLICIES must be a JSON object of policy id to policy'],
    [
      'a bad policy',
      { invoice: policy(), review: policy({ quorum: 3 }) },
      'APPROVAL_POLICIES is invalid: review.quorum must be between 1',
    ],
  ])('refuses %s, permanently, naming the policy and field', (_, raw, message) => {
    const parse = () => parseApprovalPolicies(raw);
    expect(parse).toThrow(expect.objectContaining({ name: 'Tower.Permanent' }));
    expect(parse).toThrow(message);
  });

  it('never echoes approver addresses in the error', () => {
    const parse = () =>
      parseApprovalPolicy(policy({ approvers: ['secret.person@corp.example', 'x'] }), 'invoice');
    expect(parse).toThrow('invoice.approvers.1');
    expect(parse).not.toThrow('secret.person');
  });
});

describe('approvalTimings: the waits the human step times itself by', () => {
  it.each<[string, Partial<ApprovalPolicy>, [number, number, boolean, number]]>([
    ['the default policy', {}, [172800, 86400, false, 86400]],
    ['a short SLA', { timeoutSeconds: 120, reminderBeforeSeconds: 60 }, [60, 60, false, 86400]],
    [
      'escalation approvers',
      { escalationApprovers: ['boss@example.com'], escalationTimeoutSeconds: 600 },
      [172800, 86400, true, 600],
    ],
  ])('%s', (_, overrides, [reminder, remaining, escalate, escalation]) => {
    expect(approvalTimings(policy(overrides))).toEqual({
      reminderAfterSeconds: reminder,
      remainingAfterReminderSeconds: remaining,
      escalate,
      escalationSeconds: escalation,
    });
  });

  it('keeps every wait at a whole second or more, as TimeoutSecondsPath needs', () => {
    const timings = approvalTimings({
      ...policy(),
      timeoutSeconds: 1,
      reminderBeforeSeconds: 1,
      escalationTimeoutSeconds: 1,
    });
    expect(
      Object.values(timings)
        .filter((v) => typeof v === 'number')
        .every((v) => (v as number) >= 1),
    ).toBe(true);
  });
});
