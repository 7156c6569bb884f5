import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type ListExecutionsCommandInput,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorName } from './support/eventually.ts';
import { createStateMachine } from './support/resources.ts';
import {
  ended,
  executionName,
  fullHistory,
  passDefinition,
  waitDefinition,
} from './support/state-machines.ts';
import { type ConformanceTarget, openTarget } from './support/target.ts';

// AWS Step Functions API Reference (https://docs.aws.amazon.com/step-functions/latest/apireference/):
// API_StartExecution.html, API_DescribeExecution.html, API_ListExecutions.html, API_StopExecution.html.

let target: ConformanceTarget;
let pass: string;
let wait: string;

beforeAll(async () => {
  target = await openTarget();
  [pass, wait] = await Promise.all([
    createStateMachine(target, 'exec-pass', passDefinition),
    createStateMachine(target, 'exec-wait', waitDefinition),
  ]);
});
afterAll(() => target.close());

const sfn = () => target.clients().sfn;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: unknown) => errorName(error),
  );

describe('StartExecution', () => {
  it('is idempotent: the same name and input while RUNNING answer the same execution', async () => {
    // StartExecution: "If StartExecution is called with the same name and input as a running execution,
    // the call succeeds and return the same response as the original request."
    const name = executionName('same');
    const first = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: wait, name, input: '{"a":1}' }),
    );
    const again = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: wait, name, input: '{"a":1}' }),
    );
    await sfn().send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
  });

  it('answers ExecutionAlreadyExists for another input, and for any input once the execution closed', async () => {
    // StartExecution: "If the execution is closed or if the input is different, it returns a 400
    // ExecutionAlreadyExists error."
    const name = executionName('conflict');
    const { executionArn } = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: wait, name, input: '{}' }),
    );
    expect(
      await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: wait, name, input: '{"b":2}' }))),
    ).toBe('ExecutionAlreadyExists');
    await sfn().send(new StopExecutionCommand({ executionArn }));
    expect(
      await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: wait, name, input: '{}' }))),
    ).toBe('ExecutionAlreadyExists');
  });

  it.each(['with.dot', 'with+plus', 'with@at', 'with=equals', 'ünïcödé-名前', 'x'.repeat(80)])(
    'accepts the name %s',
    async (raw) => {
      // StartExecution `name`: 1-80 characters, none of white space, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /
      // or control characters; anything else (`.`, `+`, `@`, letters of any script) is allowed.
      const name = raw.length === 80 ? raw : `${raw}-${Date.now().toString(36)}`;
      const { executionArn } = await sfn().send(new StartExecutionCommand({ stateMachineArn: pass, name }));
      expect(executionArn?.endsWith(`:${name}`)).toBe(true);
      expect((await ended(target, executionArn ?? '')).name).toBe(name);
    },
  );

  it.each([
    'with space',
    'with/slash',
    'with:colon',
    'with#hash',
    'with*star',
    'tab\there',
    'x'.repeat(81),
    '',
  ])('refuses the name %j with InvalidName', async (name) => {
    // StartExecution `name` constraints (above); an empty string is shorter than the minimum of 1.
    const error = await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: pass, name })));
    expect(['InvalidName', ...(name === '' ? ['ValidationException'] : [])]).toContain(error);
  });

  it('answers StateMachineDoesNotExist, InvalidArn and InvalidExecutionInput', async () => {
    // StartExecution Errors: StateMachineDoesNotExist, InvalidArn, InvalidExecutionInput ("The provided JSON input data is not valid").
    const missing = pass.replace(/[^:]+$/, `${target.name('exec-pass')}-missing`);
    expect(await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: missing })))).toBe(
      'StateMachineDoesNotExist',
    );
    expect(await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: 'not-an-arn' })))).toBe(
      'InvalidArn',
    );
    expect(
      await failure(sfn().send(new StartExecutionCommand({ stateMachineArn: pass, input: '{not json' }))),
    ).toBe('InvalidExecutionInput');
  });
});

