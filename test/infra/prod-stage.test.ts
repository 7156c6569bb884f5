import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { envVars } from '../../lambdas/platform/registry/names.ts';
import { processes } from '../../lambdas/processes/index.ts';
import {
  functionOf,
  joined,
  logicalIdOf,
  queueOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
  verifiedAddresses,
} from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower({
    ...verifiedAddresses(),
    stage: 'prod',
    alarmEmail: 'ops@acme.test',
    intakeMaxConcurrency: '50',
    textract: '{"syncTps":5,"startTps":2}',
  });
}, synthTimeout);

describe('a prod deployment', () => {
  it('is its own stack with prod names, each state machine and its log group carrying the stack instance', () => {
    expect(tower.stack.stackName).toBe('Tower-prod');
    for (const p of processes) {
      const machine = tower.stack.platform.parts.stateMachines[p.id];
      const props = (construct: IConstruct | undefined) =>
        tower.resources[logicalIdOf(construct ?? tower.stack)]?.Properties;
      expect(joined(props(machine?.stateMachine)?.StateMachineName)).toBe(`tower-prod-${p.id}-<stack>`);
      expect(joined(props(machine?.logGroup)?.LogGroupName)).toBe(
        `/aws/vendedlogs/states/tower-prod-${p.id}-<stack>`,
      );
    }
  });

  it('protects every table from deletion', () => {
    for (const table of Object.values(tower.stack.platform.tables.tables))
      expect(tower.resources[logicalIdOf(table)]?.Properties?.DeletionProtectionEnabled).toBe(true);
  });

  // CloudFormation DeletionPolicy attribute, RetainExceptOnCreate: "behaves like Retain for stack
  // operations, except for the stack operation that initially created the resource" — a rolled-back
  // first deploy deletes what it created, so the retry does not fail on a fixed name that "already exists".
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
  it.each([
    'AWS::DynamoDB::Table',
    'AWS::S3::Bucket',
    'AWS::SQS::Queue',
    'AWS::KMS::Key',
    'AWS::Logs::LogGroup',
    'AWS::StepFunctions::StateMachine',
  ])('retains every %s when the stack goes, unless the deploy that created it rolls back', (type) => {
    const found = Object.values(tower.resources).filter((r) => r.Type === type);
    expect(found.length).toBeGreaterThan(0);
    for (const resource of found) {
      expect(resource.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(resource.UpdateReplacePolicy).toBe('Retain');
    }
  });

  // A retained resource outlives its stack ("CloudFormation keeps the resource without deleting the
  // resource or its contents when its stack is deleted"), so a fixed physical name on one makes the next
  // deploy after a destroy fail with "already exists"; a name that carries the stack instance cannot.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
  it('gives no retained resource a fixed name, so a redeploy after a destroy meets none of them', () => {
    const retained = Object.entries(tower.resources).filter(([, r]) =>
      [r.DeletionPolicy, r.UpdateReplacePolicy].some((p) => p?.startsWith('Retain')),
    );
    expect(retained.length).toBeGreaterThan(0);
    const nameProperty = /(Name|Alias)$/;
    const fixed = retained.flatMap(([id, r]) =>
      Object.entries(r.Properties ?? {})
        .filter(([key, value]) => nameProperty.test(key) && !joined(value).includes('<stack>'))
        .map(([key, value]) => `${id}.${key} = ${joined(value)}`),
    );
    expect(fixed).toEqual([]);
    // The check sees the names: the state machines and log groups are retained and named.
    const named = retained.filter(([, r]) => 'StateMachineName' in (r.Properties ?? {}));
    expect(named.length).toBe(processes.length);
  });

  it('keeps logs for a year', () => {
    for (const group of Object.values(tower.template.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBe(365);
  });

  it('subscribes the alarm email to the alarm topic', () => {
    tower.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@acme.test',
      TopicArn: { Ref: logicalIdOf(tower.stack.platform.alarms.topic) },
    });
  });

  it('drives the starter with the configured concurrency', () => {
    tower.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(queueOf(tower, 'intake').queue), 'Arn'] },
      ScalingConfig: { MaximumConcurrency: 50 },
    });
  });

  it('drives extraction with enough consumers for the configured Textract rate (5 × 3 s + 2 starts)', () => {
    tower.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(queueOf(tower, 'extraction').queue), 'Arn'] },
      ScalingConfig: { MaximumConcurrency: 17 },
    });
  });

  it('gives extract the configured Textract rates', () => {
    const extract = tower.resources[logicalIdOf(functionOf(tower, 'extract').function)]?.Properties ?? {};
    const env = (extract.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(env[envVars.textractRates] ?? '')).toEqual({
      syncTps: 5,
      startTps: 2,
      getTps: 1,
      maxConcurrentJobs: 100,
    });
  });
});
