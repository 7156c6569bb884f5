import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { auditAction, type Operator } from './context.ts';
import { auditPartitionOf, type MessageSubject, subjectOf } from './dlq-messages.ts';
import { RefusedError } from './errors.ts';
import type { QueuePair, Target } from './target.ts';

export interface DlqMessage extends MessageSubject {
  readonly messageId: string;
  readonly sentAt?: string;
  readonly receiveCount?: number;
}

export interface DlqReport {
  readonly queue: QueueId;
  readonly dlqUrl: string;
  /** SQS's approximate count of messages waiting (visible and in flight). */
  readonly approximateCount: number;
  /** The messages read, up to the limit asked for. */
  readonly messages: readonly DlqMessage[];
}

/** Seconds a peeked message stays hidden: long enough to read the queue, then it is made visible again. */
const peekSeconds = 30;

/** Lists what waits in a queue's DLQ without consuming it: each message is read, then made visible again. */
export async function peekDlq(target: Target, queue: QueueId, max: number): Promise<DlqReport> {
  const { sqs } = target;
  const dlqUrl = queuePair(target, queue).dlqUrl;
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: dlqUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const approximateCount =
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  const seen: Message[] = [];
  try {
    while (seen.length < max) {
      const batch = await receive(sqs, dlqUrl, Math.min(10, max - seen.length), peekSeconds);
      if (batch.length === 0) break;
      seen.push(...batch);
    }
  } finally {
    await makeVisible(sqs, dlqUrl, seen);
  }
  return {
    queue,
    dlqUrl,
    approximateCount,
    messages: seen.map((m) => ({ ...describe(m), ...subjectOf(queue, m.Body ?? '') })),
  };
}

export interface RedrivenMessage extends DlqMessage {
  readonly newMessageId: string;
}

export interface DlqRedrive {
  readonly queue: QueueId;
  readonly moved: readonly RedrivenMessage[];
  /** Set when a message could not be sent back; it stays in the DLQ, as do those after it. */
  readonly failure?: { readonly messageId: string; readonly error: string };
}

/**
 * Moves up to `max` messages from a queue's DLQ back to the queue: each is sent to the queue first and
 * deleted from the DLQ only once sent, so a failure leaves a duplicate at worst, never a loss.
 */
export async function redriveDlq(
  operator: Operator,
  queue: QueueId,
  reason: string,
  max: number,
): Promise<DlqRedrive> {
  const { sqs } = operator.target;
  const { url, dlqUrl } = queuePair(operator.target, queue);
  const moved: RedrivenMessage[] = [];
  while (moved.length < max) {
    const batch = await receive(sqs, dlqUrl, Math.min(10, max - moved.length), 60);
    if (batch.length === 0) break;
    for (const [i, message] of batch.entries()) {
      const described = { ...describe(message), ...subjectOf(queue, message.Body ?? '') };
      let newMessageId: string;
      try {
        const sent = await sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: message.Body ?? '',
            MessageAttributes: message.MessageAttributes,
          }),
        );
        newMessageId = sent.MessageId ?? '';
      } catch (error) {
        await makeVisible(sqs, dlqUrl, batch.slice(i));
        return {
          queue,
          moved,
          failure: {
            messageId: described.messageId,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          },
        };
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle }));
      await auditAction(
        operator,
        {
          documentId: auditPartitionOf(queue, described),
          type: 'OPERATOR_DLQ_REDRIVE',
          decision: 'redriven',
          reason,
          versions: {},
          executionArn: described.executionArn,
          details: {
            queue,
            messageId: described.messageId,
            newMessageId,
            ...(described.keys ? { keys: described.keys } : {}),
            ...(described.jobId ? { jobId: described.jobId } : {}),
          },
        },
        `dlq-redrive/${queue}/${described.messageId}`,
      );
      moved.push({ ...described, newMessageId });
    }
  }
  return { queue, moved };
}

async function receive(sqs: SQSClient, queueUrl: string, count: number, hideSeconds: number) {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: count,
      VisibilityTimeout: hideSeconds,
      // A short long-poll: SQS then answers from every server, so an empty answer means empty.
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
      MessageAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

async function makeVisible(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(i, i + 10).map((m, j) => ({
          Id: String(j),
          ReceiptHandle: m.ReceiptHandle ?? '',
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}

function describe(message: Message): DlqMessage {
  const sent = Number(message.Attributes?.SentTimestamp);
  const count = Number(message.Attributes?.ApproximateReceiveCount);
  return {
    messageId: message.MessageId ?? '',
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
    ...(Number.isFinite(count) && count > 0 ? { receiveCount: count } : {}),
  };
}

function queuePair(target: Pick<Target, 'queues'>, queue: QueueId): QueuePair {
  const pair = target.queues[queue];
  if (!pair) throw new RefusedError(`the target has no queue ${queue}`);
  return pair;
}
