import { describe, expect, it } from 'vitest';
import type { AslDefinition } from '../../../../local/stepfunctions/definition.ts';
import {
  EngineHistory,
  executionEnded,
  withoutExecutionData,
} from '../../../../local/stepfunctions/history-events.ts';

// The event types and details AWS writes (AWS Step Functions API Reference, HistoryEvent): state
// entries with the raw input, exits with the output, Map progress (MapStateStarted with the item
// count, MapIteration* with the iteration index); a retry or catch has no event of its own.

const definition: AslDefinition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      InputPath: '$.order',
      ItemsPath: '$.lines',
      Iterator: { StartAt: 'Line', States: { Line: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
};
const at = 1000;

describe('EngineHistory', () => {
  it('writes a state entry with its raw input and an exit with its output, as JSON text', () => {
    const history = new EngineHistory(definition);
    expect(
      history.map({
        type: 'StateEntered',
        timestamp: at,
        state: { name: 'Line', type: 'Pass', input: { a: 1 } },
      }),
    ).toEqual([
      [
        'PassStateEntered',
        { stateEnteredEventDetails: { name: 'Line', input: '{"a":1}', inputDetails: { truncated: false } } },
      ],
    ]);
    expect(
      history.map({ type: 'StateExited', timestamp: at, state: { name: 'Line', type: 'Pass', output: 'x' } }),
    ).toEqual([
      [
        'PassStateExited',
        { stateExitedEventDetails: { name: 'Line', output: '"x"', outputDetails: { truncated: false } } },
      ],
    ]);
  });

  it('writes a Map state as entered, started with its item count, iterations, succeeded, exited', () => {
    const history = new EngineHistory(definition);
    const input = { order: { lines: [1, 2, 3] } };
    const types = [
      ...history.map({ type: 'StateEntered', timestamp: at, state: { name: 'Each', type: 'Map', input } }),
      ...history.map({ type: 'MapIterationStarted', timestamp: at, parentState: { name: 'Each' }, index: 0 }),
      ...history.map({
        type: 'MapIterationSucceeded',
        timestamp: at,
        parentState: { name: 'Each' },
        index: 0,
      }),
      ...history.map({
        type: 'StateExited',
        timestamp: at,
        state: { name: 'Each', type: 'Map', output: [] },
      }),
    ];
    expect(types.map(([type]) => type)).toEqual([
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
    ]);
    expect(types[1]?.[1]).toEqual({ mapStateStartedEventDetails: { length: 3 } });
    expect(types[2]?.[1]).toEqual({ mapIterationStartedEventDetails: { name: 'Each', index: 0 } });
  });

  it('writes nothing of its own for retries, catches and task failures (the runner writes those)', () => {
    const history = new EngineHistory(definition);
    for (const type of [
      'StateRetried',
      'StateCaught',
      'StateFailed',
      'ParallelBranchStarted',
      'ExecutionSucceeded',
    ])
      expect(history.map({ type, timestamp: at, state: { name: 'Task', type: 'Task' } })).toEqual([]);
  });

  it('writes a caught Map failure as MapStateFailed then the exit, without MapStateSucceeded', () => {
    const history = new EngineHistory(definition);
    const failed = history.map({ type: 'StateFailed', timestamp: at, state: { name: 'Each', type: 'Map' } });
    const exited = history.map({
      type: 'StateExited',
      timestamp: at,
      state: { name: 'Each', type: 'Map', output: {} },
    });
    expect([...failed, ...exited].map(([type]) => type)).toEqual(['MapStateFailed', 'MapStateExited']);
  });
});

describe('executionEnded', () => {
  it.each([
    ['SUCCEEDED', 'ExecutionSucceeded', 'executionSucceededEventDetails'],
    ['FAILED', 'ExecutionFailed', 'executionFailedEventDetails'],
    ['ABORTED', 'ExecutionAborted', 'executionAbortedEventDetails'],
    ['TIMED_OUT', 'ExecutionTimedOut', 'executionTimedOutEventDetails'],
  ] as const)('closes a %s execution with %s and its own %s', (status, type, member) => {
    const [eventType, details] = executionEnded(status, { output: '{}', error: 'E', cause: 'C' });
    expect(eventType).toBe(type);
    expect(Object.keys(details)).toEqual([member]);
  });
});

describe('withoutExecutionData', () => {
  it('leaves input, output and parameters out and keeps the rest', () => {
    const event = {
      id: 1,
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        resourceType: 'sqs',
        resource: 'sendMessage',
        region: 'us-east-1',
        parameters: '{"x":1}',
      },
      executionStartedEventDetails: { input: '{}', inputDetails: { truncated: false }, roleArn: 'r' },
    };
    expect(withoutExecutionData(event)).toEqual({
      id: 1,
      type: 'TaskScheduled',
      taskScheduledEventDetails: { resourceType: 'sqs', resource: 'sendMessage', region: 'us-east-1' },
      executionStartedEventDetails: { inputDetails: { truncated: false }, roleArn: 'r' },
    });
  });
});
