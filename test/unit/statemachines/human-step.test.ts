import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { type Definition, expandHumanSteps, humanStepStates } from '../../../statemachines/human-step.ts';

/** The smallest workflow with one human step: a Pass before it, an end after, a failure path. */
const source = (step: Record<string, unknown> = {}): Definition => ({
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Ask' },
    Ask: {
      Type: 'Tower.HumanStep',
      Comment: 'Asks a reviewer',
      Step: 'review',
      RequestPath: '$.request',
      Next: 'Done',
      FailureNext: 'Broken',
      ...step,
    },
    Done: { Type: 'Succeed' },
    Broken: { Type: 'Fail', Error: 'Broken' },
  },
});

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:tower-request-approval';
const filled = (definition: Definition) =>
  JSON.parse(
    JSON.stringify(definition)
      .replaceAll('${RequestApprovalFunctionArn}', arn)
      .replaceAll('${Partition}', 'aws'),
  ) as unknown;

describe('expandHumanSteps', () => {
  it('turns one Tower.HumanStep into valid ASL: prepare, wait, remind, escalate or expire, and the named failure', () => {
    // Act
    const expanded = expandHumanSteps(source());

    // Assess
    expect(Object.keys(expanded.States)).toEqual([
      'Prepare',
      'Ask',
      'AskWait',
      'AskRemind',
      'AskEscalateOrExpire',
      'AskEscalate',
      'AskExpire',
      'AskFailed',
      'Done',
      'Broken',
    ]);
    expect(aslValidator(filled(expanded))).toMatchObject({ isValid: true, errors: [] });
  });

  it('keeps the task under $.humanTasks.<Step>, times each wait by the prepared timings and ends at Next', () => {
    // Act
    const states = humanStepStates('Ask', {
      Type: 'Tower.HumanStep',
      Step: 'review',
      RequestPath: '$.request',
      Next: 'Done',
      FailureNext: 'Broken',
    });

    // Assess
    expect(states.Ask).toMatchObject({
      Parameters: { phase: 'prepare', step: 'review', 'request.$': '$.request', 'document.$': '$.document' },
      ResultPath: '$.humanTasks.review',
      Next: 'AskWait',
    });
    expect(states.AskWait).toMatchObject({
      Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
      TimeoutSecondsPath: '$.humanTasks.review.timings.reminderAfterSeconds',
      ResultPath: '$.humanTasks.review.outcome',
      Next: 'Done',
    });
    expect(states.AskRemind?.TimeoutSecondsPath).toBe(
      '$.humanTasks.review.timings.remainingAfterReminderSeconds',
    );
    expect(states.AskEscalate?.TimeoutSecondsPath).toBe('$.humanTasks.review.timings.escalationSeconds');
    expect(states.AskExpire).toMatchObject({ ResultPath: '$.humanTasks.review.outcome', Next: 'Done' });
    expect(states.AskFailed).toEqual({
      Type: 'Pass',
      Comment: 'Names the failed step for RecordFailure: review',
      Result: 'review',
      ResultPath: '$.failedStep',
      Next: 'Broken',
    });
  });

  it('passes no task token, link or secret through the state: the waits carry only the task id', () => {
    const states = humanStepStates('Ask', {
      Type: 'Tower.HumanStep',
      Step: 'review',
      RequestPath: '$.request',
      Next: 'Done',
      FailureNext: 'Broken',
    });
    const parameters = states.AskWait?.Parameters as { Payload: Record<string, string> } | undefined;
    const payload = parameters?.Payload ?? {};
    expect(Object.keys(payload).sort()).toEqual([
      'executionArn.$',
      'phase',
      'process.$',
      'taskId.$',
      'taskToken.$',
    ]);
    expect(payload['taskToken.$']).toBe('$$.Task.Token');
  });

  it('keys the task by item when one execution asks per item', () => {
    const expanded = expandHumanSteps(source({ ItemKeyPath: '$.batch.id' }));
    const parameters = expanded.States.Ask?.Parameters as Record<string, unknown> | undefined;
    expect(parameters?.['itemKey.$']).toBe('$.batch.id');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no step name', { Step: undefined }, 'Step must be a short name'],
    ['a request path that is not JSONPath', { RequestPath: 'request' }, 'RequestPath must be a JSONPath'],
    ['no failure target', { FailureNext: undefined }, 'FailureNext is required'],
    ['an unknown field', { Timeout: 60 }, 'unknown field Timeout'],
  ])('refuses a human step with %s', (_, change, message) => {
    expect(() => expandHumanSteps(source(change))).toThrow(message);
  });

  it('refuses a generated state name the workflow already uses', () => {
    const clash = source();
    const withClash: Definition = {
      ...clash,
      States: { ...clash.States, AskWait: { Type: 'Pass', End: true } },
    };
    expect(() => expandHumanSteps(withClash)).toThrow('the generated state AskWait is already defined');
  });
});
