import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { HistoryEventDetails } from './executions.ts';

/** Where a state's events go; the service drops them once the execution has ended. */
export type HistorySink = (type: HistoryEventType, details: HistoryEventDetails) => void;

/**
 * The kind of a Task's Resource as history records it: a Lambda function ARN gives `LambdaFunction…`
 * events; a service integration (`arn:aws:states:::sqs:sendMessage.waitForTaskToken`) gives `Task…`
 * events naming the service (`resourceType: sqs`) and action (`resource: sendMessage.waitForTaskToken`).
 */
export type TaskResource =
  | { readonly kind: 'lambda-function'; readonly arn: string }
  | { readonly kind: 'service'; readonly resourceType: string; readonly resource: string };

export function taskResourceOf(resourceArn: string): TaskResource {
  const integration = /^arn:[a-z-]+:states:::(.+)$/.exec(resourceArn)?.[1];
  if (!integration) return { kind: 'lambda-function', arn: resourceArn };
  // `aws-sdk:s3:getObject` names the SDK service too: its type is `aws-sdk:s3`.
  const at = integration.startsWith('aws-sdk:') ? integration.indexOf(':', 8) : integration.indexOf(':');
  return { kind: 'service', resourceType: integration.slice(0, at), resource: integration.slice(at + 1) };
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const notTruncated = { truncated: false } as const;

export interface TaskLimits {
  /** The state's TimeoutSeconds (or what TimeoutSecondsPath gave), when it sets one. */
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
}

/**
 * One attempt of one Task state, in the events AWS writes for it: scheduled, started, (for callback
 * and job tasks) submitted, then succeeded, failed or timed out. A retry is simply a new attempt:
 * history has no retry event of its own.
 */
export class TaskAttemptHistory {
  constructor(
    private readonly sink: HistorySink,
    private readonly task: TaskResource,
    private readonly region: string,
    private readonly limits: TaskLimits = {},
  ) {}

  private ended = false;

  scheduled(parameters: unknown): void {
    if (this.ended) return;
    const { timeoutSeconds: timeoutInSeconds, heartbeatSeconds: heartbeatInSeconds } = this.limits;
    if (this.task.kind === 'lambda-function') {
      this.sink('LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          resource: this.task.arn,
          input: json(parameters),
          inputDetails: notTruncated,
          timeoutInSeconds,
        },
      });
      return;
    }
    this.sink('TaskScheduled', {
      taskScheduledEventDetails: {
        ...this.names(),
        region: this.region,
        parameters: json(parameters),
        timeoutInSeconds,
        heartbeatInSeconds,
      },
    });
  }

  started(): void {
    if (this.ended) return;
    if (this.task.kind === 'lambda-function') {
      this.sink('LambdaFunctionStarted', {});
      return;
    }
    this.sink('TaskStarted', { taskStartedEventDetails: this.names() });
  }

  /** A callback task's request was accepted (`output` is the service's answer); the task now waits. */
  submitted(output: unknown): void {
    if (this.ended || this.task.kind === 'lambda-function') return;
    this.sink('TaskSubmitted', {
      taskSubmittedEventDetails: { ...this.names(), output: json(output), outputDetails: notTruncated },
    });
  }

  succeeded(output: unknown): void {
    if (this.end()) return;
    if (this.task.kind === 'lambda-function') {
      this.sink('LambdaFunctionSucceeded', {
        lambdaFunctionSucceededEventDetails: { output: json(output), outputDetails: notTruncated },
      });
      return;
    }
    this.sink('TaskSucceeded', {
      taskSucceededEventDetails: { ...this.names(), output: json(output), outputDetails: notTruncated },
    });
  }

  failed(error: string, cause: string | undefined): void {
    if (this.end()) return;
    if (this.task.kind === 'lambda-function') {
      this.sink('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } });
      return;
    }
    this.sink('TaskFailed', { taskFailedEventDetails: { ...this.names(), error, cause } });
  }

  timedOut(error: string, cause: string | undefined): void {
    if (this.end()) return;
    if (this.task.kind === 'lambda-function') {
      this.sink('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error, cause } });
      return;
    }
    this.sink('TaskTimedOut', { taskTimedOutEventDetails: { ...this.names(), error, cause } });
  }

  /** Marks the attempt ended; true when it already was (work that outlived its timeout reports nothing more). */
  private end(): boolean {
    const already = this.ended;
    this.ended = true;
    return already;
  }

  private names(): { resourceType: string | undefined; resource: string | undefined } {
    return this.task.kind === 'service'
      ? { resourceType: this.task.resourceType, resource: this.task.resource }
      : { resourceType: undefined, resource: undefined };
  }
}
