import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../../local/http/json-server.ts';
import { startStepFunctionsApi } from '../../../local/stepfunctions/api-server.ts';
import { ExecutionStore } from '../../../local/stepfunctions/executions.ts';
import type { LambdaInvoker } from '../../../local/stepfunctions/integrations.ts';
import { LocalStateMachine, UnmappedTaskError } from '../../../local/stepfunctions/local-machine.ts';
import { LocalStepFunctions } from '../../../local/stepfunctions/service.ts';
import { TaskTokenBroker } from '../../../local/stepfunctions/task-tokens.ts';

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:test';

const definition = {
  StartAt: 'Echo',
  States: {
    Echo: { Type: 'Task', Resource: fnArn('echo'), ResultPath: '$.echo', Next: 'Map' },
    Map: {
      Type: 'Map',
      ItemsPath: '$.items',
      Iterator: {
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: {
              FunctionName: fnArn('park'),
              Payload: { 'token.$': '$$.Task.Token', 'item.$': '$' },
            },
            TimeoutSecondsPath: '$.timeout',
            End: true,
          },
        },
      },
      ResultPath: '$.results',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Done' }],
      Next: 'Done',
    },
    Done: { Type: 'Pass', End: true },
  },
};

describe('local Step Functions API', () => {
  const parked: { token: string; item: { id: number } }[] = [];
  const lambda: LambdaInvoker = {
    resolve: (name) => (['echo', 'park'].some((n) => name.endsWith(n)) ? {} : undefined),
    invoke: async (name, payload) => {
      if (name.endsWith('park')) parked.push(payload as (typeof parked)[number]);
      return { ok: true, payload: { seen: payload } };
    },
  };
  const broker = new TaskTokenBroker();
  const machine = new LocalStateMachine(
    machineArn,
    'test',
    JSON.stringify(definition),
    { lambda, broker },
    { scale: 0.01 },
  );
  const sfnLocal = new LocalStepFunctions([machine], new ExecutionStore(), broker);
  let api: Listening;
  let sfn: SFNClient;

  beforeAll(async () => {
    api = await startStepFunctionsApi(sfnLocal);
    sfn = new SFNClient({
      endpoint: api.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(async () => api.close());

  const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('mints a distinct token per Map iteration and resumes on SendTaskSuccess', async () => {
    // Prepare
    parked.length = 0;
    const input = JSON.stringify({
      items: [
        { id: 1, timeout: 600 },
        { id: 2, timeout: 600 },
      ],
    });
    // Act
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, name: 'map-ok', input }),
    );
    await waitFor(() => (parked.length === 2 ? true : undefined));
    for (const p of parked)
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: p.token, output: JSON.stringify({ ok: p.item.id }) }),
      );
    const done = await waitFor(async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    // Assess
    expect(new Set(parked.map((p) => p.token)).size).toBe(2);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}').results).toEqual([{ ok: 1 }, { ok: 2 }]);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: parked[0]?.token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = history.events?.map((e) => e.type);
    expect(types?.slice(0, 8)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'MapStateEntered',
      'MapStateStarted',
    ]);
    expect(history.events?.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({
      length: 2,
    });
    expect(types?.filter((e) => e === 'TaskSubmitted')).toHaveLength(2);
    expect(types?.slice(-5)).toEqual([
      'MapStateSucceeded',
      'MapStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('is idempotent by name for the same input and refuses a different one', async () => {
    const input = JSON.stringify({ items: [{ id: 3, timeout: 600 }] });
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, name: 'same', input }),
    );
    const again = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, name: 'same', input }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn: machineArn, name: 'same', input: '{"items":[]}' }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).status).toBe(
      'ABORTED',
    );
  });

  it('times a callback task out with the scaled TimeoutSecondsPath and answers late callbacks TaskTimedOut', async () => {
    parked.length = 0;
    const input = JSON.stringify({ items: [{ id: 4, timeout: 20 }] }); // 20 s × 0.01 = 200 ms
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, name: 'slow', input }),
    );
    const done = await waitFor(async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}').timedOut.Error).toBe('States.Timeout');
    await expect(
      sfn.send(new SendTaskFailureCommand({ taskToken: parked[0]?.token, error: 'X', cause: 'late' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('refuses a definition whose Task has no local integration, naming the state', () => {
    const bad = {
      StartAt: 'Mystery',
      States: { Mystery: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
    };
    expect(
      () => new LocalStateMachine(machineArn, 'bad', JSON.stringify(bad), { lambda, broker }, { scale: 1 }),
    ).toThrow(UnmappedTaskError);
    expect(
      () => new LocalStateMachine(machineArn, 'bad', JSON.stringify(bad), { lambda, broker }, { scale: 1 }),
    ).toThrow(/Mystery/);
  });
});
