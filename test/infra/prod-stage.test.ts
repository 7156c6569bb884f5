import { beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../statemachines/processes.ts';
import { logicalIdOf, type SynthesizedTower, synthTower } from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower({ stage: 'prod', alarmEmail: 'ops@example.com', intakeMaxConcurrency: '50' });
});

describe('a prod deployment', () => {
  it('is its own stack with prod names', () => {
    expect(tower.stack.stackName).toBe('Tower-prod');
    for (const p of processes)
      tower.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: `tower-prod-${p.id}`,
      });
  });

  it('protects every table from deletion', () => {
    for (const table of Object.values(tower.stack.tables.tables))
      expect(tower.resources[logicalIdOf(table)]?.Properties?.DeletionProtectionEnabled).toBe(true);
  });

  it.each([
    'AWS::DynamoDB::Table',
    'AWS::S3::Bucket',
    'AWS::SQS::Queue',
    'AWS::KMS::Key',
    'AWS::Logs::LogGroup',
  ])('retains every %s when the stack goes', (type) => {
    const found = Object.values(tower.resources).filter((r) => r.Type === type);
    expect(found.length).toBeGreaterThan(0);
    for (const resource of found) expect(resource.DeletionPolicy).toBe('Retain');
  });

  it('keeps logs for a year', () => {
    for (const group of Object.values(tower.template.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBe(365);
  });

  it('subscribes the alarm email to the alarm topic', () => {
    tower.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalIdOf(tower.stack.alarms.topic) },
    });
  });

  it('drives the starter with the configured concurrency', () => {
    tower.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 50 },
    });
  });
});
