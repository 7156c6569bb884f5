import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.ts';
import { createQueue, type Queue } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// Amazon SQS Developer Guide: "Amazon SQS visibility timeout" (a received message is hidden for the
// visibility timeout, then delivered again; ChangeMessageVisibility to 0 releases it at once) and
// "Using dead-letter queues in Amazon SQS" (after maxReceiveCount receives, the message moves to the
// queue the RedrivePolicy names). API Reference: ReceiveMessage `ApproximateReceiveCount`.

let target: ConformanceTarget;
let queue: Queue;
let dlq: Queue;

beforeAll(async () => {
  target = await openTarget();
  dlq = await createQueue(target, 'visibility-dlq');
  queue = await createQueue(target, 'visibility', {
    VisibilityTimeout: '2',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
  });
});
afterAll(() => target.close());

const sqs = () => target.clients().sqs;

async function receive(url: string, waitSeconds = 1) {
  const received = await sqs().send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      WaitTimeSeconds: waitSeconds,
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return received.Messages ?? [];
}

/** The next delivery of a message from `url` (matching `which`, if given), waiting for it. */
async function delivered(url: string, what: string, which?: (id: string | undefined) => boolean) {
  return eventually(async () => {
    const messages = await receive(url);
    return messages.find((m) => !which || which(m.MessageId));
  }, what);
}

describe('SQS visibility and redrive', () => {
  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    await sqs().send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'hidden' }));
    const first = await delivered(queue.url, 'the first delivery');
    expect(first?.Body).toBe('hidden');
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    // Within the 2 s timeout nothing is delivered.
    expect(await receive(queue.url, 0)).toEqual([]);
    const again = await delivered(queue.url, 'the second delivery');
    expect(again?.MessageId).toBe(first?.MessageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
    await sqs().send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: again?.ReceiptHandle }));
  });

  it('releases a message at once when its visibility is changed to 0', async () => {
    await sqs().send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'released' }));
    const first = await delivered(queue.url, 'the delivery');
    await sqs().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue.url,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const [again] = await receive(queue.url, 1);
    expect(again?.MessageId).toBe(first?.MessageId);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: again?.ReceiptHandle }));
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue', async () => {
    const { MessageId } = await sqs().send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }),
    );
    // Two receives without a delete; the next receive finds it gone to the DLQ.
    for (let i = 0; i < 2; i++) await delivered(queue.url, `delivery ${i + 1}`, (id) => id === MessageId);
    const dead = await eventually(async () => {
      await receive(queue.url, 0);
      const m = await receive(dlq.url);
      return m.find((x) => x.Body === 'poison');
    }, 'the message in the dead-letter queue');
    expect(dead.MessageId).toBe(MessageId);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: dlq.url, ReceiptHandle: dead.ReceiptHandle }));
  });
});
