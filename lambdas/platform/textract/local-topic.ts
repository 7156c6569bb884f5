import { CreateTopicCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { LocalNames, QueueRef } from '../../../local/runtime/resources.ts';
import type { QueueId } from '../registry/queues.ts';

/** The role the local Textract publishes completions as, named as the CDK app's notification role. */
export const textractPublisher = (names: LocalNames): string => names.serviceRoleArn('textract-publisher');

/** A Textract completion topic, delivering raw to its completions queue, as the CDK app wires it. */
export async function createTextractTopic(
  sns: SNSClient,
  names: LocalNames,
  queueId: QueueId,
  completions: QueueRef,
): Promise<string> {
  const topic = await sns.send(new CreateTopicCommand({ Name: names.topic(`textract-${queueId}`) }));
  const topicArn = topic.TopicArn ?? '';
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: completions.arn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  return topicArn;
}
