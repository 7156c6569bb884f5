import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnvironment } from '../../lambdas/platform/registry/bundling.ts';
import { envVars, type FunctionSpec, functionList } from '../../lambdas/platform/registry/functions.ts';
import { maxConcurrencyOf, queueList } from '../../lambdas/platform/registry/queues.ts';
import { type TableId, tables } from '../../lambdas/platform/registry/tables.ts';
import { workflowVersion } from '../../statemachines/definition.ts';
import { processes } from '../../statemachines/processes.ts';
import { flat, logicalIdOf, type SynthesizedTower, synthTimeout, synthTower } from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

const cases = functionList.map((spec) => [spec.id, spec] as const);
const propertiesOf = (spec: FunctionSpec) =>
  tower.resources[logicalIdOf(tower.stack.functions[spec.id].function)]?.Properties ?? {};
const environmentOf = (spec: FunctionSpec) =>
  (propertiesOf(spec).Environment as { Variables: Record<string, unknown> }).Variables;

describe('every registry function', () => {
  it('is deployed, and nothing else runs Node.js', () => {
    const nodeFunctions = Object.values(tower.resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties?.Runtime).startsWith('nodejs'),
    );
    expect(nodeFunctions).toHaveLength(functionList.length);
  });

  it.each(cases)('%s: nodejs22.x on arm64, traced, sized and described as registered', (_, spec) => {
    expect(propertiesOf(spec)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: spec.memoryMb,
      Timeout: spec.timeoutSeconds,
      Description: spec.description,
    });
  });

  it.each(cases)('%s: logs to its own encrypted log group with retention', (_, spec) => {
    const group = tower.stack.functions[spec.id].logGroup;
    expect(propertiesOf(spec).LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(group) } });
    expect(tower.resources[logicalIdOf(group)]?.Properties).toMatchObject({
      RetentionInDays: tower.config.logRetentionDays,
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(tower.stack.key.key), 'Arn'] },
    });
  });

  it.each(cases)('%s: has a role with no managed policies', (_, spec) => {
    const role = tower.resources[logicalIdOf(tower.stack.functions[spec.id].role)];
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it.each(cases)(
    '%s: gets the base environment, its tables and exactly the extras it asks for',
    (_, spec) => {
      // Prepare
      const expectedKeys = [
        ...Object.keys(baseEnvironment(spec.id)),
        ...(Object.keys(spec.tables) as TableId[]).map((id) => tables[id].envVar),
        ...(spec.bucket?.length ? [envVars.bucket] : []),
        ...(spec.startsExecutions ? [envVars.stateMachines, envVars.workflowVersions] : []),
        ...(spec.sendsEmail ? [envVars.sender] : []),
        ...(spec.needsApprovalUrl ? [envVars.approvalBaseUrl] : []),
        ...(spec.needsApprovalPolicy ? [envVars.approvalPolicy] : []),
        ...(spec.startsTextractJobs ? [envVars.textractTopic, envVars.textractRole] : []),
        ...(spec.needsTextractRates ? [envVars.textractRates] : []),
        ...(spec.defersOn ? [envVars.queueUrl] : []),
      ];

      // Act
      const env = environmentOf(spec);

      // Assess
      expect(Object.keys(env).sort()).toEqual(expectedKeys.sort());
      expect(env).toMatchObject(baseEnvironment(spec.id));
      for (const id of Object.keys(spec.tables) as TableId[])
        expect(env[tables[id].envVar]).toEqual({ Ref: logicalIdOf(tower.stack.tables.tables[id]) });
    },
  );
});

describe('environment values', () => {
  /** The functions a check applies to; none would make the check vacuous. */
  const which = (predicate: (spec: FunctionSpec) => unknown) => {
    const found = functionList.filter((spec) => Boolean(predicate(spec)));
    expect(found.length).toBeGreaterThan(0);
    return found;
  };

  it('names the data bucket', () => {
    for (const spec of which((s) => s.bucket?.length))
      expect(environmentOf(spec)[envVars.bucket]).toEqual({ Ref: logicalIdOf(tower.stack.data.bucket) });
  });

  it('maps each process to its state machine and workflow version for the starter', () => {
    for (const spec of which((s) => s.startsExecutions)) {
      const env = environmentOf(spec);
      const machines = flat(env[envVars.stateMachines]);
      for (const p of processes) expect(machines).toContain(`:stateMachine:tower-dev-${p.id}`);
      expect(JSON.parse(String(env[envVars.workflowVersions]))).toEqual(
        Object.fromEntries(processes.map((p) => [p.id, workflowVersion(p)])),
      );
    }
  });

  it('carries the invoice approval policy as JSON', () => {
    for (const spec of which((s) => s.needsApprovalPolicy))
      expect(JSON.parse(String(environmentOf(spec)[envVars.approvalPolicy]))).toEqual(
        tower.config.processes.invoice?.approval,
      );
  });

  it('points approval links at the approval API stage', () => {
    for (const spec of which((s) => s.needsApprovalUrl)) {
      const url = flat(environmentOf(spec)[envVars.approvalBaseUrl]);
      expect(url).toContain(logicalIdOf(tower.stack.approvalApi.api));
      expect(url).toContain('.execute-api.');
    }
  });

  it('names the Textract completion topic and the role Textract publishes with to the functions that start jobs', () => {
    for (const spec of which((s) => s.startsTextractJobs)) {
      const env = environmentOf(spec);
      expect(env[envVars.textractTopic]).toEqual({ Ref: logicalIdOf(tower.stack.textract.topic) });
      expect(env[envVars.textractRole]).toEqual({
        'Fn::GetAtt': [logicalIdOf(tower.stack.textract.role), 'Arn'],
      });
    }
  });

  it('carries the configured Textract rates as JSON', () => {
    for (const spec of which((s) => s.needsTextractRates))
      expect(JSON.parse(String(environmentOf(spec)[envVars.textractRates]))).toEqual(tower.config.textract);
  });

  it('names the queue a function defers messages on', () => {
    for (const spec of which((s) => s.defersOn))
      expect(environmentOf(spec)[envVars.queueUrl]).toEqual({
        Ref: logicalIdOf(tower.stack.queues[spec.defersOn ?? 'intake'].queue),
      });
  });

  it('names the configured sender', () => {
    for (const spec of which((s) => s.sendsEmail))
      expect(environmentOf(spec)[envVars.sender]).toBe(tower.config.senderAddress);
  });
});

describe('the event sources', () => {
  const mappings = () =>
    Object.values(tower.template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);

  it('are one per queue, and nothing else drives a function', () => {
    expect(mappings()).toHaveLength(queueList.length);
  });

  it.each(queueList.map((spec) => [spec.id, spec] as const))(
    '%s: drives its consumer in registered batches, with partial failures and the computed concurrency',
    (id, spec) => {
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(tower.stack.queues[id].queue), 'Arn'] };
      const found = mappings().filter((m) => JSON.stringify(m.EventSourceArn) === JSON.stringify(queueArn));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        FunctionName: { Ref: logicalIdOf(tower.stack.functions[spec.consumer].function) },
        BatchSize: spec.batchSize,
        MaximumBatchingWindowInSeconds: spec.maxBatchingWindowSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: maxConcurrencyOf(id, tower.config) },
      });
    },
  );
});
