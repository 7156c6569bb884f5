import { describe, expect, it } from 'vitest';
import { apiGatewayRole } from '../../../../bin/preflight/checks/api-gateway-role.ts';
import { bootstrap } from '../../../../bin/preflight/checks/bootstrap.ts';
import { existingStack } from '../../../../bin/preflight/checks/existing-stack.ts';
import { answer, contextOf, planFor, refusal } from './support.ts';

// GetAccount (API Gateway): https://docs.aws.amazon.com/apigateway/latest/api/API_GetAccount.html
const apiAccount = (cloudwatchRoleArn?: string) =>
  answer(
    'apigateway:GetAccount',
    {},
    {
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      features: ['UsagePlans'],
      apiKeyVersion: '4',
      ...(cloudwatchRoleArn ? { cloudwatchRoleArn } : {}),
    },
  );

describe('preflight: API Gateway logging role', () => {
  it('passes an account without one: the stack sets it', async () => {
    const [finding] = await apiGatewayRole(contextOf([apiAccount()]));
    expect(finding).toMatchObject({
      level: 'ok',
      summary: 'no role set in eu-west-1; the stack creates one and sets it',
    });
  });

  it("warns that the stack replaces another owner's role", async () => {
    // "To avoid overwriting other roles, you should only have one AWS::ApiGateway::Account resource per region per
    // account" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html).
    const [finding] = await apiGatewayRole(
      contextOf([apiAccount('arn:aws:iam::111122223333:role/platform-apigw-logs')]),
    );
    expect(finding?.level).toBe('warn');
    expect(finding?.summary).toContain('replaces arn:aws:iam::111122223333:role/platform-apigw-logs');
  });

  it("passes the stack's own role on an update", async () => {
    const own = 'arn:aws:iam::111122223333:role/Tower-dev-ApprovalApiCloudWatchRoleCE0EF4F6-AbC123';
    const [finding] = await apiGatewayRole(
      contextOf([apiAccount(own)], planFor(), { stackName: 'Tower-dev' }),
    );
    expect(finding?.level).toBe('ok');
  });

  it('fails a logging stage in an account without a role when the template does not set one', async () => {
    // API Gateway refuses logging without the account's role (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
    const plan = planFor({}, { apiGateway: { setsAccountRole: false, logs: true } });
    const [finding] = await apiGatewayRole(contextOf([apiAccount()], plan));
    expect(finding?.level).toBe('fail');
    expect(finding?.summary).toContain(
      'CloudWatch Logs role ARN must be set in account settings to enable logging',
    );
  });
});

// The bootstrap version parameter and the CDKToolkit stack: https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html
const version = (value: string) =>
  answer(
    'ssm:GetParameter',
    { Name: '/cdk-bootstrap/hnb659fds/version' },
    {
      Parameter: {
        Name: '/cdk-bootstrap/hnb659fds/version',
        Type: 'String',
        Value: value,
        Version: 3,
        DataType: 'text',
      },
    },
  );
const noVersion = refusal(
  'ssm:GetParameter',
  { Name: '/cdk-bootstrap/hnb659fds/version' },
  'ParameterNotFound',
);
// DescribeStacks answers a missing stack with ValidationError (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
const noStack = (name: string) =>
  refusal(
    'cloudformation:DescribeStacks',
    { StackName: name },
    'ValidationError',
    `Stack with id ${name} does not exist`,
  );
const stack = (name: string, StackStatus: string, StackStatusReason?: string) =>
  answer(
    'cloudformation:DescribeStacks',
    { StackName: name },
    {
      Stacks: [
        {
          StackName: name,
          StackId: `arn:aws:cloudformation:eu-west-1:111122223333:stack/${name}/1`,
          StackStatus,
          ...(StackStatusReason ? { StackStatusReason } : {}),
        },
      ],
    },
  );

describe('preflight: CDK bootstrap', () => {
  it('passes a version the app needs or later', async () => {
    const [finding] = await bootstrap(contextOf([version('28')]));
    expect(finding?.summary).toBe('bootstrapped in eu-west-1: version 28 (this app needs 6 or later)');
  });

  it('fails an older version, with the command', async () => {
    const [finding] = await bootstrap(contextOf([version('5')]));
    expect(finding?.level).toBe('fail');
    expect(finding?.fix).toContain('npx cdk bootstrap aws://111122223333/eu-west-1');
  });

  it('fails an unbootstrapped region, and one bootstrapped under another qualifier', async () => {
    const [none] = await bootstrap(contextOf([noVersion, noStack('CDKToolkit')]));
    expect(none?.summary).toContain('eu-west-1 is not bootstrapped');
    const [other] = await bootstrap(contextOf([noVersion, stack('CDKToolkit', 'UPDATE_COMPLETE')]));
    expect(other?.summary).toContain('bootstrapped with another qualifier');
  });

  it('reports a parameter it may not read as not checked', async () => {
    const [finding] = await bootstrap(
      contextOf([
        refusal('ssm:GetParameter', { Name: '/cdk-bootstrap/hnb659fds/version' }, 'AccessDeniedException'),
      ]),
    );
    expect(finding).toMatchObject({ level: 'unchecked' });
  });
});

describe('preflight: the existing stack (--stack)', () => {
  const on = (entries: Parameters<typeof contextOf>[0], stackName = 'Tower-dev') =>
    existingStack(contextOf(entries, planFor(), { stackName }));

  it('reads nothing without --stack', async () => {
    expect(await existingStack(contextOf([]))).toEqual([]);
  });

  it('says a missing stack is created, an updatable one updated', async () => {
    expect((await on([noStack('Tower-dev')]))[0]?.summary).toBe(
      'no stack Tower-dev in eu-west-1: the deploy creates it',
    );
    expect((await on([stack('Tower-dev', 'UPDATE_COMPLETE')]))[0]).toMatchObject({
      level: 'ok',
      summary: 'Tower-dev is UPDATE_COMPLETE: the deploy updates it',
    });
  });

  it.each([
    ['UPDATE_ROLLBACK_FAILED', 'continue-update-rollback'],
    ['DELETE_FAILED', 'delete-stack'],
    ['UPDATE_IN_PROGRESS', 'wait for it'],
  ])('fails a stack in %s', async (status, fix) => {
    // UPDATE_ROLLBACK_FAILED blocks updates until the rollback continues
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html).
    const [finding] = await on([stack('Tower-dev', status, 'Resource handler returned message: boom')]);
    expect(finding?.level).toBe('fail');
    expect(finding?.fix).toContain(fix);
    expect(finding?.details).toEqual(['reason: Resource handler returned message: boom']);
  });

  it('warns that a failed creation is deleted first, and that the named stack is not the one deployed', async () => {
    expect((await on([stack('Tower-dev', 'ROLLBACK_COMPLETE')]))[0]?.level).toBe('warn');
    const findings = await on([stack('Tower-prod', 'UPDATE_COMPLETE')], 'Tower-prod');
    expect(findings[0]).toMatchObject({
      level: 'warn',
      summary: 'this configuration deploys Tower-dev; the stack read here is Tower-prod',
    });
  });
});
