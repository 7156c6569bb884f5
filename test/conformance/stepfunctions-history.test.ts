import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { createQueue, createStateMachine } from './support/resources.ts';
import {
  callbackDefinition,
  ended,
  executionName,
  fullHistory,
  functionDefinition,
  nextToken,
} from './support/state-machines.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// AWS Step Functions API Reference: API_GetExecutionHistory.html and API_HistoryEvent.html (each event
// type's details member: TaskScheduledEventDetails, StateEnteredEventDetails, …), and the Developer
// Guide's "Handling errors in Step Functions workflows" for Retry and Catch.

let target: ConformanceTarget;
let queueUrl: string;
let callback: string;
let timeout: string;
let fn: string;
let fnArn: string;

const echo = 'export const handler = async (event) => ({ echoed: event });\n';

beforeAll(async () => {
  target = await openTarget();
  queueUrl = (await createQueue(target, 'history-queue')).url;
  fnArn = await target.createFunction('history-echo', echo);
  [callback, timeout, fn] = await Promise.all([
    createStateMachine(target, 'history-callback', callbackDefinition(queueUrl)),
    createStateMachine(target, 'history-timeout', callbackDefinition(queueUrl, 1)),
    createStateMachine(target, 'history-function', functionDefinition(fnArn)),
  ]);
});
afterAll(() => target.close());

const sfn = () => target.clients().sfn;
const types = (events: readonly HistoryEvent[]) => events.map((e) => e.type);

async function start(machine: string, label: string, input: object = { order: 42 }) {
  const name = executionName(label);
  const { executionArn = '' } = await sfn().send(
    new StartExecutionCommand({ stateMachineArn: machine, name, input: JSON.stringify(input) }),
  );
  return { name, executionArn };
}

describe('GetExecutionHistory of a callback task', () => {
  it('writes the events AWS writes, with their details, ids counting from 1', async () => {
    // Prepare / Act
    const execution = await start(callback, 'history');
    const { name, executionArn } = execution;
    const token = await nextToken(target, queueUrl, execution);
    await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    await ended(target, executionArn);
    const events = await fullHistory(target, executionArn);

    // Assess: the sequence (HistoryEvent `type`).
    expect(types(events)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    // "Events are numbered sequentially, starting at one"; previousEventId names an earlier event.
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    for (const e of events) expect(e.previousEventId ?? 0).toBeLessThan(e.id ?? 0);
    const [started, entered, exited, , scheduled, taskStarted, submitted, succeeded, taskExited] = events;
    // ExecutionStartedEventDetails: input, inputDetails, roleArn.
    expect(started?.executionStartedEventDetails).toMatchObject({
      input: '{"order":42}',
      inputDetails: { truncated: false },
      roleArn: target.stateMachineRoleArn,
    });
    // StateEnteredEventDetails: name, input (the state's raw input); StateExitedEventDetails: name, output.
    expect(entered?.stateEnteredEventDetails).toMatchObject({ name: 'Prepare', input: '{"order":42}' });
    expect(JSON.parse(exited?.stateExitedEventDetails?.output ?? '')).toEqual({
      order: 42,
      stage: 'prepared',
    });
    // TaskScheduledEventDetails: resourceType (the service), resource (the action), region, parameters, timeoutInSeconds.
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      region: target.region,
      timeoutInSeconds: 300,
    });
    const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '');
    expect(parameters).toMatchObject({ QueueUrl: queueUrl, MessageBody: { execution: name } });
    expect(typeof parameters.MessageBody.token).toBe('string');
    expect(taskStarted?.taskStartedEventDetails).toEqual({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
    });
    // TaskSubmittedEventDetails: the service's answer to the request (SendMessage's MessageId).
    expect(JSON.parse(submitted?.taskSubmittedEventDetails?.output ?? '')).toHaveProperty('MessageId');
    // TaskSucceededEventDetails: output is what SendTaskSuccess sent.
    expect(succeeded?.taskSucceededEventDetails).toMatchObject({
      resourceType: 'sqs',
      output: '{"approved":true}',
    });
    expect(JSON.parse(taskExited?.stateExitedEventDetails?.output ?? '')).toMatchObject({
      answer: { approved: true },
    });
  });

  it('writes a retry as the task scheduled again and a catch as the failure then the exit: no events of their own', async () => {
    // Error handling: a retrier runs the state again; a catcher moves to its Next with the error output.
    const execution = await start(callback, 'retry');
    const { executionArn } = execution;
    const first = await nextToken(target, queueUrl, execution);
    await sfn().send(
      new SendTaskFailureCommand({ taskToken: first, error: 'Conformance.Retry', cause: 'once more' }),
    );
    const second = await nextToken(target, queueUrl, execution);
    await sfn().send(
      new SendTaskFailureCommand({ taskToken: second, error: 'Conformance.Caught', cause: 'give up' }),
    );
    const done = await ended(target, executionArn);
    const events = await fullHistory(target, executionArn);

    expect(done.status).toBe('SUCCEEDED');
    const fromTask = types(events).slice(types(events).indexOf('TaskStateEntered'));
    expect(fromTask).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    // TaskFailedEventDetails: resourceType, resource, error, cause.
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails)).toEqual([
      {
        resourceType: 'sqs',
        resource: 'sendMessage.waitForTaskToken',
        error: 'Conformance.Retry',
        cause: 'once more',
      },
      {
        resourceType: 'sqs',
        resource: 'sendMessage.waitForTaskToken',
        error: 'Conformance.Caught',
        cause: 'give up',
      },
    ]);
    const exit = events.find((e) => e.type === 'TaskStateExited');
    expect(JSON.parse(exit?.stateExitedEventDetails?.output ?? '').failure).toEqual({
      Error: 'Conformance.Caught',
      Cause: 'give up',
    });
  });

  it('writes a task that outlives TimeoutSeconds as TaskTimedOut, and the execution fails with States.Timeout', async () => {
    // TaskTimedOutEventDetails: resourceType, resource, error; the execution fails as States.Timeout.
    const { executionArn } = await start(timeout, 'timeout');
    const done = await ended(target, executionArn);
    const events = await fullHistory(target, executionArn);

    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(events).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
    expect(events.at(-2)?.taskTimedOutEventDetails).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      error: 'States.Timeout',
    });
    expect(events.at(-1)?.executionFailedEventDetails?.error).toBe('States.Timeout');
  });
});

