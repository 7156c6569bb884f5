import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface IntakeQueueProps {
  readonly encryptionKey: kms.IKey;
  /** Timeout of the function that consumes the queue. */
  readonly consumerTimeout: Duration;
  /** The consumer's batching window; it adds to the time a message is in flight. @default Duration.seconds(0) */
  readonly batchingWindow?: Duration;
  /** Receives before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The intake queue between S3 and the starter, and its dead-letter queue: backpressure is cheap here,
 * and a message that keeps failing is kept for 14 days rather than lost.
 */
export class IntakeQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IntakeQueueProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 3;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1)
      throw new Error(`IntakeQueue: maxReceiveCount must be a positive integer, got ${maxReceiveCount}`);
    const batchingWindow = props.batchingWindow ?? Duration.seconds(0);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const common = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    };

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', common);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      // AWS's guidance for Lambda consumers: six times the function timeout, plus the batching window.
      visibilityTimeout: Duration.seconds(6 * props.consumerTimeout.toSeconds() + batchingWindow.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
  }
}
