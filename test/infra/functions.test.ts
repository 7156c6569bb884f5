import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnvironment } from '../../lambdas/platform/registry/bundling.ts';
import type { CatalogFunction } from '../../lambdas/platform/registry/catalog.ts';
import { envVars } from '../../lambdas/platform/registry/names.ts';
import { maxConcurrencyOf } from '../../lambdas/platform/registry/queues.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { workflowVersion } from '../../statemachines/definition.ts';
import { has, tablesOf, targetOf } from './spec-uses.ts';
import {
  approvalApiOf,
  flat,
  functionOf,
  logicalIdOf,
  queueOf,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
  textractOf,
} from './tower-template.ts';

const catalog = towerCatalog(processes);

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

const cases = catalog.functions.map((spec) => [spec.id, spec] as const);
const envVarOf = (tableId: string) =>
  catalog.tables.find((t) => t.id === tableId)?.envVar ?? `no table ${tableId}`;
const propertiesOf = (spec: CatalogFunction) =>
  tower.resources[logicalIdOf(functionOf(tower, spec.id).function)]?.Properties ?? {};
const environmentOf = (spec: CatalogFunction) =>
  (propertiesOf(spec).Environment as { Variables: Record<string, unknown> }).Variables;

describe('every registry function', () => {
  it('is deployed, and nothing else runs Node.js', () => {
    const nodeFunctions = Object.values(tower.resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties?.Runtime).startsWith('nodejs'),
    );
    expect(nodeFunctions).toHaveLength(catalog.functions.length);
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
    const group = functionOf(tower, spec.id).logGroup;
    expect(propertiesOf(spec).LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(group) } });
    expect(tower.resources[logicalIdOf(group)]?.Properties).toMatchObject({
      RetentionInDays: tower.config.logRetentionDays,
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(tower.stack.platform.key.key), 'Arn'] },
    });
  });

  it.each(cases)('%s: has a role with no managed policies', (_, spec) => {
    const role = tower.resources[logicalIdOf(functionOf(tower, spec.id).role)];
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it.each(cases)(
    '%s: gets the base environment, its tables and exactly the extras it asks for',
    (_, spec) => {
      // Prepare
      const expectedKeys = [
        ...Object.keys(baseEnvironment(spec.id)),
        ...Object.keys(tablesOf(spec)).map(envVarOf),
        ...(has(spec, 'data') ? [envVars.bucket] : []),
        ...(has(spec, 'workflows', 'start')
          ? [envVars.stateMachines, envVars.workflowVersions, envVars.intakePrefixes]
          : []),
        ...(has(spec, 'mail', 'send') ? [envVars.sender] : []),
        ...(has(spec, 'human-step', 'links') ? [envVars.approvalBaseUrl] : []),
        ...(has(spec, 'human-step', 'policies') ? [envVars.approvalPolicies] : []),
        ...(has(spec, 'rules', 'parameters') ? [envVars.ruleParameters] : []),
        ...(targetOf(spec, 'textract', 'startExpenseAnalysis')
          ? [envVars.textractTopic, envVars.textractRole]
          : []),
        ...(has(spec, 'textract', 'admission') ? [envVars.textractRates] : []),
        ...(has(spec, 'inspection', 'activeContent') ? [envVars.activeContentPolicy] : []),
        ...(targetOf(spec, 'queues', 'defers') ? [envVars.queueUrl] : []),
      ];

      // Act
      const env = environmentOf(spec);

      // Assess
      expect(Object.keys(env).sort()).toEqual(expectedKeys.sort());
      expect(env).toMatchObject(baseEnvironment(spec.id));
      for (const id of Object.keys(tablesOf(spec)))
        expect(env[envVarOf(id)]).toEqual({ Ref: logicalIdOf(tower.stack.platform.tables.table(id)) });
    },
  );
});

