import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import {
  billedTransitions,
  pathOf,
  transitionsByPath,
  waitingStates,
} from '../../../../bin/bench/transitions.ts';
import { processes } from '../../../../lambdas/processes/index.ts';
import type { AslDefinition } from '../../../../local/stepfunctions/definition.ts';
import type { ExecutionRecord, HistoryEvent } from '../../../../local/stepfunctions/executions.ts';
import { readDefinition } from '../../../../statemachines/definition.ts';

type Step = [type: HistoryEventType, name?: string];

/** A history as AWS writes it (and the local service after it): ids in order, details under AWS's names. */
function history(steps: readonly Step[]): HistoryEvent[] {
  return steps.map(([type, name], i) => ({
    id: i + 1,
    previousEventId: i,
    timestamp: 1000 + i * 10,
    type,
    ...(type.endsWith('StateEntered') ? { stateEnteredEventDetails: { name } } : {}),
    ...(type.endsWith('StateExited') ? { stateExitedEventDetails: { name } } : {}),
    ...(type === 'TaskFailed'
      ? {
          taskFailedEventDetails: {
            resourceType: 'sqs',
            resource: 'sendMessage.waitForTaskToken',
            error: 'E',
          },
        }
      : {}),
    ...(type === 'LambdaFunctionFailed' ? { lambdaFunctionFailedEventDetails: { error: 'E' } } : {}),
  }));
}

/** A task attempt: scheduled, started, then its outcome. */
const attempt = (outcome: HistoryEventType): Step[] => [['TaskScheduled'], ['TaskStarted'], [outcome]];

const through = (...names: [string, string][]): Step[] =>
  names.flatMap(([type, name]): Step[] => [
    [`${type}StateEntered` as HistoryEventType, name],
    ...(type === 'Task' ? attempt('TaskSucceeded') : []),
    [`${type}StateExited` as HistoryEventType, name],
  ]);

const happy = history([
  ['ExecutionStarted'],
  ...through(['Task', 'Extract'], ['Task', 'Score'], ['Task', 'ApplyRules'], ['Choice', 'NeedsApproval']),
  ...through(['Task', 'Finalize']),
  ['ExecutionSucceeded'],
]);

// A retry has no event of its own on AWS: the task is scheduled again within the same state.
const retried = history([
  ['ExecutionStarted'],
  ['TaskStateEntered', 'Extract'],
  ...attempt('TaskFailed'),
  ...attempt('TaskFailed'),
  ...attempt('TaskSucceeded'),
  ['TaskStateExited', 'Extract'],
  ...through(['Task', 'Score'], ['Task', 'ApplyRules'], ['Choice', 'NeedsApproval'], ['Task', 'Finalize']),
  ['ExecutionSucceeded'],
]);

const approval = history([
  ['ExecutionStarted'],
  ...through(['Task', 'Extract'], ['Task', 'Score'], ['Task', 'ApplyRules'], ['Choice', 'NeedsApproval']),
  ...through(['Task', 'RequestApproval'], ['Task', 'Finalize']),
  ['ExecutionSucceeded'],
]);

const execution = (status: ExecutionRecord['status'], events: HistoryEvent[]) => ({ status, events });
const waiting = new Set(['RequestApproval', 'RemindApprovers', 'EscalateApproval']);

describe('state transitions from execution histories', () => {
  it.each([
    { name: 'the happy path', events: happy, expected: 5 },
    { name: 'the happy path with two retries of Extract', events: retried, expected: 7 },
    { name: 'the approval path', events: approval, expected: 6 },
    { name: 'an empty history', events: [], expected: 0 },
  ])('counts $name as $expected billed transitions', ({ events, expected }) => {
    // Act / Assess
    expect(billedTransitions(events)).toBe(expected);
  });

  it('counts a caught failure once: the state is left, not retried', () => {
    // Prepare: AWS writes a caught error as the failure followed by the state's exit.
    const events = history([
      ['ExecutionStarted'],
      ['TaskStateEntered', 'Extract'],
      ...attempt('TaskFailed'),
      ['TaskStateExited', 'Extract'],
      ['TaskStateEntered', 'RecordFailure'],
      ['LambdaFunctionScheduled'],
      ['LambdaFunctionStarted'],
      ['LambdaFunctionSucceeded'],
      ['TaskStateExited', 'RecordFailure'],
      ['FailStateEntered', 'Failed'],
      ['ExecutionFailed'],
    ]);
    // Act / Assess
    expect(billedTransitions(events)).toBe(3);
  });

  it.each([
    { status: 'SUCCEEDED', events: happy, expected: 'happy' },
    { status: 'SUCCEEDED', events: approval, expected: 'approval' },
    { status: 'FAILED', events: happy, expected: 'failed' },
    { status: 'ABORTED', events: approval, expected: 'failed' },
  ] as const)(
    'classifies a $status execution through $expected states as $expected',
    ({ status, events, expected }) => {
      // Act / Assess
      expect(pathOf(execution(status, events), waiting)).toBe(expected);
    },
  );

  it('reports min, median and max per path, leaving out paths nobody took', () => {
    // Prepare
    const executions = [
      execution('SUCCEEDED', happy),
      execution('SUCCEEDED', retried),
      execution('SUCCEEDED', happy),
      execution('SUCCEEDED', approval),
    ];
    // Act
    const byPath = transitionsByPath(executions, waiting);
    // Assess
    expect(byPath).toEqual({
      happy: { count: 3, min: 5, median: 5, max: 7 },
      approval: { count: 1, min: 6, median: 6, max: 6 },
    });
  });

  it('finds the states that wait for a person: Lambda callbacks, not queue callbacks', () => {
    // Prepare
    const definition: AslDefinition = {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: {},
          Next: 'Work',
        },
        Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:w', Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Queue',
            States: {
              Queue: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    // Act / Assess
    expect([...waitingStates(definition)].sort()).toEqual(['Ask']);
  });

  it('counts the invoice approval request as a callback state', () => {
    // Prepare
    const invoice = processes.find((p) => p.id === 'invoice');
    if (!invoice) throw new Error('no invoice process');
    // Act
    const states = waitingStates(JSON.parse(readDefinition(invoice)) as AslDefinition);
    // Assess
    expect(states).toContain('RequestApprovalWait');
    expect(states).not.toContain('RequestApproval');
    expect(states).not.toContain('Extract');
  });
});