describe('GetExecutionHistory of a function ARN task', () => {
  it('writes LambdaFunction events, not Task events', async () => {
    // HistoryEvent: LambdaFunctionScheduled (LambdaFunctionScheduledEventDetails: resource, input),
    // LambdaFunctionStarted, LambdaFunctionSucceeded (output) for a Resource that is a function ARN.
    const { executionArn } = await start(fn, 'function', { order: 9 });
    const done = await ended(target, executionArn);
    const events = await fullHistory(target, executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(types(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: fnArn,
      input: '{"order":9}',
    });
    expect(JSON.parse(events[4]?.lambdaFunctionSucceededEventDetails?.output ?? '')).toEqual({
      echoed: { order: 9 },
    });
  });
});

describe('GetExecutionHistory paging', () => {
  it('pages in order and in reverse order, and can leave execution data out', async () => {
    // GetExecutionHistory: maxResults, nextToken, reverseOrder ("latest events first"), includeExecutionData.
    const { executionArn } = await start(fn, 'paging');
    await ended(target, executionArn);
    const all = await fullHistory(target, executionArn);
    const pageThrough = async (reverseOrder: boolean) => {
      const ids: number[] = [];
      let token: string | undefined;
      do {
        const page = await sfn().send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder, nextToken: token }),
        );
        expect(page.events?.length ?? 0).toBeLessThanOrEqual(2);
        ids.push(...(page.events ?? []).map((e) => e.id ?? 0));
        token = page.nextToken;
      } while (token);
      return ids;
    };
    expect(await pageThrough(false)).toEqual(all.map((e) => e.id));
    expect(await pageThrough(true)).toEqual(all.map((e) => e.id).reverse());
    const lean = await sfn().send(
      new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }),
    );
    expect(lean.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
    expect(lean.events?.[0]?.executionStartedEventDetails?.roleArn).toBe(target.stateMachineRoleArn);
  });

  it('answers InvalidToken for a nextToken it never issued, and InvalidArn for what is no execution ARN', async () => {
    // GetExecutionHistory Errors: InvalidToken ("The provided token is not valid"), InvalidArn.
    const { executionArn } = await start(fn, 'bad-token');
    await ended(target, executionArn);
    const failure = (promise: Promise<unknown>) => promise.then(() => 'no error', errorName);
    expect(
      await failure(sfn().send(new GetExecutionHistoryCommand({ executionArn, nextToken: 'garbage' }))),
    ).toBe('InvalidToken');
    expect(await failure(sfn().send(new GetExecutionHistoryCommand({ executionArn: 'not-an-arn' })))).toBe(
      'InvalidArn',
    );
  });
});
