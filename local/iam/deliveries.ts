import type { IamEvaluator } from './evaluator.ts';
import type { MappingScope } from './requests.ts';

/** A delivery a service makes to a resource (S3 → SQS, SNS → SQS, Textract → SNS), authorised as AWS does. */
export interface Delivery {
  /** The service principal (`s3.amazonaws.com`), or the role the service assumes (Textract's publisher role). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The resource the delivery comes from: the `aws:SourceArn` resource policies condition on. */
  readonly sourceArn: string;
  /** The key the target is encrypted with and what the service needs of it (GenerateDataKey, Decrypt). */
  readonly keyActions?: readonly string[];
  readonly keyService?: string;
}

/**
 * SNS → SQS: SNS sends to a subscribed queue as sns.amazonaws.com with the topic as aws:SourceArn, and
 * uses an SSE queue's key as itself (SQS Developer Guide, "Amazon SQS key management" → "Enable
 * compatibility between encrypted queues and AWS services": kms:GenerateDataKey and kms:Decrypt).
 */
export const topicToQueueDelivery = (topicArn: string, queueArn: string): Delivery => ({
  principal: 'sns.amazonaws.com',
  action: 'sqs:SendMessage',
  resource: queueArn,
  sourceArn: topicArn,
  keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
});

/**
 * Authorises a service-to-service delivery against the target's resource policy (queue or topic policy)
 * and its key's key policy. AWS drops a denied delivery without telling the sender (S3 event
 * notifications, SNS subscriptions), so the caller drops it too; the decision is recorded for the report.
 */
export async function deliveryAllowed(
  evaluator: IamEvaluator,
  delivery: Delivery,
  scope: MappingScope,
): Promise<boolean> {
  const context = { 'aws:SourceArn': delivery.sourceArn, 'aws:SourceAccount': scope.account };
  const target = await evaluator.authorize({
    principal: delivery.principal,
    action: delivery.action,
    resource: delivery.resource,
    context,
    via: 'delivery',
  });
  if (!target.allowed) return false;
  const key = scope.encryptionKeyOf(delivery.resource);
  if (!key) return true;
  for (const action of delivery.keyActions ?? []) {
    const verdict = await evaluator.authorize({
      principal: delivery.principal,
      action,
      resource: key,
      context: {
        ...context,
        ...(delivery.keyService
          ? { 'kms:ViaService': `${delivery.keyService}.${scope.region}.amazonaws.com` }
          : {}),
      },
      via: 'delivery',
    });
    if (!verdict.allowed) return false;
  }
  return true;
}
