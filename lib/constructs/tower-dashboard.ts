import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ObservedQueue } from './tower-alarms.ts';
import { approvalOverdue, approvalsRequested, stepLatency } from './tower-metrics.ts';

export interface TowerDashboardProps {
  /** Dashboard name, e.g. `tower-dev`. */
  readonly name: string;
  readonly stateMachines: readonly { readonly id: string; readonly stateMachine: sfn.IStateMachine }[];
  readonly functions: readonly { readonly id: string; readonly fn: lambda.IFunction }[];
  /** Every queue's dead-letter depth is shown; the age of the oldest message for those with an age alarm. */
  readonly queues: readonly ObservedQueue[];
}

/**
 * One dashboard for operations: executions per process, step latency percentiles, the queues and their
 * DLQs, approvals, Lambda errors.
 */
export class TowerDashboard extends Construct {
  public readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: TowerDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    this.dashboard = new cw.Dashboard(this, 'Dashboard', { dashboardName: props.name });

    this.dashboard.addWidgets(
      ...props.stateMachines.map(
        ({ id: processId, stateMachine }) =>
          new cw.GraphWidget({
            title: `Executions: ${processId}`,
            width: 8,
            left: [
              stateMachine.metricStarted({ period, statistic: cw.Stats.SUM, label: 'Started' }),
              stateMachine.metricSucceeded({ period, statistic: cw.Stats.SUM, label: 'Succeeded' }),
              stateMachine.metricFailed({ period, statistic: cw.Stats.SUM, label: 'Failed' }),
            ],
          }),
      ),
    );
    this.dashboard.addWidgets(
      ...(['p50', 'p95', 'p99'] as const).map(
        (percentile) =>
          new cw.GraphWidget({
            title: `Step latency ${percentile} (ms)`,
            width: 8,
            left: [stepLatency(percentile)],
          }),
      ),
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
        width: 8,
        left: props.queues
          .filter((q) => q.oldestMessageAge !== undefined)
          .map((q) =>
            q.queue.metricApproximateAgeOfOldestMessage({ period, statistic: cw.Stats.MAXIMUM, label: q.id }),
          ),
      }),
      new cw.GraphWidget({
        title: 'Approvals waiting: requested and past SLA',
        width: 8,
        left: [approvalsRequested(), approvalOverdue()],
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
