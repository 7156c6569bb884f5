import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import type { HistoryEventDetails } from '../../../../local/stepfunctions/executions.ts';
import { TaskAttemptHistory, taskResourceOf } from '../../../../local/stepfunctions/task-history.ts';

// HistoryEvent (AWS Step Functions API Reference): a Task on a function ARN writes LambdaFunction*
// events; a service integration writes Task* events whose details name the service (resourceType)
// and the action (resource).

describe('taskResourceOf', () => {
  it.each([
    [
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      { kind: 'service', resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' },
    ],
    ['arn:aws:states:::lambda:invoke', { kind: 'service', resourceType: 'lambda', resource: 'invoke' }],
    [
      'arn:aws:states:::aws-sdk:s3:getObject',
      { kind: 'service', resourceType: 'aws-sdk:s3', resource: 'getObject' },
    ],
    [
      'arn:aws:lambda:us-east-1:000000000000:function:score',
      { kind: 'lambda-function', arn: 'arn:aws:lambda:us-east-1:000000000000:function:score' },
    ],
  ])('reads %s', (arn, expected) => expect(taskResourceOf(arn)).toEqual(expected));
});

function recorded(resource: string, limits = {}) {
  const events: [HistoryEventType, HistoryEventDetails][] = [];
  const history = new TaskAttemptHistory(
    (type, details) => events.push([type, details]),
    taskResourceOf(resource),
    'eu-west-1',
    limits,
  );
  return { events, history };
}

describe('TaskAttemptHistory', () => {
  it('writes a callback attempt as scheduled, started, submitted, succeeded with the service named', () => {
    const { events, history } = recorded('arn:aws:states:::sqs:sendMessage.waitForTaskToken', {
      timeoutSeconds: 60,
    });
    history.scheduled({ QueueUrl: 'q' });
    history.started();
    history.submitted({ MessageId: 'm' });
    history.succeeded({ ok: true });
    expect(events).toEqual([
      [
        'TaskScheduled',
        {
          taskScheduledEventDetails: {
            resourceType: 'sqs',
            resource: 'sendMessage.waitForTaskToken',
            region: 'eu-west-1',
            parameters: '{"QueueUrl":"q"}',
            timeoutInSeconds: 60,
            heartbeatInSeconds: undefined,
          },
        },
      ],
      [
        'TaskStarted',
        { taskStartedEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' } },
      ],
      [
        'TaskSubmitted',
        {
          taskSubmittedEventDetails: {
            resourceType: 'sqs',
            resource: 'sendMessage.waitForTaskToken',
            output: '{"MessageId":"m"}',
            outputDetails: { truncated: false },
          },
        },
      ],
      [
        'TaskSucceeded',
        {
          taskSucceededEventDetails: {
            resourceType: 'sqs',
            resource: 'sendMessage.waitForTaskToken',
            output: '{"ok":true}',
            outputDetails: { truncated: false },
          },
        },
      ],
    ]);
  });

  it('writes a function ARN attempt as LambdaFunction events', () => {
    const arn = 'arn:aws:lambda:eu-west-1:000000000000:function:score';
    const { events, history } = recorded(arn);
    history.scheduled({ a: 1 });
    history.started();
    history.failed('Tower.Transient', '{"errorType":"Tower.Transient"}');
    expect(events.map(([type]) => type)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
    ]);
    expect(events[0]?.[1]).toEqual({
      lambdaFunctionScheduledEventDetails: {
        resource: arn,
        input: '{"a":1}',
        inputDetails: { truncated: false },
        timeoutInSeconds: undefined,
      },
    });
    expect(events[2]?.[1]).toEqual({
      lambdaFunctionFailedEventDetails: {
        error: 'Tower.Transient',
        cause: '{"errorType":"Tower.Transient"}',
      },
    });
  });

  it('writes nothing more once the attempt ended (work that outlived its timeout)', () => {
    const { events, history } = recorded('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    history.scheduled({});
    history.started();
    history.timedOut('States.Timeout', undefined);
    history.submitted({ MessageId: 'late' });
    history.succeeded({ late: true });
    expect(events.map(([type]) => type)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskTimedOut']);
  });
});
