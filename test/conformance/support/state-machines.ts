import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { eventually } from './eventually.ts';
import type { ConformanceTarget } from './target.ts';

/** Throw-away state machines the tests create on both targets (no Lambda needed but for the function one). */

export const passDefinition = {
  Comment: 'Tower conformance: one Pass state',
  StartAt: 'Done',
  States: { Done: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.result', End: true } },
};

export const waitDefinition = {
  Comment: 'Tower conformance: waits ten minutes (stopped by the test)',
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 600, End: true } },
};

/** A callback task that retries `Conformance.Retry` once after 1 s and catches `Conformance.Caught`. */
export function callbackDefinition(queueUrl: string, timeoutSeconds = 300) {
  return {
    Comment: 'Tower conformance: a task-token state',
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Parameters: { 'order.$': '$.order', stage: 'prepared' }, Next: 'Callback' },
      Callback: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: queueUrl,
          MessageBody: { 'token.$': '$$.Task.Token', 'execution.$': '$$.Execution.Name' },
        },
        ResultPath: '$.answer',
        TimeoutSeconds: timeoutSeconds,
        Retry: [{ ErrorEquals: ['Conformance.Retry'], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ['Conformance.Caught'], ResultPath: '$.failure', Next: 'Recovered' }],
        Next: 'Done',
      },
      Recovered: { Type: 'Pass', End: true },
      Done: { Type: 'Succeed' },
    },
  };
}

export function functionDefinition(functionArn: string) {
  return {
    Comment: 'Tower conformance: a Task on a function ARN',
    StartAt: 'Call',
    States: { Call: { Type: 'Task', Resource: functionArn, ResultPath: '$.echo', End: true } },
  };
}

/**
 * The task token the callback state sent for an execution (stale messages of other executions are
 * dropped); fails at once, with the execution's error, if it ended without sending one.
 */
export async function nextToken(
  target: ConformanceTarget,
  queueUrl: string,
  execution: { readonly name: string; readonly executionArn: string },
): Promise<string> {
  const { sqs, sfn } = target.clients();
  return eventually(async () => {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    let token: string | undefined;
    for (const message of received.Messages ?? []) {
      const body = JSON.parse(message.Body ?? '{}') as { token?: string; execution?: string };
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      if (body.execution === execution.name) token = body.token;
    }
    if (token) return token;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
    if (described.status !== 'RUNNING')
      throw new Error(
        `${execution.name} ended ${described.status} without a task token: ${described.error} ${described.cause}`,
      );
    return undefined;
  }, `the task token of ${execution.name}`);
}

/** DescribeExecution once the execution has left RUNNING. */
export async function ended(
  target: ConformanceTarget,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput> {
  const { sfn } = target.clients();
  return eventually(async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  }, `${executionArn} to end`);
}

/** The whole history, oldest first, paging with the largest page. */
export async function fullHistory(target: ConformanceTarget, executionArn: string): Promise<HistoryEvent[]> {
  const { sfn } = target.clients();
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** A unique execution name for one test. */
export function executionName(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
