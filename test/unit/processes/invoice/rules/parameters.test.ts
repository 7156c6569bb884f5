import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultApprovalPolicy } from '../../../../../lambdas/platform/human-step/policy.ts';
import {
  defaultRuleParameters,
  invoiceRuleParameters,
  loadRuleParameters,
  parseRuleParameters,
  ruleParameterProblems,
} from '../../../../../lambdas/processes/invoice/rules/parameters.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('invoice rule parameters', () => {
  it("send a new vendor's first invoice to a person unless the deployment says otherwise", () => {
    expect(defaultRuleParameters.newVendorRequiresApproval).toBe(true);
  });

  it.each([
    ['the defaults', defaultRuleParameters],
    ['a second approver above an amount', { ...defaultRuleParameters, secondApproverAbove: '5000.00' }],
    ['a medium risk band', { ...defaultRuleParameters, riskBandRequiringApproval: 'medium' }],
    [
      "new vendors' first invoices let through",
      { ...defaultRuleParameters, newVendorRequiresApproval: false },
    ],
  ])('accepts %s', (_, given) => {
    expect(parseRuleParameters(given)).toEqual(given);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an amount with a comma',
      { ...defaultRuleParameters, amountThreshold: '10,000' },
      'amountThreshold must be a decimal string',
    ],
    [
      'an amount as a number',
      { ...defaultRuleParameters, amountThreshold: 10000 },
      'amountThreshold must be a decimal string',
    ],
    [
      'a second-approver amount with three places',
      { ...defaultRuleParameters, secondApproverAbove: '1.005' },
      'secondApproverAbove must be a decimal string',
    ],
    [
      'an unknown risk band',
      { ...defaultRuleParameters, riskBandRequiringApproval: 'low' },
      'riskBandRequiringApproval must be "medium" or "high"',
    ],
    [
      'a new-vendor switch as a string',
      { ...defaultRuleParameters, newVendorRequiresApproval: 'yes' },
      'newVendorRequiresApproval must be true or false',
    ],
    [
      'a misspelt field',
      { ...defaultRuleParameters, amountTreshold: '1' },
      'has unknown key "amountTreshold"',
    ],
  ])('refuses %s, permanently, naming the field', (_, raw, fragment) => {
    const parse = () => parseRuleParameters(raw);
    expect(parse).toThrow(expect.objectContaining({ name: 'Tower.Permanent' }));
    expect(parse).toThrow('RULE_PARAMETERS is invalid: ');
    expect(parse).toThrow(fragment);
  });

  it('refuses, at synth, a second approver the policy cannot provide', () => {
    // Act
    const problems = invoiceRuleParameters.validate(
      { ...defaultRuleParameters, secondApproverAbove: '500.00' },
      defaultApprovalPolicy,
    );

    // Assess
    expect(problems).toEqual(['secondApproverAbove needs quorum + 1 (2) approvers, but only 1 are listed']);
  });

  it('shows the values at synth and not at run time', () => {
    const raw = { ...defaultRuleParameters, amountThreshold: '$5' };
    expect(ruleParameterProblems(raw, { echo: true })).toEqual([
      'amountThreshold must be a decimal string such as "10000.00", got "$5"',
    ]);
    expect(ruleParameterProblems(raw, { echo: false }).join()).not.toContain('$5');
  });

  it.each<[string, string | undefined, string]>([
    ['unset', undefined, 'Environment variable RULE_PARAMETERS is not set'],
    ['not JSON', '{amountThreshold', 'Environment variable RULE_PARAMETERS is not valid JSON'],
    [
      'invalid',
      JSON.stringify({ ...defaultRuleParameters, riskBandRequiringApproval: 'low' }),
      'riskBandRequiringApproval',
    ],
  ])('loadRuleParameters refuses an environment variable that is %s', (_, value, message) => {
    vi.stubEnv('RULE_PARAMETERS', value);
    expect(() => loadRuleParameters()).toThrow(message);
  });
});
