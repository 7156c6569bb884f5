import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { InvokeResult } from '../lambda/invocation.ts';

export interface EventSourceMapping {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  readonly batchSize: number;
  /** At most this many batches in flight, as the event source mapping's `maxConcurrency`. */
  readonly maxConcurrency: number;
}

type Invoke = (functionName: string, event: SQSEvent) => Promise<InvokeResult>;

/** Turns received messages into the event Lambda gets from SQS. */
export function sqsEvent(
  messages: readonly Message[],
  mapping: EventSourceMapping,
  region: string,
): SQSEvent {
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? 'LOCAL',
          ApproximateFirstReceiveTimestamp:
            m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: mapping.queueArn,
        awsRegion: region,
      }),
    ),
  };
}

/**
 * The SQS event source mapping, emulated: concurrent pollers up to `maxConcurrency`, batches of
 * `batchSize`, partial batch responses (only the reported messages come back), whole-batch retry when
 * the function fails, and SQS's own visibility timeout and redrive to the DLQ doing the rest.
 */
export class SqsPoller {
  private running = false;
  private loops: Promise<void>[] = [];
  private receiving = new AbortController();
  batchesInvoked = 0;

  constructor(
    private readonly sqs: SQSClient,
    private readonly invoke: Invoke,
    readonly mapping: EventSourceMapping,
    private readonly region: string,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.receiving = new AbortController();
    this.loops = Array.from({ length: this.mapping.maxConcurrency }, () => this.loop());
  }

  /** Stops polling after the batches in flight finish. */
  async stop(): Promise<void> {
    this.halt();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /**
   * Receives nothing more from now on (a receive in flight is abandoned; its messages come back after
   * their visibility timeout); batches in flight end with their invocations, not awaited here.
   */
  halt(): void {
    this.running = false;
    this.receiving.abort();
  }

  get isRunning(): boolean {
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce();
      } catch {
        if (this.running) await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async pollOnce(): Promise<void> {
    const received = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.mapping.queueUrl,
        MaxNumberOfMessages: this.mapping.batchSize,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
      }),
      { abortSignal: this.receiving.signal },
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0 || !this.running) return;
    this.batchesInvoked += 1;
    const result = await this.invoke(
      this.mapping.functionName,
      sqsEvent(messages, this.mapping, this.region),
    );
    // A failed invocation deletes nothing: every message returns after its visibility timeout.
    if (!result.ok) return;
    const failed = reportedFailures(result.payload, messages);
    if (failed === 'whole-batch') return;
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    for (let i = 0; i < done.length; i += 10) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.mapping.queueUrl,
          Entries: done
            .slice(i, i + 10)
            .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
  }
}

/**
 * The messages a partial batch response names as failed (the mapping sets ReportBatchItemFailures, as
 * Tower's CDK does). As Lambda documents ("Handling errors for an SQS event source in Lambda", success
 * and failure conditions): an empty or null list, or an empty or null response, is a complete success;
 * an empty, null or unknown itemIdentifier, or a response that is no such object, fails the whole batch.
 */
export function reportedFailures(
  payload: unknown,
  messages: readonly Message[],
): Set<string> | 'whole-batch' {
  if (payload === null || payload === undefined || payload === '') return new Set();
  if (typeof payload !== 'object' || Array.isArray(payload)) return 'whole-batch';
  const list = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === null || list === undefined) return new Set();
  if (!Array.isArray(list)) return 'whole-batch';
  const ids = new Set(messages.map((m) => m.MessageId));
  const failed = new Set<string>();
  for (const item of list) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return 'whole-batch';
    failed.add(id);
  }
  return failed;
}
