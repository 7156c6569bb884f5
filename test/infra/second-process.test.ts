import { beforeAll, describe, expect, it } from 'vitest';
import { envVars } from '../../lambdas/platform/registry/names.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { permitsProcess } from '../processes/permits/process.ts';
import {
  flat,
  functionOf,
  logicalIdOf,
  type SynthesizedTower,
  statementsOf,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

// A process defined only under test/, registered by passing the list: CDK builds it like any other.
let tower: SynthesizedTower;
const permitsPolicy = { approvers: ['clerk@permits.example'], minDwellSeconds: 1 };
beforeAll(() => {
  tower = synthTower({ processes: { permits: { approval: permitsPolicy } } }, undefined, [
    ...processes,
    permitsProcess,
  ]);
}, synthTimeout);

describe('a second process, registered by the list alone', () => {
  it('gets its own Standard state machine, with the platform functions it names', () => {
    const machine = tower.stack.platform.parts.stateMachines.permits;
    expect(machine).toBeDefined();
    const properties =
      tower.resources[logicalIdOf(machine?.stateMachine ?? functionOf(tower, 'permits-triage').function)]
        ?.Properties;
    expect(properties?.StateMachineName).toBe('tower-dev-permits');
    expect(Object.keys(properties?.DefinitionSubstitutions as object).sort()).toEqual([
      'FinalizeFunctionArn',
      'Partition',
      'RecordFailureFunctionArn',
      'RequestApprovalFunctionArn',
      'TriageFunctionArn',
    ]);
  });

  it('deploys its own function, granted what it registers and nothing of the invoice process', () => {
    const fn = functionOf(tower, 'permits-triage');
    expect(tower.resources[logicalIdOf(fn.function)]?.Properties).toMatchObject({ Runtime: 'nodejs22.x' });
    const granted = statementsOf(tower, 'permits-triage');
    const actions = granted.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    // Appending an audit event is one transaction: the event's put, and the document's chain head read and moved.
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(flat(granted)).toContain(logicalIdOf(tower.stack.platform.tables.table('audit')));
    expect(flat(granted)).toContain(logicalIdOf(tower.stack.platform.tables.table('documents')));
    expect(actions.some((a) => a.startsWith('s3:') || a.startsWith('states:'))).toBe(false);
  });

  it('hands its human-step policy to the platform in the policy map, keyed by its id', () => {
    const env = tower.resources[logicalIdOf(functionOf(tower, 'request-approval').function)]?.Properties
      ?.Environment as { Variables: Record<string, string> };
    const policies = JSON.parse(env.Variables[envVars.approvalPolicies] ?? '{}') as Record<
      string,
      { approvers: string[] }
    >;
    expect(Object.keys(policies).sort()).toEqual(['invoice', 'permits']);
    expect(policies.permits?.approvers).toEqual(['clerk@permits.example']);
  });

  it('starts from its intake prefix: the starter knows it, and the bucket notifies for it', () => {
    const env = tower.resources[logicalIdOf(functionOf(tower, 'start-execution').function)]?.Properties
      ?.Environment as { Variables: Record<string, string> };
    expect(JSON.parse(env.Variables[envVars.intakePrefixes] ?? '{}')).toEqual({
      invoice: 'invoices/',
      permits: 'permits/',
    });
    const notifications = flat(tower.template.findResources('Custom::S3BucketNotifications'));
    expect(notifications).toContain('"Value":"permits/"');
  });

  it('has its own alarms and its own row on the dashboard', () => {
    const names = Object.values(tower.template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a.Properties as { AlarmName: string }).AlarmName,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'tower-dev-permits-executions-failed',
        'tower-dev-permits-approvals-overdue',
        'tower-dev-permits-triage-errors',
      ]),
    );
    const dashboard = flat(tower.template.findResources('AWS::CloudWatch::Dashboard'));
    for (const title of ['Executions: permits', 'Documents: permits', 'Human tasks: permits'])
      expect(dashboard).toContain(title);
  });
});
