import { App, CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../lambdas/processes/index.ts';
import { TowerConfigError } from '../../lib/config/index.ts';
import { TowerPlatform } from '../../lib/tower-platform.ts';
import {
  type CfnResourceJson,
  cdkJsonContext,
  logicalIdOf,
  policyStatements,
  synthTimeout,
} from './tower-template.ts';

/** A team's own stack, as it stood before Tower: a key, a bucket, a state machine named as Tower would name one. */
function teamStack(app: App): { stack: Stack; key: kms.Key; bucket: s3.Bucket; machine: sfn.StateMachine } {
  const stack = new Stack(app, 'Team', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  const logsBucket = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  const bucket = new s3.Bucket(stack, 'Bucket', {
    encryptionKey: key,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: logsBucket,
  });
  const machine = new sfn.StateMachine(stack, 'Machine', {
    // Tower's default name for its invoice state machine: the platform's own name prefix keeps them apart.
    stateMachineName: 'tower-dev-invoice',
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Nothing')),
    timeout: Duration.minutes(5),
    tracingEnabled: true,
    logs: {
      destination: new logs.LogGroup(stack, 'MachineLogs', { encryptionKey: key }),
      level: sfn.LogLevel.ALL,
    },
  });
  Validations.of(logsBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: "The team's access-log bucket itself: logging it would loop",
  });
  Validations.of(machine.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: "The team's state machine: X-Ray and log delivery actions support no resource-level permissions",
  });
  return { stack, key, bucket, machine };
}

let team: ReturnType<typeof teamStack>;
let platform: TowerPlatform;
let resources: Record<string, CfnResourceJson>;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  team = teamStack(app);
  const { senderAddress } = cdkJsonContext() as { senderAddress: string };
  platform = new TowerPlatform(team.stack, 'Tower', {
    processes,
    settings: { senderAddress, stage: 'dev', intakeMaxConcurrency: 4 },
    name: 'team-tower',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // Synthesizing runs cdk-nag over the whole app: an unacknowledged finding fails here.
  resources = (Template.fromStack(team.stack).toJSON() as { Resources: Record<string, CfnResourceJson> })
    .Resources;
}, synthTimeout);

describe('TowerPlatform in a team’s own stack', () => {
  it('adds its resources beside the team’s, cdk-nag clean, leaving theirs as they were', () => {
    const teamIds = [team.key, team.bucket, team.machine].map((c) => logicalIdOf(c));
    for (const id of teamIds) expect(resources[id]).toBeDefined();
    const towerIds = platform.node
      .findAll()
      .filter((c): c is CfnResource => c instanceof CfnResource)
      .map((c) => team.stack.getLogicalId(c));
    // TowerStack's 164 resources are these 161, CDK's stack-wide bucket-notifications handler and its
    // role (one per stack, shared with the team's own notifications), and the stack's CDK metadata.
    expect(towerIds).toHaveLength(161);
    expect(Object.keys(resources).filter((id) => id.startsWith('BucketNotificationsHandler'))).toHaveLength(
      2,
    );
    // The API's deployment is the one id CDK completes at synth (a hash of the API is appended).
    const missing = towerIds.filter((id) => resources[id] === undefined);
    expect(missing).toEqual(['TowerApprovalApiDeployment7AF50EF7']);
    expect(Object.keys(resources).filter((id) => id.startsWith(missing[0] ?? '-'))).toHaveLength(1);
    expect(towerIds.some((id) => teamIds.includes(id))).toBe(false);
  });

  it('names what it names after its own prefix, so nothing collides with the team’s names', () => {
    const names = Object.values(resources)
      .filter((r) => r.Type === 'AWS::StepFunctions::StateMachine')
      .map((r) => r.Properties?.StateMachineName);
    expect(names.sort()).toEqual(['team-tower-invoice', 'tower-dev-invoice']);
    const alias = Object.values(resources).find((r) => r.Type === 'AWS::KMS::Alias');
    expect(alias?.Properties?.AliasName).toBe('alias/team-tower');
  });

  it('grants none of its functions anything on the team’s bucket, key or state machine', () => {
    const teamIds = [team.key, team.bucket, team.machine].map((c) => logicalIdOf(c));
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap(policyStatements)
      .map((s) => JSON.stringify(s.Resource));
    for (const id of teamIds) expect(statements.filter((r) => r.includes(`"${id}"`))).toEqual([]);
  });

  it('validates its settings as the CDK context is validated, naming each problem', () => {
    const build = () =>
      new TowerPlatform(new Stack(new App(), 'Bad'), 'Tower', {
        processes,
        settings: { senderAddress: 'not-an-address', intakeMaxConcurrency: 1 },
      });
    expect(build).toThrow(TowerConfigError);
    expect(build).toThrow(/senderAddress must be an email address/);
    expect(build).toThrow(/intakeMaxConcurrency must be an integer from 2 to 1000/);
  });

  it('takes settings or an already validated config, not both', () => {
    const stack = new Stack(new App(), 'Both');
    expect(() => new TowerPlatform(stack, 'Tower', { processes })).toThrow(/either settings/);
    expect(platform.config.intakeMaxConcurrency).toBe(4);
  });
});
