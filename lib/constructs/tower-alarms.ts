import { Aws, Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { approvalOverdue } from './tower-metrics.ts';

export interface TowerAlarmsProps {
  /** Prefix of alarm names, e.g. `tower-dev`. */
  readonly name: string;
  /** Encrypts the alarm topic. */
  readonly encryptionKey: kms.IKey;
  /** Subscribed to the topic when set. @default - no subscription */
  readonly alarmEmail?: string;
  readonly stateMachines: readonly { readonly id: string; readonly stateMachine: sfn.IStateMachine }[];
  readonly functions: readonly { readonly id: string; readonly fn: lambda.IFunction }[];
  /** Every queue: its dead-letter queue alarms when it holds a message. */
  readonly queues: readonly ObservedQueue[];
}

/** A queue as alarms and the dashboard watch it. */
export interface ObservedQueue {
  /** Registry id, e.g. `intake`; it prefixes the alarm names. */
  readonly id: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  /** Receives before a message is dead-lettered, for the alarm's description. */
  readonly maxReceiveCount: number;
  /** Age of the oldest message that means the consumer is not keeping up. @default - no age alarm */
  readonly oldestMessageAge?: Duration;
}

/**
 * Alarms on by default, all to one KMS-encrypted SNS topic: failed executions per state machine,
 * anything in any DLQ, stalled queues, Lambda errors per function, approvals past their SLA.
 */
export class TowerAlarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: readonly cw.Alarm[];

  constructor(scope: Construct, id: string, props: TowerAlarmsProps) {
    super(scope, id);
    for (const q of props.queues)
      if (q.oldestMessageAge !== undefined && q.oldestMessageAge.toSeconds() < 60)
        throw new Error(`TowerAlarms: the oldest ${q.id} message age must be at least a minute`);

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `${props.name} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.allowAlarmsToPublish(props.name, props.encryptionKey);

    const alarms: cw.Alarm[] = [];
    const alarm = (
      alarmId: string,
      metric: cw.Metric | cw.MathExpression,
      description: string,
      threshold = 1,
    ) => {
      const created = metric.createAlarm(this, alarmId, {
        alarmName: `${props.name}-${alarmId}`,
        alarmDescription: description,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      alarms.push(created);
    };

    for (const { id: processId, stateMachine } of props.stateMachines)
      alarm(
        `${processId}-executions-failed`,
        stateMachine.metricFailed({ period: Duration.minutes(5), statistic: cw.Stats.SUM }),
        `Executions of the ${processId} process failed; the cause is in the document's status and audit trail`,
      );
    for (const q of props.queues) {
      alarm(
        `${q.id}-dlq-not-empty`,
        q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: cw.Stats.MAXIMUM,
        }),
        `Messages of the ${q.id} queue failed ${q.maxReceiveCount} receives and wait in its dead-letter queue`,
      );
      if (q.oldestMessageAge !== undefined)
        alarm(
          `${q.id}-oldest-message-age`,
          q.queue.metricApproximateAgeOfOldestMessage({
            period: Duration.minutes(1),
            statistic: cw.Stats.MAXIMUM,
          }),
          `The oldest ${q.id} message waited longer than ${q.oldestMessageAge.toMinutes()} minutes: its consumer is not keeping up`,
          q.oldestMessageAge.toSeconds(),
        );
    }
    for (const { id: functionId, fn } of props.functions)
      alarm(
        `${functionId}-errors`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: cw.Stats.SUM }),
        `The ${functionId} function failed invocations`,
      );
    for (const { id: processId } of props.stateMachines)
      alarm(
        `${processId}-approvals-overdue`,
        approvalOverdue(processId),
        `A ${processId} human task reached its deadline undecided (metric Tower/ApprovalOverdue, Process ${processId})`,
      );
    this.alarms = alarms;
  }

  /**
   * CloudWatch publishes as its service principal. The topic policy (which replaces SNS's default once
   * TLS is enforced) admits this account's `<name>-*` alarms only; the key-policy statement is the one
   * SNS documents for CloudWatch as an event source of an encrypted topic, without conditions: the KMS
   * request CloudWatch makes is not documented to carry aws:SourceArn, and a condition it lacks would
   * drop every notification silently.
   */
  private allowAlarmsToPublish(name: string, key: kms.IKey): void {
    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${name}-*`,
          },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
  }
}
