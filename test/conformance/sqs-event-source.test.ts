import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.ts';
import { createQueue, type Queue } from './support/resources.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// AWS Lambda Developer Guide, "Handling errors for an SQS event source in Lambda": with
// ReportBatchItemFailures, only the messages a function names in `batchItemFailures` return to the
// queue; an empty list is a complete success; "an itemIdentifier value with a message ID that doesn't
// exist", an empty or null one, or a function error fails the whole batch. Returned messages follow
// the queue's RedrivePolicy (here: to the DLQ after one receive). Locally this is Tower's poller
// (local/event-sources/sqs-poller.ts), the event source mapping's stand-in.

const batchFunction = `export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    if (record.body.startsWith('throw')) throw new Error('the whole batch fails');
    if (record.body.startsWith('bad-id')) return { batchItemFailures: [{ itemIdentifier: 'no-such-message' }] };
    if (record.body.startsWith('fail')) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
};
`;

let target: ConformanceTarget;
let source: Queue;
let dlq: Queue;
const dead = new Set<string>();

beforeAll(async () => {
  target = await openTarget();
  dlq = await createQueue(target, 'batch-dlq');
  // Lambda requires the visibility timeout to cover the function's timeout (3 s).
  source = await createQueue(target, 'batch-source', {
    VisibilityTimeout: '5',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
  });
  const fn = await target.createFunction('batch', batchFunction);
  await target.mapQueueToFunction('batch-mapping', source.arn, fn, 10);
});
afterAll(() => target.close());

const sqs = () => target.clients().sqs;
const send = (body: string) =>
  sqs().send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: body }));

/** Waits until `body` reached the dead-letter queue (collecting what else arrived). */
async function deadLettered(body: string): Promise<void> {
  await eventually(
    async () => {
      const received = await sqs().send(
        new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
      );
      for (const m of received.Messages ?? []) dead.add(m.Body ?? '');
      return dead.has(body) ? true : undefined;
    },
    `${body} in the dead-letter queue`,
    { timeoutMs: 120_000 },
  );
}

async function sourceDrained(): Promise<void> {
  await eventually(
    async () => {
      const { Attributes: a = {} } = await sqs().send(
        new GetQueueAttributesCommand({
          QueueUrl: source.url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return a.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0'
        ? true
        : undefined;
    },
    'the source queue to drain',
    { timeoutMs: 120_000 },
  );
}

describe('SQS event source partial batch response', () => {
  it('returns only the messages the function named; the others are deleted', async () => {
    await Promise.all([send('ok-1'), send('fail-1'), send('ok-2')]);
    await deadLettered('fail-1');
    await sourceDrained();
    expect([...dead].filter((b) => b.startsWith('ok'))).toEqual([]);
  });

  it('fails the whole batch when an itemIdentifier names no message of the batch', async () => {
    await send('bad-id-1');
    await deadLettered('bad-id-1');
  });

  it('fails the whole batch when the function throws', async () => {
    await send('throw-1');
    await deadLettered('throw-1');
  });
});
