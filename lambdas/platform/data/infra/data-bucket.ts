import { cx_api as cxapi, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DataBucketProps {
  /** Encrypts every object (SSE-KMS with an S3 bucket key). */
  readonly encryptionKey: kms.IKey;
  /** Days a replaced or deleted object version is kept before it expires. @default 30 */
  readonly noncurrentVersionDays?: number;
  /** Days server access logs are kept. @default 365 */
  readonly accessLogDays?: number;
  /** Of both buckets. @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The data bucket (intake, extractions, results, quarantine): KMS-encrypted, versioned, private, TLS only,
 * with server access logs in a separate log bucket.
 */
export class DataBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id);
    // Log delivery through a bucket policy, not the legacy ACL (which BUCKET_OWNER_ENFORCED forbids).
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const noncurrentVersionDays = props.noncurrentVersionDays ?? 30;
    const accessLogDays = props.accessLogDays ?? 365;
    if (noncurrentVersionDays < 1 || accessLogDays < 1)
      throw new Error('DataBucket: noncurrentVersionDays and accessLogDays must be at least 1');
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access logging delivers only to buckets encrypted with S3-managed keys. cdk-nag's S1 accepts
      // a log bucket that is itself the target of access logs.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(accessLogDays) }],
      removalPolicy,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'data/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(noncurrentVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy,
    });
  }
}
