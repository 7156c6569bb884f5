import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IDependable } from 'constructs';

/**
 * S3 notifications to a queue encrypted with the same key as the bucket. CDK's `SqsDestination` puts
 * the bucket's ARN into the key policy, and the bucket already references the key: a dependency cycle.
 * Here the key policy grants S3 as AWS documents it, with no condition; the queue policy names the bucket.
 */
export class EncryptedQueueDestination implements s3.IBucketNotificationDestination {
  private readonly bound = new Map<string, IDependable[]>();

  constructor(
    private readonly queue: sqs.IQueue,
    private readonly key: kms.IKey,
  ) {}

  bind(_scope: Construct, bucket: s3.IBucketRef): s3.BucketNotificationDestinationConfig {
    const bucketArn = bucket.bucketRef.bucketArn;
    // One notification per intake prefix binds the same bucket again; its statements are added once.
    let dependencies = this.bound.get(bucketArn);
    if (dependencies === undefined) {
      const s3Principal = new iam.ServicePrincipal('s3.amazonaws.com');
      const queueGrant = this.queue.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [s3Principal],
          actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
          resources: [this.queue.queueArn],
          conditions: {
            ArnLike: { 'aws:SourceArn': bucketArn },
            StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          },
        }),
      );
      // Inside the key resource itself, which the bucket already depends on. S3's documented key policy for
      // an SSE-KMS destination has no condition (the queue policy pins the bucket): S3's KMS call need not
      // carry aws:SourceAccount, and a condition on it would fail the notification set-up.
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [s3Principal],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
        }),
        true,
      );
      dependencies = queueGrant.policyDependable ? [queueGrant.policyDependable] : [];
      this.bound.set(bucketArn, dependencies);
    }
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies };
  }
}
