import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultApprovalPolicy } from '../../../../../lambdas/platform/human-step/policy.ts';
import {
  loadApprovalPolicy,
  parseApprovalPolicy,
} from '../../../../../lambdas/processes/invoice/rules/policy.ts';
import { policy } from './fixtures.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('approval policy', () => {
  it.each([
    ['the default policy', policy()],
    ['a step-up above an amount', policy({ stepUp: 'above-amount', stepUpAbove: '2500' })],
    ['a quorum of every approver', policy({ approvers: ['a@x.io', 'b@x.io'], quorum: 2 })],
  ])('accepts %s', (_, given) => {
    // Act / Assess
    expect(parseApprovalPolicy(given)).toEqual(given);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'policy', '(root)'],
    [
      'no approvers',
      { ...defaultApprovalPolicy, approvers: [] },
      'approvers: must name at least one approver',
    ],
    [
      'an approver that is not an email',
      { ...defaultApprovalPolicy, approvers: ['bob'] },
      'approvers.0: must be an email address',
    ],
    [
      'a repeated approver',
      { ...defaultApprovalPolicy, approvers: ['a@x.io', 'a@x.io'] },
      'approvers: must not repeat',
    ],
    ['a zero quorum', { ...defaultApprovalPolicy, quorum: 0 }, 'quorum:'],
    ['a fractional quorum', { ...defaultApprovalPolicy, quorum: 1.5 }, 'quorum: must be a whole number'],
    [
      'a quorum above the approvers',
      { ...defaultApprovalPolicy, quorum: 2 },
      'quorum: must not exceed the number of approvers (1)',
    ],
    [
      'an amount threshold with a comma',
      { ...defaultApprovalPolicy, amountThreshold: '10,000' },
      'amountThreshold: must be a non-negative decimal',
    ],
    [
      'an amount threshold as a number',
      { ...defaultApprovalPolicy, amountThreshold: 10000 },
      'amountThreshold:',
    ],
    [
      'a second-approver amount with three places',
      { ...defaultApprovalPolicy, secondApproverAbove: '1.005' },
      'secondApproverAbove:',
    ],
    [
      'an unknown risk band',
      { ...defaultApprovalPolicy, riskBandRequiringApproval: 'low' },
      'riskBandRequiringApproval:',
    ],
    ['an unknown step-up mode', { ...defaultApprovalPolicy, stepUp: 'sometimes' }, 'stepUp:'],
    [
      'a step-up amount missing',
      { ...defaultApprovalPolicy, stepUp: 'above-amount' },
      "stepUpAbove: must be set when stepUp is 'above-amount'",
    ],
    ['a zero timeout', { ...defaultApprovalPolicy, timeoutSeconds: 0 }, 'timeoutSeconds:'],
    [
      'a fractional reminder',
      { ...defaultApprovalPolicy, reminderBeforeSeconds: 0.5 },
      'reminderBeforeSeconds: must be a whole number of seconds',
    ],
    [
      'a negative escalation timeout',
      { ...defaultApprovalPolicy, escalationTimeoutSeconds: -1 },
      'escalationTimeoutSeconds:',
    ],
    ['a missing field', { ...defaultApprovalPolicy, veto: undefined }, 'veto:'],
  ])('refuses %s, naming the field', (_, raw, fragment) => {
    // Act
    const parse = () => parseApprovalPolicy(raw);

    // Assess
    expect(parse).toThrow(expect.objectContaining({ name: 'Tower.Permanent' }));
    expect(parse).toThrow(`APPROVAL_POLICY is invalid: `);
    expect(parse).toThrow(fragment);
  });

  it('never echoes approver addresses in the error', () => {
    // Act
    const parse = () =>
      parseApprovalPolicy({ ...defaultApprovalPolicy, approvers: ['secret.person@corp', 'x'] });

    // Assess
    expect(parse).toThrow('approvers.1');
    expect(parse).not.toThrow('secret.person');
  });

  it.each<[string, string | undefined, string]>([
    ['unset', undefined, 'Environment variable APPROVAL_POLICY is not set'],
    ['not JSON', '{quorum: 1', 'Environment variable APPROVAL_POLICY is not valid JSON'],
    ['invalid', JSON.stringify({ ...defaultApprovalPolicy, quorum: 5 }), 'quorum: must not exceed'],
  ])('loadApprovalPolicy refuses an environment variable that is %s', (_, value, message) => {
    // Prepare
    vi.stubEnv('APPROVAL_POLICY', value);

    // Act / Assess
    expect(() => loadApprovalPolicy()).toThrow(message);
  });

  it('loadApprovalPolicy reads the environment variable', () => {
    // Prepare
    const given = policy({ quorum: 1, stepUp: 'always' });
    vi.stubEnv('APPROVAL_POLICY', JSON.stringify(given));

    // Act / Assess
    expect(loadApprovalPolicy()).toEqual(given);
  });
});
