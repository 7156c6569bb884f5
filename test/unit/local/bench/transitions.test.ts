import { describe, expect, it } from 'vitest';
import { processes } from '../../../../lambdas/processes/index.ts';
import {
  billedTransitions,
  pathOf,
  transitionsByPath,
  waitingStates,
} from '../../../../local/bench/transitions.ts';
import type { AslDefinition } from '../../../../local/stepfunctions/definition.ts';
import type { ExecutionRecord, HistoryEvent } from '../../../../local/stepfunctions/executions.ts';
import { readDefinition } from '../../../../statemachines/definition.ts';

type Step = [type: string, name?: string];

/** A history as the local service writes it: ids in order, details under the AWS field names. */
function history(steps: readonly Step[]): HistoryEvent[] {
  return steps.map(([type, name], i) => ({
    id: i + 1,
    previousEventId: i,
    timestamp: 1000 + i * 10,
    type,
    ...(type.endsWith('StateEntered') ? { stateEnteredEventDetails: { name } } : {}),
    ...(type.endsWith('StateExited') ? { stateExitedEventDetails: { name } } : {}),
    ...(type === 'TaskRetried' ? { taskRetriedEventDetails: { name } } : {}),
  }));
}

const through = (...names: [string, string][]): Step[] =>
  names.flatMap(([type, name]) => [
    [`${type}StateEntered`, name],
    [`${type}StateExited`, name],
  ]);

const happy = history([
  ['ExecutionStarted'],
  ...through(['Task', 'Extract'], ['Task', 'Score'], ['Task', 'ApplyRules'], ['Choice', 'NeedsApproval']),
  ...through(['Task', 'Finalize']),
  ['ExecutionSucceeded'],
]);

const retried = history([
  ['ExecutionStarted'],
  ['TaskStateEntered', 'Extract'],
  ['TaskFailed', 'Extract'],
  ['TaskRetried', 'Extract'],
  ['TaskFailed', 'Extract'],
  ['TaskRetried', 'Extract'],
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

  it('ignores exits, failures, catches and execution events', () => {
    // Prepare
    const events = history([
      ['ExecutionStarted'],
      ['TaskStateEntered', 'Extract'],
      ['TaskFailed', 'Extract'],
      ['TaskCaught', 'Extract'],
      ['TaskStateEntered', 'RecordFailure'],
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