describe('environment values', () => {
  /** The functions a check applies to; none would make the check vacuous. */
  const which = (predicate: (spec: CatalogFunction) => unknown) => {
    const found = catalog.functions.filter((spec) => Boolean(predicate(spec)));
    expect(found.length).toBeGreaterThan(0);
    return found;
  };

  it('names the data bucket', () => {
    for (const spec of which((s) => has(s, 'data')))
      expect(environmentOf(spec)[envVars.bucket]).toEqual({
        Ref: logicalIdOf(tower.stack.platform.data.bucket),
      });
  });

  it('maps each process to its state machine and workflow version for the starter', () => {
    for (const spec of which((s) => has(s, 'workflows', 'start'))) {
      const env = environmentOf(spec);
      const machines = flat(env[envVars.stateMachines]);
      for (const p of processes) expect(machines).toContain(`:stateMachine:tower-dev-${p.id}`);
      expect(JSON.parse(String(env[envVars.workflowVersions]))).toEqual(
        Object.fromEntries(processes.map((p) => [p.id, workflowVersion(p)])),
      );
      expect(JSON.parse(String(env[envVars.intakePrefixes]))).toEqual(
        Object.fromEntries(processes.map((p) => [p.id, p.intakePrefix])),
      );
    }
  });

  it("carries every process's human-step policy as one JSON map, keyed by process", () => {
    for (const spec of which((s) => has(s, 'human-step', 'policies')))
      expect(JSON.parse(String(environmentOf(spec)[envVars.approvalPolicies]))).toEqual(
        Object.fromEntries(processes.map((p) => [p.id, tower.config.processes[p.id]?.approval])),
      );
  });

  it("carries a process's rule parameters to its own functions only", () => {
    for (const spec of which((s) => has(s, 'rules', 'parameters')))
      expect(JSON.parse(String(environmentOf(spec)[envVars.ruleParameters]))).toEqual(
        tower.config.processes[spec.process ?? '']?.rules,
      );
  });

  it('points approval links at the approval API stage', () => {
    for (const spec of which((s) => has(s, 'human-step', 'links'))) {
      const url = flat(environmentOf(spec)[envVars.approvalBaseUrl]);
      expect(url).toContain(logicalIdOf(approvalApiOf(tower).api));
      expect(url).toContain('.execute-api.');
    }
  });

  it('names the Textract completion topic and the role Textract publishes with to the functions that start jobs', () => {
    for (const spec of which((s) => targetOf(s, 'textract', 'startExpenseAnalysis'))) {
      const env = environmentOf(spec);
      const notifications = textractOf(tower, targetOf(spec, 'textract', 'startExpenseAnalysis'));
      expect(env[envVars.textractTopic]).toEqual({ Ref: logicalIdOf(notifications.topic) });
      expect(env[envVars.textractRole]).toEqual({ 'Fn::GetAtt': [logicalIdOf(notifications.role), 'Arn'] });
    }
  });

  it('carries the configured Textract rates as JSON', () => {
    for (const spec of which((s) => has(s, 'textract', 'admission')))
      expect(JSON.parse(String(environmentOf(spec)[envVars.textractRates]))).toEqual(tower.config.textract);
  });

  it('names the queue a function defers messages on', () => {
    for (const spec of which((s) => targetOf(s, 'queues', 'defers')))
      expect(environmentOf(spec)[envVars.queueUrl]).toEqual({
        Ref: logicalIdOf(queueOf(tower, targetOf(spec, 'queues', 'defers') ?? 'intake').queue),
      });
  });

  it('names the configured sender', () => {
    for (const spec of which((s) => has(s, 'mail', 'send')))
      expect(environmentOf(spec)[envVars.sender]).toBe(tower.config.senderAddress);
  });
});

describe('the event sources', () => {
  const mappings = () =>
    Object.values(tower.template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);

  it('are one per queue, and nothing else drives a function', () => {
    expect(mappings()).toHaveLength(catalog.queues.length);
  });

  it.each(catalog.queues.map((spec) => [spec.id, spec] as const))(
    '%s: drives its consumer in registered batches, with partial failures and the computed concurrency',
    (id, spec) => {
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(queueOf(tower, id).queue), 'Arn'] };
      const found = mappings().filter((m) => JSON.stringify(m.EventSourceArn) === JSON.stringify(queueArn));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        FunctionName: { Ref: logicalIdOf(functionOf(tower, spec.consumer).function) },
        BatchSize: spec.batchSize,
        MaximumBatchingWindowInSeconds: spec.maxBatchingWindowSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: maxConcurrencyOf(spec, tower.config) },
      });
    },
  );
});
