import type { ResolutionScope } from './intrinsics.ts';
import type { NamedPolicy, PolicyDocument } from './policy-document.ts';
import type { SynthesizedTemplate, TemplateResource } from './template.ts';

/** What the template's resources say about access: each role's policies, each resource's policy and key. */
export interface TemplatePolicies {
  /** Role logical id → its policies (attached and inline). */
  readonly policiesOfRole: Map<string, NamedPolicy[]>;
  /** Resource ARN (queue, topic, bucket, key) → its resource policy. */
  readonly resourcePolicies: Map<string, NamedPolicy>;
  /** Resource ARN (table, bucket, queue, topic, log group) → the key it is encrypted with. */
  readonly encryptionKeys: Map<string, string>;
}

/**
 * Reads the policies and encryption settings of the template's resources, resolved to local ARNs by
 * `scope` and `resolved` (policy-model.ts).
 */
export function templatePolicies(
  template: SynthesizedTemplate,
  scope: ResolutionScope,
  resolved: (value: unknown) => unknown,
  keyArnOf: (value: unknown) => string,
): TemplatePolicies {
  const policiesOfRole = new Map<string, NamedPolicy[]>();
  const attach = (roleLogicalId: string, policy: NamedPolicy) =>
    policiesOfRole.set(roleLogicalId, [...(policiesOfRole.get(roleLogicalId) ?? []), policy]);
  const resourcePolicies = new Map<string, NamedPolicy>();
  const encryptionKeys = new Map<string, string>();
  const refOf = (value: unknown) => (value as { Ref?: string } | undefined)?.Ref;
  const entries = Object.entries(template.resources) as [string, TemplateResource][];
  for (const [logicalId, resource] of entries) {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Policy':
        for (const role of (p.Roles as unknown[] | undefined) ?? []) {
          const roleId = refOf(role);
          if (roleId)
            attach(roleId, { name: logicalId, policy: resolved(p.PolicyDocument) as PolicyDocument });
        }
        break;
      case 'AWS::IAM::Role':
        for (const inline of (p.Policies as { PolicyName: string; PolicyDocument: unknown }[] | undefined) ??
          [])
          attach(logicalId, {
            name: `${logicalId}/${inline.PolicyName}`,
            policy: resolved(inline.PolicyDocument) as PolicyDocument,
          });
        break;
      case 'AWS::KMS::Key':
        resourcePolicies.set(scope.getAtt(logicalId, 'Arn'), {
          name: `${logicalId} key policy`,
          policy: resolved(p.KeyPolicy) as PolicyDocument,
        });
        break;
      case 'AWS::SQS::QueuePolicy':
        for (const queue of (p.Queues as unknown[] | undefined) ?? []) {
          const queueId = refOf(queue);
          if (queueId)
            resourcePolicies.set(scope.getAtt(queueId, 'Arn'), {
              name: logicalId,
              policy: resolved(p.PolicyDocument) as PolicyDocument,
            });
        }
        break;
      case 'AWS::SNS::TopicPolicy':
        for (const topic of (p.Topics as unknown[] | undefined) ?? []) {
          const topicId = refOf(topic);
          if (topicId)
            resourcePolicies.set(scope.ref(topicId), {
              name: logicalId,
              policy: resolved(p.PolicyDocument) as PolicyDocument,
            });
        }
        break;
      case 'AWS::S3::BucketPolicy': {
        const bucketId = refOf(p.Bucket);
        if (bucketId)
          resourcePolicies.set(scope.getAtt(bucketId, 'Arn'), {
            name: logicalId,
            policy: resolved(p.PolicyDocument) as PolicyDocument,
          });
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const sse = p.SSESpecification as { KMSMasterKeyId?: unknown; SSEEnabled?: boolean } | undefined;
        if (sse?.SSEEnabled && sse.KMSMasterKeyId)
          encryptionKeys.set(scope.getAtt(logicalId, 'Arn'), keyArnOf(resolved(sse.KMSMasterKeyId)));
        break;
      }
      case 'AWS::SQS::Queue':
        if (p.KmsMasterKeyId)
          encryptionKeys.set(scope.getAtt(logicalId, 'Arn'), keyArnOf(resolved(p.KmsMasterKeyId)));
        break;
      case 'AWS::SNS::Topic':
        if (p.KmsMasterKeyId) encryptionKeys.set(scope.ref(logicalId), keyArnOf(resolved(p.KmsMasterKeyId)));
        break;
      case 'AWS::Logs::LogGroup':
        if (p.KmsKeyId) encryptionKeys.set(scope.getAtt(logicalId, 'Arn'), keyArnOf(resolved(p.KmsKeyId)));
        break;
      case 'AWS::S3::Bucket': {
        const rules = (
          p.BucketEncryption as
            | {
                ServerSideEncryptionConfiguration?: {
                  ServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: unknown };
                }[];
              }
            | undefined
        )?.ServerSideEncryptionConfiguration;
        const kms = rules?.find(
          (r) => r.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms',
        )?.ServerSideEncryptionByDefault;
        if (kms?.KMSMasterKeyID)
          encryptionKeys.set(scope.getAtt(logicalId, 'Arn'), keyArnOf(resolved(kms.KMSMasterKeyID)));
        break;
      }
    }
  }
  return { policiesOfRole, resourcePolicies, encryptionKeys };
}
