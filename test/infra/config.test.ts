import { describe, expect, it } from 'vitest';
import { defaultApprovalPolicy } from '../../lambdas/platform/human-step/policy.ts';
import { defaultRuleParameters } from '../../lambdas/processes/invoice/rules/parameters.ts';
import { parseConfig, TowerConfigError } from '../../lib/config/index.ts';

const valid = { senderAddress: 'tower@example.com' };
/** A context staging and prod accept: no example-domain sender or approver. */
const deployable = {
  senderAddress: 'tower@acme.test',
  processes: { invoice: { approval: { approvers: ['ap@acme.test'] } } },
};

/** The problems parseConfig lists for a context; none when it parses. */
function problemsOf(context: Record<string, unknown>): readonly string[] {
  try {
    parseConfig(context);
    return [];
  } catch (error) {
    if (error instanceof TowerConfigError) return error.problems;
    throw error;
  }
}

describe('parseConfig', () => {
  it('fills every default from a context that names only the sender', () => {
    // Act
    const config = parseConfig(valid);

    // Assess
    expect(config).toEqual({
      stage: 'dev',
      senderAddress: 'tower@example.com',
      sesSandbox: true,
      sesRecipientIdentities: ['approver@example.com'],
      intakeMaxConcurrency: 5,
      approvalApiRateLimit: 10,
      approvalApiBurstLimit: 20,
      logRetentionDays: 30,
      textract: { syncTps: 1, startTps: 1, getTps: 1, maxConcurrentJobs: 100 },
      processes: {
        invoice: { approval: defaultApprovalPolicy, rules: defaultRuleParameters, activeContent: 'review' },
      },
    });
  });

  it("takes a process's active-content policy, and refuses one it does not know", () => {
    const reject = parseConfig({ ...valid, processes: '{"invoice":{"activeContent":"reject"}}' });
    expect(reject.processes.invoice?.activeContent).toBe('reject');
    expect(() => parseConfig({ ...valid, processes: { invoice: { activeContent: 'ignore' } } })).toThrow(
      /processes\.invoice\.activeContent.*must be "review" \(a person looks\) or "reject", got "ignore"/,
    );
  });

  it('reads numbers and objects given as JSON text, as `-c key=value` passes them', () => {
    // Act
    const config = parseConfig({
      ...valid,
      senderAddress: 'tower@acme.test',
      stage: 'prod',
      alarmEmail: 'ops@acme.test',
      intakeMaxConcurrency: '20',
      approvalApiRateLimit: '2.5',
      textract: '{"syncTps":2}',
      processes: '{"invoice":{"approval":{"approvers":["a@acme.test","b@acme.test"],"quorum":2}}}',
    });

    // Assess
    expect(config.intakeMaxConcurrency).toBe(20);
    expect(config.approvalApiRateLimit).toBe(2.5);
    expect(config.alarmEmail).toBe('ops@acme.test');
    expect(config.textract).toEqual({ syncTps: 2, startTps: 1, getTps: 1, maxConcurrentJobs: 100 });
    expect(config.processes.invoice?.approval).toEqual({
      ...defaultApprovalPolicy,
      approvers: ['a@acme.test', 'b@acme.test'],
      quorum: 2,
    });
  });

  it.each([
    ['dev', 30],
    ['staging', 30],
    ['prod', 365],
  ])('keeps logs of stage %s for %i days unless told otherwise', (stage, days) => {
    expect(parseConfig({ ...deployable, stage }).logRetentionDays).toBe(days);
    expect(parseConfig({ ...deployable, stage, logRetentionDays: '90' }).logRetentionDays).toBe(90);
  });

  // SES sends only from verified identities, and in the sandbox only to verified ones; a domain identity
  // is verified by DNS records on it, which nobody can publish for a reserved example domain (RFC 2606).
  // https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html
  it.each(['staging', 'prod'])(
    'refuses example-domain senders and approvers in stage %s, naming the keys to set',
    (stage) => {
      const approval = {
        approvers: ['ap@acme.test', 'approver@EXAMPLE.org'],
        escalationApprovers: ['boss@example.net'],
      };
      const context = {
        stage,
        senderAddress: 'tower@mail.example.com',
        processes: { invoice: { approval } },
      };
      expect(problemsOf(context)).toEqual([
        expect.stringMatching(
          /^tower config: senderAddress "tower@mail\.example\.com" is an example address .* -c senderAddress=/,
        ),
        expect.stringMatching(
          /^tower config: processes\.invoice\.approval\.approvers \["approver@EXAMPLE\.org"\] .*-c 'processes=/,
        ),
        expect.stringMatching(
          /^tower config: processes\.invoice\.approval\.escalationApprovers \["boss@example\.net"\] /,
        ),
      ]);
      // The default approver is a placeholder too: a context that names only a real sender is refused.
      expect(problemsOf({ stage, senderAddress: 'tower@acme.test' })).toEqual([
        expect.stringMatching(
          /^tower config: processes\.invoice\.approval\.approvers \["approver@example\.com"\]/,
        ),
      ]);
    },
  );

  it('accepts example-domain senders and approvers in dev, and look-alike domains in prod', () => {
    expect(parseConfig({ ...valid, stage: 'dev' }).senderAddress).toBe('tower@example.com');
    const lookAlike = { ...deployable, senderAddress: 'tower@notexample.com', stage: 'prod' };
    expect(parseConfig(lookAlike).senderAddress).toBe('tower@notexample.com');
  });

  it('ignores context it does not own, such as CDK feature flags', () => {
    expect(() => parseConfig({ ...valid, '@aws-cdk/core:newStyleStackSynthesis': true })).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no sender', {}, 'tower config: senderAddress is required and must be an email address'],
    [
      'a sender that is no address',
      { senderAddress: 'x' },
      'tower config: senderAddress must be an email address, got "x"',
    ],
    [
      'an unknown stage',
      { ...valid, stage: 'qa' },
      'tower config: stage must be "dev", "staging" or "prod", got "qa"',
    ],
    [
      'an alarm email that is no address',
      { ...valid, alarmEmail: 'ops' },
      'tower config: alarmEmail must be an email address, got "ops"',
    ],
    [
      'concurrency below 2',
      { ...valid, intakeMaxConcurrency: '1' },
      'tower config: intakeMaxConcurrency must be an integer from 2 to 1000, got 1',
    ],
    [
      'concurrency above 1000',
      { ...valid, intakeMaxConcurrency: 1001 },
      'tower config: intakeMaxConcurrency must be an integer from 2 to 1000, got 1001',
    ],
    [
      'concurrency that is no number',
      { ...valid, intakeMaxConcurrency: 'many' },
      'tower config: intakeMaxConcurrency must be an integer from 2 to 1000, got "many"',
    ],
    [
      'a rate limit of 0',
      { ...valid, approvalApiRateLimit: 0 },
      'tower config: approvalApiRateLimit must be a positive number of requests per second, got 0',
    ],
    [
      'a burst of 0',
      { ...valid, approvalApiBurstLimit: '0' },
      'tower config: approvalApiBurstLimit must be an integer from 1 to 5000, got 0',
    ],
    [
      'a retention CloudWatch does not offer',
      { ...valid, logRetentionDays: 8 },
      'tower config: logRetentionDays must be one of 1, 3, 5,',
    ],
    [
      'textract that is not JSON',
      { ...valid, textract: 'fast' },
      'tower config: textract must be an object (JSON text with -c), got "fast"',
    ],
    [
      'textract with a negative rate',
      { ...valid, textract: { syncTps: -1 } },
      'tower config: textract.syncTps must be a positive number of calls per second, got -1',
    ],
    [
      // GetExpenseAnalysis has its own TPS quota: https://docs.aws.amazon.com/general/latest/gr/textract.html
      'textract with a zero GetExpenseAnalysis rate',
      { ...valid, textract: { getTps: 0 } },
      'tower config: textract.getTps must be a positive number of calls per second, got 0',
    ],
    [
      'textract with a fractional job count',
      { ...valid, textract: { maxConcurrentJobs: 1.5 } },
      'tower config: textract.maxConcurrentJobs must be an integer from 1 to 10000, got 1.5',
    ],
    [
      'textract with an unknown setting',
      { ...valid, textract: { tps: 1 } },
      'tower config: textract has unknown key "tps"',
    ],
    [
      'an unknown process',
      { ...valid, processes: { po: {} } },
      'tower config: processes.po is not a process; known processes: invoice',
    ],
  ])('rejects %s', (_, context, message) => {
    expect(() => parseConfig(context)).toThrow(message);
  });

  const approval = (policy: Record<string, unknown>) => ({
    ...valid,
    processes: { invoice: { approval: policy } },
  });
  const key = 'tower config: processes.invoice.approval';

  it.each<[string, Record<string, unknown>, string]>([
    ['no approvers', { approvers: [] }, `${key}.approvers must list at least one approver`],
    [
      'an approver that is no address',
      { approvers: ['ok@example.com', 'bob'] },
      `${key}.approvers.1 must be an email address, got "bob"`,
    ],
    [
      'an approver listed twice',
      { approvers: ['a@example.com', 'A@example.com'] },
      `${key}.approvers must not list "A@example.com" twice`,
    ],
    [
      'an escalation approver that is no address',
      { escalationApprovers: ['boss'] },
      `${key}.escalationApprovers.0 must be an email address, got "boss"`,
    ],
    [
      'a quorum above the approvers',
      { quorum: 2 },
      `${key}.quorum must be between 1 and the number of approvers (1), got 2`,
    ],
    ['a quorum of 0', { quorum: 0 }, `${key}.quorum must be a whole number of approvals from 1, got 0`],
    ['a veto that is no boolean', { veto: 'yes' }, `${key}.veto must be true or false, got "yes"`],
    [
      'an unknown step-up mode',
      { stepUp: 'sometimes' },
      `${key}.stepUp must be "never", "always" or "above-amount", got "sometimes"`,
    ],
    [
      'step-up above an amount without the amount',
      { stepUp: 'above-amount' },
      `${key}.stepUpAbove must be set when stepUp is "above-amount"`,
    ],
    [
      'a timeout not after the reminder',
      { timeoutSeconds: 3600, reminderBeforeSeconds: 3600 },
      `${key}.timeoutSeconds must be greater than reminderBeforeSeconds (3600), got 3600`,
    ],
    [
      'a reminder of 0 seconds',
      { reminderBeforeSeconds: 0 },
      `${key}.reminderBeforeSeconds must be a positive whole number of seconds, got 0`,
    ],
    [
      'an escalation that outlives the workflow',
      { timeoutSeconds: 2_000_000, escalationTimeoutSeconds: 600_000 },
      `${key}.timeoutSeconds plus escalationTimeoutSeconds must stay below the workflow's TimeoutSeconds (2592000), got 2600000`,
    ],
    [
      'a negative dwell',
      { minDwellSeconds: -1 },
      `${key}.minDwellSeconds must be a whole number of seconds from 0 to 3600, got -1`,
    ],
    ['a misspelt setting', { quorom: 1 }, `${key} has unknown key "quorom"`],
  ])('rejects an approval policy with %s', (_, policy, message) => {
    expect(() => parseConfig(approval(policy))).toThrow(message);
  });

  const ruleParameters = (rules: Record<string, unknown>, policy: Record<string, unknown> = {}) => ({
    ...valid,
    processes: { invoice: { approval: policy, rules } },
  });
  const rulesKey = 'tower config: processes.invoice.rules';

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      'an amount given as a number',
      { amountThreshold: 5000 },
      {},
      `${rulesKey}.amountThreshold must be a decimal string such as "10000.00", got 5000`,
    ],
    [
      'an amount with a currency',
      { amountThreshold: '$5' },
      {},
      `${rulesKey}.amountThreshold must be a decimal string such as "10000.00", got "$5"`,
    ],
    [
      'a second approver nobody can be',
      { secondApproverAbove: '500.00' },
      {},
      `${rulesKey}.secondApproverAbove needs quorum + 1 (2) approvers, but only 1 are listed`,
    ],
    [
      'an unknown risk band',
      { riskBandRequiringApproval: 'low' },
      {},
      `${rulesKey}.riskBandRequiringApproval must be "medium" or "high", got "low"`,
    ],
    ['a misspelt parameter', { amountTreshold: '1' }, {}, `${rulesKey} has unknown key "amountTreshold"`],
  ])("rejects the invoice rules' parameters with %s", (_, rules, policy, message) => {
    expect(() => parseConfig(ruleParameters(rules, policy))).toThrow(message);
  });

  it('takes rule parameters the policy makes possible', () => {
    const config = parseConfig(
      ruleParameters({ secondApproverAbove: '500.00' }, { approvers: ['a@example.com', 'b@example.com'] }),
    );
    expect(config.processes.invoice?.rules).toEqual({
      ...defaultRuleParameters,
      secondApproverAbove: '500.00',
    });
  });

  it('lists every problem at once, one line each', () => {
    // Act
    let caught: unknown;
    try {
      parseConfig({ senderAddress: 'x', stage: 'qa', intakeMaxConcurrency: 0 });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(TowerConfigError);
    expect((caught as TowerConfigError).problems).toEqual([
      'tower config: stage must be "dev", "staging" or "prod", got "qa"',
      'tower config: senderAddress must be an email address, got "x"',
      'tower config: intakeMaxConcurrency must be an integer from 2 to 1000, got 0',
    ]);
  });
});
