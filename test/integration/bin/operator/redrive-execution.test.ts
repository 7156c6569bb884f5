import { createHash } from 'node:crypto';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedriveOutcome } from '../../../../bin/operator/redrive.ts';
import type { Target } from '../../../../bin/operator/target.ts';
import { executionArnOf } from '../../../../lambdas/platform/shared/execution-arn.ts';
import { executionName } from '../../../../lambdas/platform/shared/workflow.ts';
import { DynamoAuditTrail } from '../../../../lambdas/platform/stores/audit.ts';
import { type DocumentStore, DynamoDocumentStore } from '../../../../lambdas/platform/stores/documents.ts';
import { towerCatalog } from '../../../../lambdas/platform/tower-catalog.ts';
import type { Listening } from '../../../../local/http/json-server.ts';
import { localClients } from '../../../../local/runtime/clients.ts';
import { createTables, localNames } from '../../../../local/runtime/resources.ts';
import { startStepFunctionsApi } from '../../../../local/stepfunctions/api-server.ts';
import { ExecutionStore } from '../../../../local/stepfunctions/executions.ts';
import type { LambdaInvoker } from '../../../../local/stepfunctions/integrations.ts';
import { LocalStateMachine } from '../../../../local/stepfunctions/local-machine.ts';
import { LocalStepFunctions } from '../../../../local/stepfunctions/service.ts';
import { TaskTokenBroker } from '../../../../local/stepfunctions/task-tokens.ts';
import { freshDynamoDb } from '../../../support/shared-dynamodb.ts';
import { eventually, operatorId, tower, towerJson } from './support.ts';

/**
 * The invoice workflow catches every task error into RecordFailure, so its executions fail only on
 * their failure path. This machine fails where no Catch applies (as a States.Runtime error or an
 * execution timeout would), which is what the operator redrives in place with RedriveExecution.
 */
const region = 'us-east-1';
const names = localNames(region);
const machineArn = names.stateMachineArn('invoice');
const definition = {
  StartAt: 'Score',
  States: {
    Score: {
      Type: 'Task',
      Resource: `arn:aws:lambda:${region}:000000000000:function:score`,
      ResultPath: '$.score',
      End: true,
    },
  },
};

describe('operator CLI: redriving an execution that failed before its failure path', () => {
  let failing = true;
  const lambda: LambdaInvoker = {
    resolve: () => ({}),
    invoke: async () =>
      failing
        ? { ok: false, error: { errorType: 'Tower.Permanent', errorMessage: 'model missing' } }
        : { ok: true, payload: { score: 0.1 } },
  };
  const broker = new TaskTokenBroker();
  const machine = new LocalStateMachine(
    machineArn,
    'invoice',
    JSON.stringify(definition),
    { lambda, broker },
    {
      scale: 0.01,
    },
  );
  const stepFunctions = new LocalStepFunctions([machine], new ExecutionStore(), broker);
  let dynamo: Listening;
  let api: Listening;
  let target: Target;
  let documents: DocumentStore;

  beforeAll(async () => {
    [dynamo, api] = await Promise.all([freshDynamoDb(), startStepFunctionsApi(stepFunctions)]);
    const unused = 'http://127.0.0.1:9';
    const clients = localClients(
      { dynamodb: dynamo.url, sfn: api.url, s3: unused, sqs: unused, ses: unused, sns: unused },
      region,
    );
    await createTables(clients.dynamo, names, towerCatalog([]).tables);
    const queue = { url: unused, dlqUrl: unused };
    target = {
      label: 'test',
      db: clients.documents,
      sfn: clients.sfn,
      sqs: clients.sqs,
      tables: { documents: names.table('documents'), audit: names.table('audit') },
      queues: { intake: queue, extraction: queue, 'extraction-completions': queue },
      stateMachines: { invoice: machineArn },
      close: () => undefined,
    };
    documents = new DynamoDocumentStore(target.db, target.tables.documents, target.tables.audit);
  });
  afterAll(async () => {
    await api?.close();
    await dynamo?.close();
  });

  /** A document whose execution ended FAILED (`fail`) or SUCCEEDED, then recorded FAILED as execution-ended does. */
  async function failedDocument(fail: boolean): Promise<{ documentId: string; executionArn: string }> {
    failing = fail;
    const documentId = createHash('sha256').update(`redrive ${Math.random()}`).digest('hex');
    const document = {
      documentId,
      process: 'invoice',
      bucket: 'b',
      key: 'invoices/x.pdf',
      size: 1,
      receivedAt: new Date().toISOString(),
    };
    const name = executionName('invoice', documentId);
    const executionArn = executionArnOf(machineArn, name);
    // Set up by hand, as the starter would (its moves' events are not this test's subject).
    const events = () => [];
    await documents.create(document, []);
    await documents.transition(documentId, 'QUEUED', { executionArn, claimOwnership: true, events });
    const input = JSON.stringify({ document, workflowVersion: 'invoice@test' });
    await target.sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input }));
    await documents.transition(documentId, 'EXECUTING', { executionArn, events });
    await eventually('the execution to end', async () => {
      const status = (await target.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
      return status === 'RUNNING' ? undefined : status;
    });
    await documents.transition(documentId, 'FAILED', { executionArn, events });
    failing = false;
    return { documentId, executionArn };
  }

  it('moves the document back to EXECUTING and redrives the same execution, which then succeeds', async () => {
    // Prepare
    const { documentId, executionArn } = await failedDocument(true);
    // Act
    const outcome = await towerJson<RedriveOutcome>(
      target,
      'redrive',
      documentId,
      '--reason',
      'model restored',
    );
    // Assess
    expect(outcome).toMatchObject({ mode: 'redrive-execution', executionArn, status: 'EXECUTING' });
    const described = await eventually('the redriven execution to end', async () => {
      const d = await target.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(await documents.get(documentId)).toMatchObject({
      status: 'EXECUTING',
      ownerExecution: executionArn,
    });
    const audit = await new DynamoAuditTrail(target.db, target.tables).list(documentId);
    expect(audit.filter((e) => e.type === 'OPERATOR_REDRIVE')).toEqual([
      expect.objectContaining({
        actor: { kind: 'person', id: operatorId },
        decision: 'redrive-execution',
        rationale: ['model restored'],
        versions: { workflow: 'invoice@test' },
      }),
    ]);
  });

  it('puts the document back to FAILED when Step Functions refuses the redrive, with exit 1', async () => {
    // Prepare: the execution itself succeeded, so Step Functions has nothing to redrive.
    const { documentId } = await failedDocument(false);
    // Act
    const run = await tower(target, 'redrive', documentId, '--reason', 'try again');
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ExecutionNotRedrivable');
    expect((await documents.get(documentId))?.status).toBe('FAILED');
    const audit = await new DynamoAuditTrail(target.db, target.tables).list(documentId);
    expect(audit.some((e) => e.type === 'OPERATOR_REDRIVE')).toBe(false);
  });
});
