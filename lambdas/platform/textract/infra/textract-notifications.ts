import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface TextractNotificationsProps {
  /** Explicit, so the key policy can name the topic without referencing it (the topic references the key). */
  readonly topicName: string;
  /** Encrypts the topic; the completions queue is encrypted with the same key. */
  readonly encryptionKey: kms.IKey;
  /** Receives every completion notification, raw (no SNS envelope). */
  readonly completions: sqs.IQueue;
}

/**
 * Where Textract reports finished expense jobs: a KMS-encrypted, TLS-only topic delivering raw to the
 * completions queue, and the role Textract assumes (only for this account) to publish there and
 * nowhere else. Jobs name both in their NotificationChannel; callers need iam:PassRole on `role`.
 */
export class TextractNotifications extends Construct {
  public readonly topic: sns.Topic;
  public readonly role: iam.Role;
  public readonly subscription: sns.Subscription;

  constructor(scope: Construct, id: string, props: TextractNotificationsProps) {
    super(scope, id);
    const { encryptionKey: key, completions } = props;
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(props.topicName))
      throw new Error(`TextractNotifications: topicName ${props.topicName} is not a valid SNS topic name`);

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Textract job completions',
      masterKey: key,
      enforceSSL: true,
    });

    this.role = new iam.Role(this, 'PublisherRole', {
      // Textract acting for another account cannot be made to assume this role (confused deputy).
      assumedBy: new iam.ServicePrincipal('textract.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: `Textract publishes job completions to ${props.topicName}, and only there`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }),
    );
    // Publishing to an encrypted topic encrypts with the caller's rights, and only through SNS.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );

    this.subscription = this.subscribe(completions, key, props.topicName);
  }

  /**
   * The completions queue's subscription, wired by hand rather than with `SqsSubscription`, whose key
   * policy statement names no topic unless a feature flag is set: here SNS may use the key for this
   * topic only, and the queue accepts messages from this topic only.
   */
  private subscribe(queue: sqs.IQueue, key: kms.IKey, topicName: string): sns.Subscription {
    const snsService = new iam.ServicePrincipal('sns.amazonaws.com');
    const { policyDependable } = queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [snsService],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.topic.topicArn } },
      }),
    );
    // A formatted ARN, not a reference: the topic already depends on the key.
    const topicArn = Stack.of(this).formatArn({ service: 'sns', resource: topicName });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [snsService],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': topicArn } },
      }),
    );
    const subscription = new sns.Subscription(this, 'Completions', {
      topic: this.topic,
      endpoint: queue.queueArn,
      protocol: sns.SubscriptionProtocol.SQS,
      rawMessageDelivery: true,
    });
    // Subscribed only once the queue accepts the topic's messages, so none is dropped.
    if (policyDependable) subscription.node.addDependency(policyDependable);
    return subscription;
  }
}
