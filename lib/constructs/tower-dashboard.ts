import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ObservedQueue } from './tower-alarms.ts';
import { approvalOverdue, approvalsRequested, documentsEnded, stepLatency } from './tower-metrics.ts';

export interface TowerDashboardProps {
  /** Dashboard name, e.g. `tower-dev`. */
  readonly name: string;
  readonly stateMachines: readonly { readonly id: string; readonly stateMachine: sfn.IStateMachine }[];
  readonly functions: readonly { readonly id: string; readonly fn: lambda.IFunction }[];
  /** Every queue's dead-letter depth is shown; the age of the oldest message for those with an age alarm. */
  readonly queues: readonly ObservedQueue[];
}

/**
 * One dashboard for operations: a row per process (executions, documents ended, step latency, human
 * tasks), then the queues and their DLQs, and Lambda errors.
 */
export class TowerDashboard extends Construct {
  public readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: TowerDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    this.dashboard = new cw.Dashboard(this, 'Dashboard', { dashboardName: props.name });

    // A row per process: its executions, its documents' ends, its step latency, its human tasks.
    for (const { id: processId, stateMachine } of props.stateMachines)
      this.dashboard.addWidgets(
        new cw.GraphWidget({
          title: `Executions: ${processId}`,
          width: 6,
          left: [
            stateMachine.metricStarted({ period, statistic: cw.Stats.SUM, label: 'Started' }),
            stateMachine.metricSucceeded({ period, statistic: cw.Stats.SUM, label: 'Succeeded' }),
            stateMachine.metricFailed({ period, statistic: cw.Stats.SUM, label: 'Failed' }),
          ],
        }),
        new cw.GraphWidget({ title: `Documents: ${processId}`, width: 6, left: documentsEnded(processId) }),
        new cw.GraphWidget({
          title: `Step latency p95 (ms): ${processId}`,
          width: 6,
          left: [stepLatency(processId, 'p95')],
        }),
        new cw.GraphWidget({
          title: `Human tasks: ${processId}`,
          width: 6,
          left: [approvalsRequested(processId), approvalOverdue(processId)],
        }),
      );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Dead-letter queue depth',
        width: 8,
        left: props.queues.map((q) =>
          q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period,
            statistic: cw.Stats.MAXIMUM,
            label: q.id,
          }),
        ),
      }),
      new cw.GraphWidget({
        title: 'Oldest message age (s)',
        width: 16,
        left: props.queues
          .filter((q) => q.oldestMessageAge !== undefined)
          .map((q) =>
            q.queue.metricApproximateAgeOfOldestMessage({ period, statistic: cw.Stats.MAXIMUM, label: q.id }),
          ),
      }),
    );
    this.dashboard.addWidgets(
      new cw.GraphWidget({
        title: 'Lambda errors',
        width: 24,
        left: props.functions.map(({ id: functionId, fn }) =>
          fn.metricErrors({ period, statistic: cw.Stats.SUM, label: functionId }),
        ),
      }),
    );
  }
}
