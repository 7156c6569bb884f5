import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import {
  billedTransitions,
  failureOf,
  retriesOf,
  stateVisitsOf,
} from '../../../../local/stepfunctions/history-reading.ts';

// A history as GetExecutionHistory returns it on AWS (SDK shapes, Date timestamps): a function ARN
// task that fails once (LambdaFunctionFailed) and is scheduled again by its retrier, then a callback
// task whose failure is caught (TaskFailed, then the state's exit).
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const events: HistoryEvent[] = [
  { id: 1, type: 'ExecutionStarted', timestamp: t(0) },
  { id: 2, type: 'TaskStateEntered', timestamp: t(1), stateEnteredEventDetails: { name: 'Score' } },
  {
    id: 3,
    type: 'LambdaFunctionScheduled',
    timestamp: t(1),
    lambdaFunctionScheduledEventDetails: { resource: 'arn' },
  },
  { id: 4, type: 'LambdaFunctionStarted', timestamp: t(1) },
  {
    id: 5,
    type: 'LambdaFunctionFailed',
    timestamp: t(2),
    lambdaFunctionFailedEventDetails: { error: 'Tower.Transient', cause: 'c' },
  },
  {
    id: 6,
    type: 'LambdaFunctionScheduled',
    timestamp: t(3),
    lambdaFunctionScheduledEventDetails: { resource: 'arn' },
  },
  { id: 7, type: 'LambdaFunctionStarted', timestamp: t(3) },
  { id: 8, type: 'LambdaFunctionSucceeded', timestamp: t(4) },
  { id: 9, type: 'TaskStateExited', timestamp: t(4), stateExitedEventDetails: { name: 'Score' } },
  { id: 10, type: 'TaskStateEntered', timestamp: t(5), stateEnteredEventDetails: { name: 'Extract' } },
  {
    id: 11,
    type: 'TaskScheduled',
    timestamp: t(5),
    taskScheduledEventDetails: {
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      region: 'r',
      parameters: '{}',
    },
  },
  {
    id: 12,
    type: 'TaskFailed',
    timestamp: t(6),
    taskFailedEventDetails: {
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      error: 'Tower.InputRejected',
    },
  },
  { id: 13, type: 'TaskStateExited', timestamp: t(6), stateExitedEventDetails: { name: 'Extract' } },
  { id: 14, type: 'TaskStateEntered', timestamp: t(7), stateEnteredEventDetails: { name: 'Quarantine' } },
];

describe('reading a history', () => {
  it('pairs entries with exits and counts attempts and failures inside each visit', () => {
    const visits = stateVisitsOf(events);
    expect(visits.map((v) => [v.name, v.type, v.attempts, v.failures.length, v.exited?.id])).toEqual([
      ['Score', 'Task', 2, 1, 9],
      ['Extract', 'Task', 1, 1, 13],
      ['Quarantine', 'Task', 0, 0, undefined],
    ]);
  });

  it('counts a retry per extra attempt and bills one transition per state entered plus each retry', () => {
    expect(retriesOf(events)).toBe(1);
    expect(billedTransitions(events)).toBe(4);
  });

  it('reads the error of any kind of failure event', () => {
    expect(failureOf(events[4] ?? { type: 'x' })).toEqual({ error: 'Tower.Transient', cause: 'c' });
    expect(failureOf(events[11] ?? { type: 'x' })?.error).toBe('Tower.InputRejected');
    expect(failureOf(events[0] ?? { type: 'x' })).toBeUndefined();
  });
});
