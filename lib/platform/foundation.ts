import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { pascal } from '../constructs/names.ts';
import { OperatorPolicy } from '../constructs/operator-policy.ts';
import type { Observed, PlatformParts } from './capability-infra.ts';

/** Lambda errors: an alarm per function and one row of the dashboard. */
export function functionErrors(p: PlatformParts): Observed {
  const functions = Object.entries(p.functions);
  return {
    alarms: functions.map(([id, f]) => ({
      id: `${id}-errors`,
      metric: f.function.metricErrors({ period: Duration.minutes(5), statistic: cw.Stats.SUM }),
      description: `The ${id} function failed invocations`,
    })),
    rows: [
      [
        new cw.GraphWidget({
          title: 'Lambda errors',
          width: 24,
          left: functions.map(([id, f]) =>
            f.function.metricErrors({ period: Duration.minutes(5), statistic: cw.Stats.SUM, label: id }),
          ),
        }),
      ],
    ],
  };
}

/**
 * What an operator needs for the `tower --stack` commands: a managed policy to attach to their role,
 * and the outputs the CLI reads to find its way around.
 */
export function operatorAccess(p: PlatformParts): OperatorPolicy {
  const documents = p.tables.documents;
  const audit = p.tables.audit;
  if (!documents || !audit) throw new Error('TowerPlatform: the documents and audit tables are missing');
  const queues = Object.values(p.queues);
  const policy = new OperatorPolicy(p.scope, 'Operator', {
    documentsTable: documents,
    statusIndexName: 'byStatus',
    auditTable: audit,
    queues: queues.map((q) => q.queue),
    deadLetterQueues: queues.map((q) => q.deadLetterQueue),
    stateMachineNames: p.catalog.processes.map((process) => p.stateMachineName(process.id)),
    encryptionKey: p.key,
  });
  new CfnOutput(p.scope, 'OperatorPolicyArn', {
    value: policy.policy.managedPolicyArn,
    description: 'Attach to the role or user that runs npm run tower -- <command> --stack <this stack>',
  });
  new CfnOutput(p.scope, 'DocumentsTableName', { value: documents.tableName });
  new CfnOutput(p.scope, 'AuditTableName', { value: audit.tableName });
  for (const q of queues) {
    new CfnOutput(p.scope, `${pascal(q.spec.id)}QueueUrl`, { value: q.queue.queueUrl });
    new CfnOutput(p.scope, `${pascal(q.spec.id)}DeadLetterQueueUrl`, { value: q.deadLetterQueue.queueUrl });
  }
  return policy;
}
