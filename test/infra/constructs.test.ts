import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { ApprovalApi } from '../../lambdas/platform/human-step/infra/approval-api.ts';
import { defaultApprovalPolicy } from '../../lambdas/platform/human-step/policy.ts';
import { WorkQueue } from '../../lambdas/platform/queues/infra/work-queue.ts';
import type { CatalogFunction } from '../../lambdas/platform/registry/catalog.ts';
import { functionEnvironment } from '../../lambdas/platform/registry/environment.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import type { QueueSpec } from '../../lambdas/platform/registry/queues.ts';
import { TextractNotifications } from '../../lambdas/platform/textract/infra/textract-notifications.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { ProcessStateMachine } from '../../lambdas/platform/workflows/infra/process-state-machine.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { parseConfig } from '../../lib/config/index.ts';
import { TowerFunction } from '../../lib/constructs/tower-function.ts';
import { localDeployed } from '../../local/runtime/deployed.ts';
import { localNames } from '../../local/runtime/resources.ts';

const catalog = towerCatalog(processes);

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
  const missing: CatalogFunction = { ...catalog.function('score'), entry: '/nowhere/handler.ts' };

  it('refuses a missing entry file when the stack is bundled', () => {
    const { stack, key } = scope(true);
    expect(() => new TowerFunction(stack, 'Fn', { spec: missing, encryptionKey: key })).toThrow(
      'TowerFunction score: entry file /nowhere/handler.ts does not exist',
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
        catalog,
        stateMachineName: 'test',
        functions: {},
        encryptionKey: key,
      });

    // Assess
    expect(build).toThrow(
      /invoice\.asl\.json uses \$\{ScoreFunctionArn\}, which neither functionPlaceholders nor queuePlaceholders maps/,
    );
  });

  it('refuses an ASL placeholder that no queue fills', () => {
    const { stack, key } = scope();
    const process: ProcessSpec = { ...invoice, queuePlaceholders: {} };
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process,
        catalog,
        stateMachineName: 'test',
        functions: {},
        encryptionKey: key,
      });
    expect(build).toThrow(
      /uses \$\{ExtractionQueueUrl\}, which neither functionPlaceholders nor queuePlaceholders maps/,
    );
  });

  it('refuses a placeholder mapped to both a function and a queue', () => {
    const { stack, key } = scope();
    const process: ProcessSpec = {
      ...invoice,
      queuePlaceholders: { ...invoice.queuePlaceholders, ScoreFunctionArn: 'intake' },
    };
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process,
        catalog,
        stateMachineName: 'test',
        functions: {},
        encryptionKey: key,
      });
    expect(build).toThrow(
      /ProcessStateMachine invoice: \$\{ScoreFunctionArn\} is mapped to a function and a queue/,
    );
  });

  it('refuses a placeholder whose function was not given', () => {
    const { stack, key } = scope();
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process: invoice,
        catalog,
        stateMachineName: 'test',
        functions: { extract: stubFunction(stack, 'Extract') },
        encryptionKey: key,
      });
    expect(build).toThrow(
      'ProcessStateMachine invoice: functions recover-extraction, score, rules, request-approval, invoice-finalize, quarantine, record-failure were not given',
    );
  });

  it('refuses a placeholder whose queue was not given', () => {
    // Prepare
    const { stack, key } = scope();
    const given = Object.fromEntries(
      Object.values(catalog.placeholdersOf(invoice).functions).map((id) => [id, stubFunction(stack, id)]),
    );

    // Act
    const build = () =>
      new ProcessStateMachine(stack, 'Machine', {
        process: invoice,
        catalog,
        stateMachineName: 'test',
        functions: given,
        queues: { intake: new sqs.Queue(stack, 'Intake') },
        encryptionKey: key,
      });

    // Assess
    expect(build).toThrow('ProcessStateMachine invoice: queues extraction were not given');
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

describe('WorkQueue', () => {
  const build = (spec: QueueSpec) => {
    const { stack, key } = scope();
    const consumerTimeoutSeconds = catalog.function(spec.consumer).timeoutSeconds;
    return () => new WorkQueue(stack, 'Queue', { spec, consumerTimeoutSeconds, encryptionKey: key });
  };

  it.each([0, 1.5])('refuses maxReceiveCount %s', (maxReceiveCount) => {
    expect(build({ ...catalog.queue('intake'), maxReceiveCount })).toThrow(
      `WorkQueue intake: maxReceiveCount must be a positive integer, got ${maxReceiveCount}`,
    );
  });

  it('refuses a visibility timeout shorter than its consumer may run, which Lambda rejects', () => {
    expect(build({ ...catalog.queue('extraction'), visibilityTimeoutSeconds: 60 })).toThrow(
      "WorkQueue extraction: visibilityTimeoutSeconds (60) must be at least extract's timeout (120)",
    );
  });

  it.each([30, 15 * 24 * 3600])('refuses a retention of %s seconds', (retentionSeconds) => {
    expect(build({ ...catalog.queue('intake'), retentionSeconds })).toThrow(
      /retentionSeconds must be from 60 to 1209600/,
    );
  });

  it.each([1, 1001, 2.5])('refuses a consumer maxConcurrency of %s', (maxConcurrency) => {
    // Prepare
    const { stack, key } = scope();
    const queue = new WorkQueue(stack, 'Queue', {
      spec: catalog.queue('intake'),
      consumerTimeoutSeconds: 60,
      encryptionKey: key,
    });

    // Act
    const consume = () => queue.consumeWith(stubFunction(stack, 'Consumer'), maxConcurrency);

    // Assess
    expect(consume).toThrow(
      `WorkQueue intake: maxConcurrency must be an integer from 2 to 1000, got ${maxConcurrency}`,
    );
  });

  it('takes one consumer only', () => {
    const { stack, key } = scope();
    const queue = new WorkQueue(stack, 'Queue', {
      spec: catalog.queue('intake'),
      consumerTimeoutSeconds: 60,
      encryptionKey: key,
    });
    queue.consumeWith(stubFunction(stack, 'First'), 2);
    expect(() => queue.consumeWith(stubFunction(stack, 'Second'), 2)).toThrow(
      'WorkQueue intake: already has its consumer',
    );
  });
});

describe('TextractNotifications', () => {
  it.each(['has space', 'x'.repeat(257), ''])('refuses the topic name %j', (topicName) => {
    const { stack, key } = scope();
    const build = () =>
      new TextractNotifications(stack, 'Notifications', {
        topicName,
        encryptionKey: key,
        completions: new sqs.Queue(stack, 'Q'),
      });
    expect(build).toThrow(/is not a valid SNS topic name/);
  });
});

describe('functionEnvironment', () => {
  it("refuses a process's function whose process has no rule parameters", () => {
    // Prepare
    const deployed = localDeployed({
      region: 'us-east-1',
      names: localNames('us-east-1'),
      config: { ...parseConfig({ senderAddress: 's@example.com' }, processes), processes: {} },
      catalog,
      queue: (id) => ({ url: `q-${id}`, arn: `arn-${id}` }),
      outputs: new Map(),
    });

    // Act
    const build = () => functionEnvironment(catalog.function('rules'), deployed);

    // Assess
    expect(build).toThrow('rules needs rule parameters, but its process has none');
  });
});