describe('DescribeExecution', () => {
  it('describes a finished execution: status, input, output, dates', async () => {
    // DescribeExecution Response Elements: executionArn, stateMachineArn, name, status, startDate, stopDate, input, output.
    const name = executionName('describe');
    const { executionArn } = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: pass, name, input: '{"order":7}' }),
    );
    const done = await ended(target, executionArn ?? '');
    expect(done).toMatchObject({
      executionArn,
      stateMachineArn: pass,
      name,
      status: 'SUCCEEDED',
      input: '{"order":7}',
    });
    expect(JSON.parse(done.output ?? '')).toEqual({ order: 7, result: { ok: true } });
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? Number.NaN);
  });

  it('answers InvalidArn for a string that is no execution ARN, ExecutionDoesNotExist for an unknown one', async () => {
    // DescribeExecution Errors: InvalidArn ("The provided Amazon Resource Name (ARN) is not valid"), ExecutionDoesNotExist.
    expect(
      await failure(sfn().send(new DescribeExecutionCommand({ executionArn: 'invalid_execution_arn' }))),
    ).toBe('InvalidArn');
    expect(await failure(sfn().send(new DescribeExecutionCommand({ executionArn: pass })))).toBe(
      'InvalidArn',
    );
    const unknown = `${pass.replace(':stateMachine:', ':execution:')}:never-started`;
    expect(await failure(sfn().send(new DescribeExecutionCommand({ executionArn: unknown })))).toBe(
      'ExecutionDoesNotExist',
    );
  });
});

describe('ListExecutions', () => {
  it('lists newest first, filters by status and pages with nextToken', async () => {
    // ListExecutions: "Results are sorted by time, with the most recent execution first"; statusFilter;
    // maxResults is "an upper limit"; nextToken continues the listing.
    const names = [executionName('list-a'), executionName('list-b'), executionName('list-c')];
    const arns: string[] = [];
    for (const name of names) {
      const { executionArn } = await sfn().send(new StartExecutionCommand({ stateMachineArn: pass, name }));
      arns.push(executionArn ?? '');
      await ended(target, executionArn ?? '');
    }
    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn().send(
        new ListExecutionsCommand({
          stateMachineArn: pass,
          statusFilter: 'SUCCEEDED',
          maxResults: 1,
          nextToken,
        }),
      );
      expect(page.executions?.length ?? 0).toBeLessThanOrEqual(1);
      listed.push(...(page.executions ?? []).map((e) => e.executionArn ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    const ours = listed.filter((arn) => arns.includes(arn));
    expect(ours).toEqual([...arns].reverse());
    const running = await sfn().send(
      new ListExecutionsCommand({ stateMachineArn: pass, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.filter((e) => arns.includes(e.executionArn ?? ''))).toEqual([]);
  });

  it.each<[string, ListExecutionsCommandInput, string]>([
    // "Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set".
    ['a status that is no status', { statusFilter: 'succeeded' as never }, 'ValidationException'],
    ['a page over 1,000', { maxResults: 1001 }, 'ValidationException'],
    ['a nextToken it never issued', { nextToken: 'bm90LWEtdG9rZW4' }, 'InvalidToken'],
  ])('refuses %s', async (_, input, expected) => {
    expect(await failure(sfn().send(new ListExecutionsCommand({ stateMachineArn: pass, ...input })))).toBe(
      expected,
    );
  });

  it('requires a state machine (or Map Run) that exists', async () => {
    // ListExecutions: specify a stateMachineArn or a mapRunArn; Errors: StateMachineDoesNotExist, InvalidArn, ValidationException.
    expect(await failure(sfn().send(new ListExecutionsCommand({})))).toBe('ValidationException');
    expect(await failure(sfn().send(new ListExecutionsCommand({ stateMachineArn: 'not-an-arn' })))).toBe(
      'InvalidArn',
    );
    const missing = pass.replace(/[^:]+$/, `${target.name('exec-pass')}-missing`);
    expect(await failure(sfn().send(new ListExecutionsCommand({ stateMachineArn: missing })))).toBe(
      'StateMachineDoesNotExist',
    );
  });
});

describe('StopExecution', () => {
  it('stops a running execution: ABORTED with the error and cause, history closed by ExecutionAborted', async () => {
    // StopExecution: error and cause; HistoryEvent executionAbortedEventDetails (ExecutionAbortedEventDetails: error, cause).
    const name = executionName('stop');
    const { executionArn = '' } = await sfn().send(
      new StartExecutionCommand({ stateMachineArn: wait, name }),
    );
    const stopped = await sfn().send(
      new StopExecutionCommand({ executionArn, error: 'Conformance.Stopped', cause: 'stopped by the test' }),
    );
    const done = await ended(target, executionArn);
    expect(done).toMatchObject({
      status: 'ABORTED',
      error: 'Conformance.Stopped',
      cause: 'stopped by the test',
    });
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const history = await fullHistory(target, executionArn);
    const last = history.at(-1);
    expect(last?.type).toBe('ExecutionAborted');
    expect(last?.executionAbortedEventDetails).toEqual({
      error: 'Conformance.Stopped',
      cause: 'stopped by the test',
    });
    expect(last?.executionFailedEventDetails).toBeUndefined();
  });
});
