import { beforeAll, describe, expect, it } from 'vitest';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';

import { processes } from '../../lambdas/processes/index.ts';
import {
  partitionPlaceholder,
  placeholdersIn,
  readDefinition,
  substitute,
} from '../../statemachines/definition.ts';
import {
  approvalApiOf,
  functionOf,
  logicalIdOf,
  queueOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
} from './tower-template.ts';

const catalog = towerCatalog(processes);

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

const cases = processes.map((p) => [p.id, p] as const);
const machineOf = (id: string) => {
  const machine = tower.stack.platform.parts.stateMachines[id];
  if (!machine) throw new Error(`no state machine for ${id}`);
  return machine;
};
const propertiesOf = (id: string) =>
  tower.resources[logicalIdOf(machineOf(id).stateMachine)]?.Properties ?? {};

describe('process state machines', () => {
  it('exist once per process', () => {
    tower.template.resourceCountIs('AWS::StepFunctions::StateMachine', processes.length);
  });

  it.each(cases)('%s: Standard, named tower-<stage>-<process>, X-Ray on', (id) => {
    expect(propertiesOf(id)).toMatchObject({
      StateMachineType: 'STANDARD',
      StateMachineName: `tower-${tower.config.stage}-${id}`,
      TracingConfiguration: { Enabled: true },
    });
  });

  it.each(cases)('%s: logs every event, never execution data, to an encrypted group', (id) => {
    const logGroup = machineOf(id).logGroup;
    expect(propertiesOf(id).LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [
        { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf(logGroup), 'Arn'] } } },
      ],
    });
    expect(tower.resources[logicalIdOf(logGroup)]?.Properties).toMatchObject({
      LogGroupName: `/aws/vendedlogs/states/tower-${tower.config.stage}-${id}`,
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(tower.stack.platform.key.key), 'Arn'] },
    });
  });

  it.each(cases)('%s: loads its ASL file as an asset', (id) => {
    expect(propertiesOf(id).DefinitionS3Location).toBeDefined();
    expect(propertiesOf(id).DefinitionString).toBeUndefined();
  });

  it.each(cases)(
    '%s: substitutes every placeholder of its ASL with the mapped function ARN or queue URL',
    (id, p) => {
      // Prepare
      const definition = readDefinition(p);
      const substitutions = propertiesOf(id).DefinitionSubstitutions as Record<string, unknown>;

      // Act
      const rendered = substitute(
        definition,
        Object.fromEntries(
          Object.entries(substitutions).map(([name, value]) => [name, JSON.stringify(value)]),
        ),
      );

      // Assess
      expect(placeholdersIn(definition).length).toBeGreaterThan(0);
      expect(Object.keys(substitutions).sort()).toEqual(placeholdersIn(definition).sort());
      expect(rendered).not.toMatch(/\$\{/);
      const placeholders = catalog.placeholdersOf(p);
      for (const [name, value] of Object.entries(substitutions)) {
        if (name === partitionPlaceholder) {
          expect(value).toEqual({ Ref: 'AWS::Partition' });
          continue;
        }
        const functionId = placeholders.functions[name];
        const queueId = placeholders.queues[name];
        expect([functionId, queueId].filter((x) => x !== undefined)).toHaveLength(1);
        if (functionId !== undefined)
          expect(value).toEqual({
            'Fn::GetAtt': [logicalIdOf(functionOf(tower, functionId).function), 'Arn'],
          });
        if (queueId !== undefined) expect(value).toEqual({ Ref: logicalIdOf(queueOf(tower, queueId).queue) });
      }
    },
  );

  it.each(cases)('%s: leaves no placeholder in the definition once CloudFormation substitutes', (id, p) => {
    // Prepare: what CloudFormation's substitution leaves, with every value a plain (non-placeholder) string.
    const substitutions = propertiesOf(id).DefinitionSubstitutions as Record<string, unknown>;
    const values = Object.fromEntries(Object.keys(substitutions).map((name) => [name, `value-of-${name}`]));

    // Act
    const rendered = substitute(readDefinition(p), values);

    // Assess
    expect(rendered).not.toMatch(/\$\{[^}]*\}/);
    expect(() => JSON.parse(rendered)).not.toThrow();
    for (const value of Object.values(substitutions)) expect(JSON.stringify(value)).not.toContain('${');
  });
});

// ARNs differ by partition (aws, aws-cn, aws-us-gov): "arn:partition:service:region:account-id:…"
// (IAM User Guide, "IAM identifiers" → ARNs, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-identifiers.html#identifiers-arns).
// A template or definition naming `aws` fails in the other partitions, so every ARN takes AWS::Partition.
describe('partitions', () => {
  it('leaves no hard-coded arn:aws: in the template', () => {
    const hardCoded = [...JSON.stringify(tower.template.toJSON()).matchAll(/.{0,60}arn:aws:.{0,40}/g)];
    expect(hardCoded.map((m) => m[0])).toEqual([]);
  });

  it.each(cases)(
    '%s: names no partition in its ASL, and gets the stack partition by substitution',
    (id, p) => {
      // Prepare
      const definition = readDefinition(p);
      const substitutions = propertiesOf(id).DefinitionSubstitutions as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.keys(substitutions).map((name) => [name, name === partitionPlaceholder ? 'aws-cn' : 'x']),
      );

      // Act
      const rendered = JSON.stringify(JSON.parse(substitute(definition, values)));

      // Assess
      expect(definition).not.toContain('arn:aws:');
      expect(substitutions[partitionPlaceholder]).toEqual({ Ref: 'AWS::Partition' });
      expect(rendered).toContain('"arn:aws-cn:states:::');
    },
  );
});

describe('outputs', () => {
  it('name the bucket, the intake prefixes, the approval URL and every state machine', () => {
    const outputs = tower.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.DataBucketName?.Value).toEqual({ Ref: logicalIdOf(tower.stack.platform.data.bucket) });
    expect(outputs.IntakePrefixes?.Value).toBe(processes.map((p) => p.intakePrefix).join(','));
    expect(JSON.stringify(outputs.ApprovalApiUrl?.Value)).toContain(logicalIdOf(approvalApiOf(tower).api));
    for (const p of processes) {
      const name = `${p.id[0]?.toUpperCase()}${p.id.slice(1)}StateMachineArn`;
      expect(outputs[name]?.Value).toEqual({ Ref: logicalIdOf(machineOf(p.id).stateMachine) });
    }
  });
});

describe('ended executions', () => {
  it('route stopped, timed-out and failed executions of every process to execution-ended', () => {
    // Prepare
    const handler = logicalIdOf(functionOf(tower, 'execution-ended').function);
    const machines = processes.map((p) => ({ Ref: logicalIdOf(machineOf(p.id).stateMachine) }));

    // Act
    const rules = Object.values(tower.resources).filter((r) => r.Type === 'AWS::Events::Rule');

    // Assess
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { status: ['ABORTED', 'TIMED_OUT', 'FAILED'], stateMachineArn: machines },
      },
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [handler, 'Arn'] } })],
    });
  });
});
