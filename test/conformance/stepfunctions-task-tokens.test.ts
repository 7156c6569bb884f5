import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { createQueue, createStateMachine } from './support/resources.ts';
import { callbackDefinition, ended, executionName, nextToken } from './support/state-machines.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// AWS Step Functions API Reference: API_SendTaskSuccess.html, API_SendTaskFailure.html,
// API_SendTaskHeartbeat.html. Errors: InvalidToken ("The provided token is not valid"), TaskTimedOut
// ("The task token has either expired or the task associated with the token has already been closed"),
// InvalidOutput ("The provided JSON output data is not valid").

let target: ConformanceTarget;
let queueUrl: string;
let machine: string;

beforeAll(async () => {
  target = await openTarget();
  queueUrl = (await createQueue(target, 'tokens-queue')).url;
  machine = await createStateMachine(target, 'tokens-callback', callbackDefinition(queueUrl));
});
afterAll(() => target.close());

const sfn = () => target.clients().sfn;
const failure = (promise: Promise<unknown>) => promise.then(() => 'no error', errorName);

async function waitingTask(label: string) {
  const name = executionName(label);
  const { executionArn = '' } = await sfn().send(
    new StartExecutionCommand({ stateMachineArn: machine, name, input: '{"order":1}' }),
  );
  return { executionArn, token: await nextToken(target, queueUrl, { name, executionArn }) };
}

describe('SendTask* on a used token', () => {
  it('answers TaskTimedOut to a second SendTaskSuccess, to SendTaskFailure and to SendTaskHeartbeat after it', async () => {
    const { executionArn, token } = await waitingTask('twice');
    await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{"first":true}' }));
    expect(
      await failure(sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{"second":true}' }))),
    ).toBe('TaskTimedOut');
    expect(await failure(sfn().send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' })))).toBe(
      'TaskTimedOut',
    );
    expect(await failure(sfn().send(new SendTaskHeartbeatCommand({ taskToken: token })))).toBe(
      'TaskTimedOut',
    );
    // The first answer is the one the execution kept.
    const done = await ended(target, executionArn);
    expect(JSON.parse(done.output ?? '').answer).toEqual({ first: true });
  });

  it("answers TaskTimedOut once the token's execution was stopped", async () => {
    const { executionArn, token } = await waitingTask('stopped');
    await sfn().send(new StopExecutionCommand({ executionArn }));
    await ended(target, executionArn);
    expect(await failure(sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBe(
      'TaskTimedOut',
    );
  });
});

describe('SendTask* on a token the service did not issue', () => {
  it('answers InvalidToken to garbage', async () => {
    expect(
      await failure(sfn().send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))),
    ).toBe('InvalidToken');
    expect(await failure(sfn().send(new SendTaskHeartbeatCommand({ taskToken: 'not-a-token' })))).toBe(
      'InvalidToken',
    );
  });

  it('answers InvalidToken to a real token with one character changed', async () => {
    const { executionArn, token } = await waitingTask('forged');
    const at = Math.floor(token.length / 2);
    const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await failure(sfn().send(new SendTaskSuccessCommand({ taskToken: forged, output: '{}' })))).toBe(
      'InvalidToken',
    );
    // The real token still works: the forged one touched nothing.
    await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{"real":true}' }));
    expect((await ended(target, executionArn)).status).toBe('SUCCEEDED');
  });
});

describe('SendTaskSuccess output', () => {
  it('answers InvalidOutput to output that is not JSON, and the task keeps waiting', async () => {
    const { executionArn, token } = await waitingTask('bad-output');
    expect(
      await failure(sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' }))),
    ).toBe('InvalidOutput');
    await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{"fixed":true}' }));
    expect(JSON.parse((await ended(target, executionArn)).output ?? '').answer).toEqual({ fixed: true });
  });
});
