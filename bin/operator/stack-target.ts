import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { pascal } from '../../lib/constructs/names.ts';
import { errorName, RefusedError } from './errors.ts';
import type { QueuePair, Target } from './target.ts';

/** The stack outputs the CLI reads, by the names the CDK app exports them under. */
export const stackOutputKeys = {
  documentsTable: 'DocumentsTableName',
  auditTable: 'AuditTableName',
  queue: (id: QueueId) => `${pascal(id)}QueueUrl`,
  deadLetterQueue: (id: QueueId) => `${pascal(id)}DeadLetterQueueUrl`,
  stateMachine: (processId: string) => `${pascal(processId)}StateMachineArn`,
} as const;

export interface StackNames {
  readonly tables: Target['tables'];
  readonly queues: Readonly<Record<QueueId, QueuePair>>;
  readonly stateMachines: Readonly<Record<string, string>>;
}

/** Resource names from a stack's outputs (a stack of this checkout's processes); every missing output is named at once. */
export function namesFromOutputs(outputs: Readonly<Record<string, string>>): StackNames {
  const catalog = towerCatalog(processes);
  const missing: string[] = [];
  const read = (key: string): string => {
    const value = outputs[key];
    if (value === undefined || value === '') missing.push(key);
    return value ?? '';
  };
  const names: StackNames = {
    tables: { documents: read(stackOutputKeys.documentsTable), audit: read(stackOutputKeys.auditTable) },
    queues: Object.fromEntries(
      catalog.queues.map((q) => [
        q.id,
        { url: read(stackOutputKeys.queue(q.id)), dlqUrl: read(stackOutputKeys.deadLetterQueue(q.id)) },
      ]),
    ) as Record<QueueId, QueuePair>,
    stateMachines: Object.fromEntries(processes.map((p) => [p.id, read(stackOutputKeys.stateMachine(p.id))])),
  };
  if (missing.length > 0)
    throw new RefusedError(`the stack does not export ${missing.join(', ')} (deploy a current version)`);
  return names;
}

/** A target on a deployed stack, named by its CloudFormation outputs; credentials from the default chain. */
export async function openStackTarget(stackName: string, region?: string): Promise<Target> {
  const config = region ? { region } : {};
  const cloudFormation = new CloudFormationClient(config);
  let outputs: Record<string, string>;
  try {
    const out = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Object.fromEntries(
      (out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    );
  } catch (error) {
    throw new RefusedError(
      `cannot read stack ${stackName}: ${errorName(error) ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    cloudFormation.destroy();
  }
  const names = namesFromOutputs(outputs);
  const dynamo = new DynamoDBClient(config);
  const db = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sfn = new SFNClient(config);
  const sqs = new SQSClient(config);
  return {
    label: `stack ${stackName}${region ? ` (${region})` : ''}`,
    db,
    sfn,
    sqs,
    ...names,
    close: () => {
      db.destroy();
      sfn.destroy();
      sqs.destroy();
    },
  };
}
