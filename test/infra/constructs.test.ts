import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { functionEnvironment } from '../../lambdas/registry/environment.ts';
import { type FunctionSpec, functions } from '../../lambdas/registry/functions.ts';
import { defaultApprovalPolicy } from '../../lambdas/shared/approval-policy.ts';
import { ApprovalApi } from '../../lib/constructs/approval-api.ts';
import { IntakeQueue } from '../../lib/constructs/intake-queue.ts';
import { ProcessStateMachine } from '../../lib/constructs/process-state-machine.ts';
import { TowerFunction } from '../../lib/constructs/tower-function.ts';
import { type ProcessSpec, processes } from '../../statemachines/processes.ts';

/** A stack to build one construct in; bundling is skipped unless a test asks for it. */
function scope(bundling = false) {
  const app = new App({ context: bundling ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  return { stack, key: new kms.Key(stack, 'Key') };
}

const invoice = processes[0] as ProcessSpec;
const stubFunction = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
  });

describe('TowerFunction', () => {
  const missing: FunctionSpec = { ...functions.score, entry: 'nowhere/handler.ts' };

  it('refuses a missing entry file when the stack is bundled', () => {
    const { stack, key } = scope(true);
    expect(() => new TowerFunction(stack, 'Fn', { spec: missing, encryptionKey: key })).toThrow(
      /TowerFunction score: entry file .*lambdas\/nowhere\/handler\.ts does not exist/,
    );
  });

  it('accepts a missing entry when bundling is skipped, as for cdk ls or destroy', () => {
    const { stack, key } = scope(false);
    expect(() => new TowerFunction(stack, 'Fn', { spec: missing, encryptionKey: key })).not.toThrow();
  });
});

describe('ProcessStateMachine', () => {
  it('refuses an ASL placeholder that no function fills', () => {
    // Prepare
    const { stack, key } = scope();
    const { ScoreFunctionArn: _, ...rest } = invoice.functionPlaceholders;
    const process: ProcessSpec = { ...invoice, functionPlaceholders: rest };

    // Act
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process,
        stateMachineName: 'test',
        functions: {},
        encryptionKey: key,
      });

    // Assess
    expect(build).toThrow(
      /invoice\.asl\.json uses \$\{ScoreFunctionArn\}, which functionPlaceholders does not map/,
    );
  });

  it('refuses a placeholder whose function was not given', () => {
    const { stack, key } = scope();
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process: invoice,
        stateMachineName: 'test',
        functions: { extract: stubFunction(stack, 'Extract') },
        encryptionKey: key,
      });
    expect(build).toThrow(
      'ProcessStateMachine invoice: functions score, rules, request-approval, finalize, quarantine, record-failure were not given',
    );
  });
});

describe('ApprovalApi', () => {
  it.each([
    [{ rateLimit: 0, burstLimit: 10 }, /rateLimit must be > 0/],
    [{ rateLimit: 5, burstLimit: 0 }, /burstLimit >= 1/],
    [{ rateLimit: 5, burstLimit: 10, requestsPerIpPer5Minutes: 5 }, /at least 10, got 5/],
  ])('refuses %o', (limits, message) => {
    const { stack, key } = scope();
    const build = () =>
      new ApprovalApi(stack, 'Api', {
        handler: stubFunction(stack, 'Handler'),
        name: 't',
        encryptionKey: key,
        ...limits,
      });
    expect(build).toThrow(message);
  });
});

describe('IntakeQueue', () => {
  it.each([0, 1.5])('refuses maxReceiveCount %s', (maxReceiveCount) => {
    const { stack, key } = scope();
    const build = () =>
      new IntakeQueue(stack, 'Queue', {
        encryptionKey: key,
        consumerTimeout: Duration.seconds(60),
        maxReceiveCount,
      });
    expect(build).toThrow(`maxReceiveCount must be a positive integer, got ${maxReceiveCount}`);
  });
});

describe('functionEnvironment', () => {
  it('refuses a function that processes with different approval policies share', () => {
    // Prepare
    const other: ProcessSpec = { ...invoice, id: 'po', intakePrefix: 'po/' };
    const values = {
      tableNames: { documents: 'd', idempotency: 'i', approvals: 'a', audit: 'u', vendors: 'v' },
      bucketName: 'b',
      stateMachinesJson: '{}',
      workflowVersionsJson: '{}',
      senderAddress: 's@example.com',
      processes: [invoice, other],
      approvalPolicies: { invoice: defaultApprovalPolicy, po: { ...defaultApprovalPolicy, quorum: 2 } },
    };

    // Act
    const build = () => functionEnvironment(functions.rules, values);

    // Assess
    expect(build).toThrow(
      'rules needs one approval policy, but the processes running it (invoice, po) give 2',
    );
  });
});
