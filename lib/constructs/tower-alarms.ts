import { Aws } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AlarmSpec } from '../platform/capability-infra.ts';

export interface TowerAlarmsProps {
  /** Prefix of alarm names, e.g. `tower-dev`. */
  readonly name: string;
  /** Encrypts the alarm topic. */
  readonly encryptionKey: kms.IKey;
  /** Subscribed to the topic when set. @default - no subscription */
  readonly alarmEmail?: string;
  /** Every alarm, as the capabilities and the platform ask for them; ids prefix-free and unique. */
  readonly alarms: readonly AlarmSpec[];
}

/**
 * Alarms on by default, all to one KMS-encrypted SNS topic: each capability's (failed executions per
 * state machine, anything in any DLQ, stalled queues, approvals past their SLA) and Lambda errors per
 * function. Each alarm fires at or above its threshold within one period; missing data is not breaching.
 */
export class TowerAlarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: readonly cw.Alarm[];

  constructor(scope: Construct, id: string, props: TowerAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `${props.name} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.allowAlarmsToPublish(props.name, props.encryptionKey);
    this.alarms = props.alarms.map((spec) => {
      const created = new cw.Alarm(this, spec.id, {
        metric: spec.metric,
        alarmName: `${props.name}-${spec.id}`,
        alarmDescription: spec.description,
        threshold: spec.threshold ?? 1,
        evaluationPeriods: 1,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      return created;
    });
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
