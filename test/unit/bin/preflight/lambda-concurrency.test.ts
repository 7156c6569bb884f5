import { describe, expect, it } from 'vitest';
import { lambdaConcurrency, minimumUnreserved } from '../../../../bin/preflight/checks/lambda-concurrency.ts';
import { answer, contextOf, planFor, refusal } from './support.ts';

// GetAccountSettings' response syntax: https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html
const settings = (limit: number, unreserved: number) =>
  answer(
    'lambda:GetAccountSettings',
    {},
    {
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: limit,
        UnreservedConcurrentExecutions: unreserved,
      },
      AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
    },
  );

describe('preflight: Lambda concurrency', () => {
  it('passes when the unreserved concurrency covers the queues and the other functions', async () => {
    const [finding] = await lambdaConcurrency(contextOf([settings(1000, 1000)]));
    expect(finding?.level).toBe('ok');
    expect(finding?.details).toContain(
      'queues at their maximum concurrency: start-execution 5 + extract 4 + complete-extraction 2 = 11',
    );
  });

  it("fails a new account's 10 against the queues' 11, with the quota to raise", async () => {
    // Prepare: the SQS scaling guide warns that maximum concurrency above what the function can get throttles
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html).
    const [finding] = await lambdaConcurrency(contextOf([settings(10, 10)]));
    // Assess
    expect(finding).toMatchObject({
      level: 'fail',
      docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html',
    });
    expect(finding?.summary).toContain(
      'the queues may run 11 consumers at once, the account leaves 10 unreserved',
    );
    expect(finding?.fix).toContain('L-B99A9384');
  });

  it('follows the configured intake concurrency', async () => {
    const plan = planFor({ intakeMaxConcurrency: '200' });
    const [finding] = await lambdaConcurrency(contextOf([settings(1000, 150)], plan));
    expect(finding?.level).toBe('fail');
    expect(finding?.summary).toContain('206 consumers');
  });

  it('warns when the queues fit but the other functions would share too little', async () => {
    const [finding] = await lambdaConcurrency(contextOf([settings(15, 15)]));
    expect(finding?.level).toBe('warn');
    expect(finding?.summary).toContain('leaves 4 for 11 other functions');
  });

  it("fails a reservation that takes the unreserved pool below Lambda's minimum", async () => {
    // Prepare: "You can reserve up to the Unreserved account concurrency value minus 100"
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html); below a 100 limit, the whole limit.
    const plan = planFor({}, { reservedConcurrency: { extract: 5 } });
    // Act
    const [finding] = await lambdaConcurrency(contextOf([settings(1000, 104)], plan));
    // Assess
    expect(finding?.level).toBe('fail');
    expect(finding?.summary).toContain("would leave 99 unreserved, below Lambda's minimum of 100");
    expect(minimumUnreserved(1000)).toBe(100);
    expect(minimumUnreserved(10)).toBe(10);
  });

  it('says what to grant when it may not read the settings', async () => {
    const [finding] = await lambdaConcurrency(
      contextOf([refusal('lambda:GetAccountSettings', {}, 'AccessDeniedException', 'not authorized')]),
    );
    expect(finding).toMatchObject({ level: 'unchecked' });
    expect(finding?.fix).toContain('grant lambda:GetAccountSettings');
  });
});
