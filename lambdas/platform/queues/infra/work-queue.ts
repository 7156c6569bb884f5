import { Aws, Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../../registry/queues.ts';

export interface WorkQueueProps {
  /** The registry entry: consumer, batching, receives, visibility, retention. */
  readonly spec: QueueSpec;
  /** The consumer's timeout, which the visibility timeout must cover. */
  readonly consumerTimeoutSeconds: number;
  readonly encryptionKey: kms.IKey;
  /** Of both queues. @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One queue of the registry and its dead-letter queue: backpressure is cheap here, and a message that
 * keeps failing is kept for 14 days rather than lost. `consumeWith` attaches the registry's consumer.
 */
export class WorkQueue extends Construct {
  public readonly spec: QueueSpec;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  private eventSource: lambda.EventSourceMapping | undefined;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { spec } = props;
    validate(spec, props.consumerTimeoutSeconds);
    this.spec = spec;
    const common = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    };

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', common);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      retentionPeriod: Duration.seconds(spec.retentionSeconds),
      // AWS's guidance for Lambda consumers: six times the function timeout (the spec's), plus the batching window.
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds + spec.maxBatchingWindowSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
    });
  }

  /**
   * The consumer's event source mapping, batched as registered, reporting partial batch failures. The
   * consumer's role gets what the mapping calls with it, as the Lambda Developer Guide lists for SQS
   * event sources ("Creating and configuring an Amazon SQS event source mapping", execution role
   * permissions: sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes), decrypt on the queue's
   * key through SQS, and ChangeMessageVisibility only when its handler defers messages itself; not CDK
   * SqsEventSource's grantConsumeMessages, which adds GetQueueUrl and ChangeMessageVisibility for all.
   *
   * @param maxConcurrency most consumer instances at once (2 to 1000), e.g. `maxConcurrencyOf(id, config)`
   * @param defers whether the consumer changes its messages' visibility (the registry's `defersOn`)
   */
  consumeWith(consumer: lambda.IFunction, maxConcurrency: number, defers = false): lambda.EventSourceMapping {
    const where = `WorkQueue ${this.spec.id}`;
    if (this.eventSource) throw new Error(`${where}: already has its consumer`);
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000)
      throw new Error(`${where}: maxConcurrency must be an integer from 2 to 1000, got ${maxConcurrency}`);
    // The id SqsEventSource gives it, so a stack deployed before keeps its mapping.
    this.eventSource = consumer.addEventSourceMapping(
      `SqsEventSource:${Names.nodeUniqueId(this.queue.node)}`,
      {
        eventSourceArn: this.queue.queueArn,
        batchSize: this.spec.batchSize,
        maxBatchingWindow: Duration.seconds(this.spec.maxBatchingWindowSeconds),
        maxConcurrency,
        reportBatchItemFailures: true,
      },
    );
    consumer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          ...(defers ? ['sqs:ChangeMessageVisibility'] : []),
        ],
        resources: [this.queue.queueArn],
      }),
    );
    const key = this.queue.encryptionMasterKey;
    if (key)
      consumer.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
        }),
      );
    return this.eventSource;
  }
}

/** The limits SQS and Lambda event sources enforce, checked at synth with the registry's names. */
function validate(spec: QueueSpec, timeout: number): void {
  const problem = (what: string) => new Error(`WorkQueue ${spec.id}: ${what}`);
  if (!Number.isInteger(spec.maxReceiveCount) || spec.maxReceiveCount < 1)
    throw problem(`maxReceiveCount must be a positive integer, got ${spec.maxReceiveCount}`);
  // Lambda refuses an event source whose queue hides a message for less time than the function may run.
  if (spec.visibilityTimeoutSeconds < timeout)
    throw problem(
      `visibilityTimeoutSeconds (${spec.visibilityTimeoutSeconds}) must be at least ${spec.consumer}'s timeout (${timeout})`,
    );
  if (spec.retentionSeconds < 60 || spec.retentionSeconds > 14 * 24 * 3600)
    throw problem(`retentionSeconds must be from 60 to 1209600, got ${spec.retentionSeconds}`);
}
